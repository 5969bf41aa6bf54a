import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { sysColorError, sysColorOnSurface, sysColorOnSurfaceVariant, sysColorPending, sysColorSuccess, sysFontFamily } from '../styles/tokens.js';

// States differ by words and marks as well as colour (●, ◐, ○; the bar's text), so nothing
// depends on colour vision.
export const styles = [
  hostStyles,
  css`
    :host {
      display: block;
      color: var(--hs-briefing-color, ${sysColorOnSurface});
      background: var(--hs-briefing-background, var(--hs-sys-color-surface, #ffffff));
      font-family: ${sysFontFamily};
      line-height: 1.5;
      --_border: var(--hs-briefing-border-color, var(--hs-sys-color-outline, #8c959f));
      --_focus: var(--hs-briefing-focus-color, var(--hs-sys-color-focus, #0969da));
    }

    .base {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      padding: 0.75rem;
    }

    button,
    input,
    select,
    textarea {
      font: inherit;
      color: inherit;
    }

    button {
      cursor: pointer;
      border: 1px solid var(--_border);
      border-radius: 4px;
      background: var(--hs-briefing-background, var(--hs-sys-color-surface, #ffffff));
      padding: 0.25rem 0.75rem;
    }

    button:focus-visible,
    input:focus-visible,
    select:focus-visible,
    textarea:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }

    button.small {
      padding: 0 0.5rem;
      font-size: 0.875em;
    }

    button.danger {
      color: ${sysColorError};
    }

    .follow-bar {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      flex-wrap: wrap;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_border);
      border-inline-start: 4px solid var(--hs-briefing-following-color, ${sysColorSuccess});
      border-radius: 4px;
    }

    .follow-bar[data-state='diverged'],
    .follow-bar[data-state='off'] {
      border-inline-start-color: var(--hs-briefing-diverged-color, ${sysColorPending});
      font-weight: 600;
    }

    .return {
      font-weight: 600;
      border-width: 2px;
      border-color: var(--hs-briefing-diverged-color, ${sysColorPending});
    }

    .timer {
      display: flex;
      gap: 1rem;
      font-variant-numeric: tabular-nums;
      color: ${sysColorOnSurfaceVariant};
    }

    .outline {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }

    .node {
      border: 1px solid var(--_border);
      border-radius: 4px;
      padding: 0.5rem 0.75rem;
    }

    .node[aria-current='step'] {
      background: var(--hs-briefing-current-background, var(--hs-sys-color-surface-container, #e8eaed));
      border-inline-start: 4px solid var(--_focus);
    }

    .node[draggable='true'] {
      cursor: grab;
    }

    .head {
      display: flex;
      align-items: baseline;
      gap: 0.5rem;
    }

    .kind {
      font-size: 0.8em;
      color: ${sysColorOnSurfaceVariant};
      white-space: nowrap;
    }

    .node-button {
      border: none;
      background: none;
      padding: 0;
      font-weight: 600;
      text-align: start;
      flex: 1;
    }

    .spent {
      font-variant-numeric: tabular-nums;
      font-size: 0.85em;
      color: ${sysColorOnSurfaceVariant};
    }

    .body p,
    .body ul {
      margin: 0.25rem 0;
    }

    .anchors {
      list-style: none;
      margin: 0.25rem 0 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.5rem;
    }

    .anchor[aria-current='location'] {
      border-color: var(--_focus);
      border-width: 2px;
    }

    .editor,
    .add-node,
    .hand-off {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: end;
      margin-top: 0.5rem;
    }

    label {
      display: flex;
      flex-direction: column;
      font-size: 0.875em;
    }

    label.wide {
      flex-basis: 100%;
    }

    .row {
      display: flex;
      gap: 0.5rem;
    }

    .hint,
    .empty {
      color: ${sysColorOnSurfaceVariant};
      font-size: 0.875em;
      margin: 0;
    }

    .roster h3,
    .roster h4 {
      margin: 0.25rem 0;
      font-size: 1em;
    }

    .roster ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }

    .roster li {
      display: flex;
      gap: 0.5rem;
    }

    .roster li[data-state='following'] .mark {
      color: var(--hs-briefing-following-color, ${sysColorSuccess});
    }

    .roster li[data-state='diverged'] .mark {
      color: var(--hs-briefing-diverged-color, ${sysColorPending});
    }

    .roster .state {
      color: ${sysColorOnSurfaceVariant};
    }

    .callout {
      position: fixed;
      inset-block-end: 1rem;
      inset-inline-end: 1rem;
      z-index: 10;
      width: min(480px, 90vw);
      border: 1px solid var(--_border);
      border-radius: 6px;
      background: var(--hs-briefing-background, var(--hs-sys-color-surface, #ffffff));
      box-shadow: 0 4px 16px rgb(0 0 0 / 25%);
      padding: 0.5rem;
    }

    .callout-head {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem;
    }

    .callout-viewer {
      --hs-evidence-viewer-height: 280px;
    }

    /* A magnified region, not a document to browse: no controls, so its size stays put. */
    .callout-viewer::part(toolbar) {
      display: none;
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
];
