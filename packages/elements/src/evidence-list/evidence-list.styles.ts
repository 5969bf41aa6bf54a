import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { sysColorError, sysColorOnSurface, sysColorOnSurfaceVariant, sysColorPending, sysColorSuccess, sysFontFamily } from '../styles/tokens.js';

export const styles = [
  hostStyles,
  css`
    :host {
      display: block;
      font-family: ${sysFontFamily};
      color: var(--hs-evidence-list-color, ${sysColorOnSurface});
    }

    [part='base'] {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      min-height: 100%;
      padding: 0.5rem;
      border: 2px dashed transparent;
      border-radius: 6px;
    }

    :host([drop-active]) [part='base'] {
      border-color: var(--hs-evidence-list-drop-color, ${sysColorPending});
    }

    [part='add'] {
      align-self: flex-start;
      font: inherit;
      padding: 0.25rem 0.75rem;
      border: 1px solid var(--hs-evidence-list-border-color, ${sysColorOnSurfaceVariant});
      border-radius: 4px;
      background: var(--hs-evidence-list-button-background, transparent);
      color: inherit;
      cursor: pointer;
    }

    [part='list'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }

    [part~='item'] {
      display: block;
      width: 100%;
      text-align: start;
      font: inherit;
      color: inherit;
      padding: 0.375rem 0.5rem;
      border: 1px solid transparent;
      border-radius: 4px;
      background: transparent;
      cursor: pointer;
    }

    [part~='item']:hover {
      background: var(--hs-evidence-list-hover-background, rgba(0, 0, 0, 0.05));
    }

    [part='entry'] {
      border: 1px solid transparent;
      border-radius: 4px;
      padding-bottom: 0.25rem;
    }

    [part='entry'][data-selected] {
      border-color: var(--hs-evidence-list-selected-color, #1c64c8);
      background: var(--hs-evidence-list-selected-background, rgba(28, 100, 200, 0.08));
    }

    [part~='item'][aria-current='true'] [part='title'] {
      color: var(--hs-evidence-list-selected-color, #1c64c8);
    }

    [part~='item']:focus-visible,
    [part='add']:focus-visible {
      outline: 2px solid var(--hs-evidence-list-focus-color, var(--hs-sys-color-focus, #1c64c8));
      outline-offset: 1px;
    }

    [part='title'] {
      display: block;
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    [part='meta'] {
      display: block;
      font-size: 0.85em;
      color: var(--hs-evidence-list-meta-color, ${sysColorOnSurfaceVariant});
    }

    [part='integrity'] {
      padding: 0 0.5rem;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.5rem;
      margin: 0;
      list-style: none;
      font-size: 0.8em;
    }

    [data-integrity='ok'] {
      color: var(--hs-evidence-list-ok-color, ${sysColorSuccess});
    }

    [data-integrity='mismatch'] {
      color: var(--hs-evidence-list-mismatch-color, ${sysColorError});
      font-weight: 700;
    }

    [data-integrity='unchecked'] {
      color: var(--hs-evidence-list-unchecked-color, ${sysColorOnSurfaceVariant});
    }

    [part='hint'],
    [part='empty'] {
      margin: 0;
      font-size: 0.85em;
      color: var(--hs-evidence-list-meta-color, ${sysColorOnSurfaceVariant});
    }

    [part='error'] {
      margin: 0;
      color: var(--hs-evidence-list-error-color, ${sysColorError});
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
