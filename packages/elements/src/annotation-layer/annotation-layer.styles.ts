import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { sysColorOnSurface, sysFontFamily } from '../styles/tokens.js';

/** The layer element itself: no box of its own (it lives beside the pages); only its live region. */
export const styles = [
  hostStyles,
  css`
    :host {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];

/** What the layer puts over each page (adopted into each page overlay's shadow root). */
export const pageStyles = css`
  :host {
    font-family: ${sysFontFamily};
    color: ${sysColorOnSurface};
  }

  canvas {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    pointer-events: none;
  }

  .ui {
    position: absolute;
    inset: 0;
    pointer-events: none;
  }

  .surface {
    position: absolute;
    inset: 0;
    outline: none;
  }

  .surface:focus-visible {
    outline: 2px solid var(--hs-annotation-layer-focus-color, var(--hs-sys-color-focus, #0969da));
    outline-offset: -2px;
  }

  .mark {
    position: absolute;
    border-radius: 2px;
    pointer-events: none;
  }

  .surface:focus .mark {
    outline: 2px solid var(--hs-annotation-layer-focus-color, var(--hs-sys-color-focus, #0969da));
    outline-offset: 2px;
  }

  .tip {
    position: absolute;
    z-index: 3;
    max-inline-size: 20rem;
    padding: 0.25rem 0.5rem;
    border-radius: 4px;
    background: var(--hs-annotation-layer-tip-background, rgb(31 35 40 / 0.92));
    color: var(--hs-annotation-layer-tip-color, #ffffff);
    font-size: 0.8125rem;
    line-height: 1.4;
    white-space: normal;
    pointer-events: none;
  }

  .editor {
    position: absolute;
    z-index: 4;
    min-inline-size: 8rem;
    min-block-size: 3rem;
    padding: 0.25rem;
    border: 2px solid var(--hs-annotation-layer-focus-color, var(--hs-sys-color-focus, #0969da));
    border-radius: 2px;
    background: var(--hs-annotation-layer-editor-background, #fffbe6);
    color: #1f2328;
    font: inherit;
    font-size: 0.875rem;
    resize: both;
    pointer-events: auto;
  }

  .callout-box {
    position: absolute;
    z-index: 5;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    padding: 0.25rem;
    border: 2px solid var(--hs-annotation-layer-callout-border, #00897b);
    border-radius: 4px;
    background: var(--hs-annotation-layer-callout-background, #ffffff);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.3);
    pointer-events: auto;
  }

  .callout-box canvas {
    position: static;
    inline-size: auto;
    block-size: auto;
    max-inline-size: 60vw;
  }

  .callout-box .actions {
    display: flex;
    gap: 0.25rem;
    justify-content: flex-end;
  }

  button {
    font: inherit;
    font-size: 0.8125rem;
    padding: 0.125rem 0.5rem;
    cursor: pointer;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
