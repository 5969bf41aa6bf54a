import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { sysColorOnSurface, sysColorOnSurfaceVariant, sysColorPending, sysColorSuccess, sysFontFamily } from '../styles/tokens.js';

export const styles = [
  hostStyles,
  css`
    :host {
      display: block;
      font-family: ${sysFontFamily};
      color: var(--hs-roster-color, ${sysColorOnSurface});
    }

    [part='base'] {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      padding: 0.5rem;
    }

    [part='venue-name'] {
      margin: 0 0 0.25rem;
      font-size: 0.9em;
      font-weight: 600;
    }

    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }

    [part='person'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
    }

    [part='swatch'] {
      width: 0.75em;
      height: 0.75em;
      border-radius: 50%;
      flex: none;
    }

    [part='name'] {
      font-weight: 600;
    }

    [part='role'],
    [part='activity'],
    [part='empty'] {
      font-size: 0.85em;
      color: var(--hs-roster-meta-color, ${sysColorOnSurfaceVariant});
      margin: 0;
    }

    [data-activity='following'] [part='activity'] {
      color: var(--hs-roster-following-color, ${sysColorSuccess});
    }

    [data-activity='diverged'] [part='activity'] {
      color: var(--hs-roster-diverged-color, ${sysColorPending});
      font-weight: 600;
    }

    [part='roll-call'] {
      align-self: flex-start;
      font: inherit;
      padding: 0.25rem 0.75rem;
      border: 1px solid currentColor;
      border-radius: 4px;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }

    [part='roll-call']:focus-visible {
      outline: 2px solid var(--hs-sys-color-focus, #1c64c8);
      outline-offset: 1px;
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
];
