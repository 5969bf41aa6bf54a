import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { sysColorError, sysColorOnSurface, sysColorOnSurfaceVariant, sysColorPending, sysFontFamily } from '../styles/tokens.js';

export const styles = [
  hostStyles,
  css`
    :host {
      display: block;
      height: var(--hs-room-height, 100%);
      min-height: 480px;
      font-family: ${sysFontFamily};
      color: ${sysColorOnSurface};
      font-size: calc(1rem * var(--hs-room-font-scale, 1));
    }

    :host([size='wide']) {
      --hs-room-font-scale: 1.25;
    }

    .base {
      display: grid;
      height: 100%;
      grid-template-columns: var(--hs-room-start-width, 240px) 6px minmax(0, 1fr) 6px var(--hs-room-end-width, 340px);
      grid-template-rows: auto auto minmax(0, 1fr);
      grid-template-areas:
        'header header header header header'
        'banner banner banner banner banner'
        'start splitter-start center splitter-end end';
      gap: 0;
      background: var(--hs-room-background, var(--hs-sys-color-surface-container, #eef1f4));
    }

    .header {
      grid-area: header;
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
      padding: 0.375rem 0.75rem;
      background: var(--hs-room-panel-background, var(--hs-sys-color-surface, #fff));
      border-bottom: 1px solid var(--hs-room-border-color, var(--hs-sys-color-outline, #d0d7de));
    }

    .title {
      margin: 0;
      font-size: 1.05em;
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .banner {
      grid-area: banner;
      margin: 0;
      padding: 0.375rem 0.75rem;
      color: var(--hs-room-banner-color, ${sysColorPending});
      background: var(--hs-room-panel-background, var(--hs-sys-color-surface, #fff));
      border-bottom: 1px solid var(--hs-room-border-color, var(--hs-sys-color-outline, #d0d7de));
    }

    .column {
      display: flex;
      flex-direction: column;
      gap: var(--hs-room-gap, 6px);
      min-height: 0;
      overflow: hidden;
      padding: var(--hs-room-gap, 6px);
    }

    .column.start {
      grid-area: start;
    }

    .column.end {
      grid-area: end;
    }

    .panel {
      display: flex;
      flex-direction: column;
      flex: 1 1 0;
      min-height: 0;
      background: var(--hs-room-panel-background, var(--hs-sys-color-surface, #fff));
      border: 1px solid var(--hs-room-border-color, var(--hs-sys-color-outline, #d0d7de));
      border-radius: 6px;
    }

    .panel[data-collapsed] {
      flex: 0 0 auto;
    }

    .panel-header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.25rem 0.5rem;
      border-bottom: 1px solid var(--hs-room-border-color, var(--hs-sys-color-outline, #d0d7de));
      font-weight: 600;
      font-size: 0.9em;
    }

    .panel[data-collapsed] .panel-header {
      border-bottom: 0;
    }

    .panel-header button {
      font: inherit;
      min-width: 1.75em;
      border: 1px solid transparent;
      border-radius: 4px;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }

    .panel-header button:focus-visible,
    .splitter:focus-visible {
      outline: 2px solid var(--hs-sys-color-focus, #1c64c8);
      outline-offset: 1px;
    }

    .panel-body {
      flex: 1 1 auto;
      min-height: 0;
      overflow: auto;
    }

    .splitter {
      cursor: col-resize;
      touch-action: none;
      background: transparent;
    }

    .splitter:hover {
      background: var(--hs-room-border-color, var(--hs-sys-color-outline, #d0d7de));
    }

    .splitter.start {
      grid-area: splitter-start;
    }

    .splitter.end {
      grid-area: splitter-end;
    }

    .center {
      grid-area: center;
      display: flex;
      flex-direction: column;
      min-width: 0;
      min-height: 0;
      padding: var(--hs-room-gap, 6px) 0;
      position: relative;
    }

    .center hs-evidence-viewer {
      flex: 1 1 auto;
      min-height: 0;
      --hs-evidence-viewer-height: 100%;
    }

    .placeholder {
      position: absolute;
      inset: 40% 1rem auto;
      margin: 0;
      text-align: center;
      color: ${sysColorOnSurfaceVariant};
    }

    [part='denied'] {
      margin: 2rem auto;
      max-width: 40rem;
      padding: 1rem 1.25rem;
      border: 1px solid var(--hs-room-denied-color, ${sysColorError});
      border-radius: 6px;
      color: var(--hs-room-denied-color, ${sysColorError});
      background: var(--hs-room-panel-background, var(--hs-sys-color-surface, #fff));
    }

    :host([size='compact']) .base {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto auto auto minmax(480px, 70vh) auto;
      grid-template-areas:
        'header'
        'banner'
        'start'
        'center'
        'end';
      height: auto;
    }

    :host([size='compact']) {
      height: auto;
    }

    :host([size='compact']) .splitter {
      display: none;
    }

    :host([size='compact']) .panel {
      flex: 0 0 auto;
      max-height: 60vh;
    }
  `,
];
