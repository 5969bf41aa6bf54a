import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import {
  sysColorError,
  sysColorOnSurface,
  sysColorOnSurfaceVariant,
  sysColorPending,
  sysColorSuccess,
  sysFontFamily,
  sysMotionDurationShort,
} from '../styles/tokens.js';

// The indicator differs by shape as well as colour (pulsing, solid, hollow, barred), so the
// state does not depend on colour vision; the text says it in words anyway.
export const styles = [
  hostStyles,
  css`
    :host {
      display: inline-block;
      color: var(--hs-sync-status-color, ${sysColorOnSurface});
      font-family: ${sysFontFamily};
      line-height: 1.5;
      --_indicator-color: var(--hs-sync-status-connecting-color, ${sysColorPending});
    }

    :host([status='synced']) {
      --_indicator-color: var(--hs-sync-status-synced-color, ${sysColorSuccess});
    }

    :host([status='offline']) {
      --_indicator-color: var(--hs-sync-status-offline-color, ${sysColorOnSurfaceVariant});
    }

    :host([status='denied']) {
      --_indicator-color: var(--hs-sync-status-denied-color, ${sysColorError});
    }

    [part='base'] {
      display: inline-flex;
      align-items: center;
      white-space: nowrap;
    }

    [part='indicator'] {
      flex: none;
      margin-inline-end: var(--hs-sync-status-gap, 0.5em);
      inline-size: var(--hs-sync-status-indicator-size, 0.5em);
      block-size: var(--hs-sync-status-indicator-size, 0.5em);
      border: 0.125em solid var(--_indicator-color);
      border-radius: 50%;
      background: var(--_indicator-color);
      transition:
        background-color ${sysMotionDurationShort},
        border-color ${sysMotionDurationShort};
    }

    :host([status='connecting']) [part='indicator'] {
      animation: hs-sync-status-pulse 1s ease-in-out infinite alternate;
    }

    :host([status='offline']) [part='indicator'] {
      background: transparent;
    }

    :host([status='denied']) [part='indicator'] {
      border-radius: 0.125em;
    }

    [part='separator'] {
      /* The catalog's spaces around the mark are the spacing; flex items would drop them. */
      white-space: pre;
      color: var(--hs-sync-status-separator-color, ${sysColorOnSurfaceVariant});
    }

    @keyframes hs-sync-status-pulse {
      from {
        opacity: 1;
      }
      to {
        opacity: 0.3;
      }
    }

    @media (prefers-reduced-motion: reduce) {
      :host([status='connecting']) [part='indicator'] {
        animation: none;
      }
    }

    @media (forced-colors: active) {
      [part='indicator'] {
        border-color: CanvasText;
      }
    }
  `,
];
