import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { sysColorOnSurface, sysFontFamily } from '../styles/tokens.js';

export const styles = [
  hostStyles,
  css`
    :host {
      display: block;
      font-family: ${sysFontFamily};
      color: var(--hs-annotation-toolbar-color, ${sysColorOnSurface});
    }

    .base {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      padding: 0.25rem 0.5rem;
      background: var(--hs-annotation-toolbar-background, var(--hs-sys-color-surface, #ffffff));
      border-block-end: 1px solid var(--hs-annotation-toolbar-border-color, var(--hs-sys-color-outline, #d0d7de));
    }

    .group {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem;
    }

    button,
    select,
    input {
      font: inherit;
      font-size: 0.875rem;
      color: inherit;
    }

    button {
      padding: 0.25rem 0.5rem;
      border: 1px solid var(--hs-annotation-toolbar-border-color, var(--hs-sys-color-outline, #d0d7de));
      border-radius: 4px;
      background: transparent;
      cursor: pointer;
    }

    button[aria-pressed='true'] {
      background: var(--hs-annotation-toolbar-pressed-background, #ddf4ff);
      border-color: var(--hs-annotation-toolbar-focus-color, var(--hs-sys-color-focus, #0969da));
      font-weight: 600;
    }

    button:disabled {
      cursor: default;
      opacity: 0.5;
    }

    button:focus-visible,
    select:focus-visible,
    input:focus-visible {
      outline: 2px solid var(--hs-annotation-toolbar-focus-color, var(--hs-sys-color-focus, #0969da));
      outline-offset: 1px;
    }

    .swatch {
      padding: 0.125rem;
      inline-size: 1.75rem;
      block-size: 1.75rem;
    }

    .chip {
      display: block;
      inline-size: 100%;
      block-size: 100%;
      border-radius: 2px;
    }

    .stamp-number {
      inline-size: 6rem;
    }
  `,
];
