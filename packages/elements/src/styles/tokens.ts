/**
 * System tokens: the `--hs-sys-*` custom properties a portal sets once to theme every Huishen
 * element, each with the value used when the portal sets nothing. Components never use a raw
 * colour; they expose `--hs-<component>-*` properties that fall back to these:
 *
 * ```ts
 * color: var(--hs-sync-status-color, ${sysColorOnSurface});
 * ```
 *
 * The defaults meet WCAG AA contrast on a white background.
 */
import { css } from 'lit';

/** Body text: `--hs-sys-color-on-surface`. */
export const sysColorOnSurface = css`var(--hs-sys-color-on-surface, #1f2328)`;

/** Secondary text and neutral marks: `--hs-sys-color-on-surface-variant`. */
export const sysColorOnSurfaceVariant = css`var(--hs-sys-color-on-surface-variant, #59636e)`;

/** Success, "all is well": `--hs-sys-color-success`. */
export const sysColorSuccess = css`var(--hs-sys-color-success, #1a7f37)`;

/** Waiting, in progress: `--hs-sys-color-pending`. */
export const sysColorPending = css`var(--hs-sys-color-pending, #9a6700)`;

/** Errors and refusals: `--hs-sys-color-error`. */
export const sysColorError = css`var(--hs-sys-color-error, #cf222e)`;

/** Text family: `--hs-sys-font-family`; the page's font when unset. */
export const sysFontFamily = css`var(--hs-sys-font-family, inherit)`;

/** Duration of short state transitions: `--hs-sys-motion-duration-short`. */
export const sysMotionDurationShort = css`var(--hs-sys-motion-duration-short, 150ms)`;
