import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { sysColorError, sysColorOnSurface, sysColorOnSurfaceVariant, sysColorPending, sysColorSuccess, sysFontFamily } from '../styles/tokens.js';

// Written to the browser floor (Chromium 103, Firefox ESR 115): no CSS nesting, no `:state()`;
// states are reflected attributes (`state`, `active-mode`, `fit`).
export const styles = [
  hostStyles,
  css`
    :host {
      display: block;
      block-size: var(--hs-doc-camera-height, 480px);
      color: var(--hs-doc-camera-color, ${sysColorOnSurface});
      font-family: ${sysFontFamily};
      line-height: 1.5;
      --_mark-color: ${sysColorOnSurfaceVariant};
    }

    :host([state='live']) {
      --_mark-color: var(--hs-doc-camera-live-color, ${sysColorSuccess});
    }

    :host([state='frozen']) {
      --_mark-color: var(--hs-doc-camera-frozen-color, ${sysColorPending});
    }

    [part='base'] {
      display: flex;
      flex-direction: column;
      block-size: 100%;
    }

    [part='stage'] {
      position: relative;
      flex: 1 1 auto;
      min-block-size: 0;
      overflow: hidden;
      background: var(--hs-doc-camera-stage-background, #000);
      outline: none;
    }

    [part='stage'].selecting {
      cursor: crosshair;
      touch-action: none;
    }

    .media {
      position: absolute;
      inset: 0;
    }

    [part='video'],
    [part='still'] {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      object-fit: contain;
    }

    :host([fit='cover']) [part='video'],
    :host([fit='cover']) [part='still'] {
      object-fit: cover;
    }

    [part='video'][hidden] {
      display: none;
    }

    [part='message'] {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.75rem;
      padding: 1rem;
      text-align: center;
      color: #fff;
      background: rgba(0, 0, 0, 0.72);
    }

    [part='message'] p {
      margin: 0;
      max-inline-size: 40rem;
    }

    [part='message'].error p {
      color: #fff;
      border-inline-start: 4px solid var(--hs-doc-camera-error-color, ${sysColorError});
      padding-inline-start: 0.75rem;
      text-align: start;
    }

    [part='selection'] {
      position: absolute;
      border: 2px dashed #fff;
      outline: 1px solid #000;
      pointer-events: none;
    }

    [part='status'] {
      padding: 0.25rem 0.5rem;
      font-size: 0.875em;
    }

    [part='status']::before {
      content: '';
      display: inline-block;
      inline-size: 0.6em;
      block-size: 0.6em;
      margin-inline-end: 0.4em;
      border-radius: 50%;
      background: var(--_mark-color);
    }

    :host([state='frozen']) [part='status']::before {
      border-radius: 0;
    }

    [part='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      padding: 0.25rem 0.5rem;
    }

    [part~='button'],
    [part='select'] {
      font: inherit;
      min-block-size: 2rem;
    }

    [part~='button'][aria-pressed='true'] {
      font-weight: 600;
      box-shadow: inset 0 -3px 0 currentColor;
    }

    label {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }

    .visually-hidden {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
];
