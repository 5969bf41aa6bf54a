import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import {
  sysColorError,
  sysColorOnSurface,
  sysColorOnSurfaceVariant,
  sysColorPending,
  sysFontFamily,
} from '../styles/tokens.js';

// Written to the browser floor (Chromium 103, Firefox ESR 115): no CSS nesting, no `:state()`,
// no `round()`; states are reflected attributes. The text layer rules are what pdf.js's text
// layer (both engines) expects of its container and spans: transparent, absolutely placed text
// whose size follows `--scale-factor` (4.x) or `--total-scale-factor` (6.x).
export const styles = [
  hostStyles,
  css`
    :host {
      display: block;
      position: relative;
      block-size: var(--hs-evidence-viewer-height, 600px);
      color: var(--hs-evidence-viewer-color, ${sysColorOnSurface});
      font-family: ${sysFontFamily};
      line-height: 1.5;
      contain: content;
    }

    [part='base'] {
      display: flex;
      flex-direction: column;
      block-size: 100%;
    }

    [part='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      padding: 0.25rem 0.5rem;
      border-block-end: 1px solid var(--hs-evidence-viewer-border-color, var(--hs-sys-color-outline, #8c959f));
      background: var(--hs-evidence-viewer-toolbar-background, var(--hs-sys-color-surface, #ffffff));
    }

    .group {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }

    button,
    input,
    select {
      font: inherit;
      color: inherit;
    }

    button {
      padding: 0.125rem 0.5rem;
      border: 1px solid var(--hs-evidence-viewer-border-color, var(--hs-sys-color-outline, #8c959f));
      border-radius: 0.25rem;
      background: transparent;
      cursor: pointer;
    }

    button:disabled {
      cursor: default;
      opacity: 0.5;
    }

    button:focus-visible,
    input:focus-visible,
    select:focus-visible,
    [part='viewport']:focus-visible {
      outline: 2px solid var(--hs-evidence-viewer-focus-color, var(--hs-sys-color-focus, #0969da));
      outline-offset: 1px;
    }

    .page-input {
      inline-size: 4em;
      text-align: end;
    }

    .find-input {
      inline-size: 10em;
    }

    [part='find-count'] {
      color: ${sysColorOnSurfaceVariant};
      white-space: nowrap;
    }

    [part='integrity-warning'] {
      padding: 0.5rem 0.75rem;
      border: 2px solid var(--hs-evidence-viewer-warning-color, ${sysColorError});
      color: var(--hs-evidence-viewer-warning-color, ${sysColorError});
      background: var(--hs-evidence-viewer-warning-background, #fff1f0);
      font-weight: bold;
    }

    [part='integrity-note'] {
      padding: 0.25rem 0.75rem;
      color: ${sysColorPending};
    }

    .body {
      display: flex;
      flex: 1 1 auto;
      min-block-size: 0;
    }

    [part='thumbnails'] {
      display: flex;
      flex: 0 0 auto;
      flex-direction: column;
      align-items: center;
      gap: 0.5rem;
      padding: 0.5rem;
      overflow-y: auto;
      overflow-x: hidden;
      border-inline-end: 1px solid var(--hs-evidence-viewer-border-color, var(--hs-sys-color-outline, #8c959f));
      background: var(--hs-evidence-viewer-toolbar-background, var(--hs-sys-color-surface, #ffffff));
    }

    [part='thumbnails'][hidden] {
      display: none;
    }

    [part='thumbnail'] {
      display: flex;
      flex: 0 0 auto;
      flex-direction: column;
      align-items: center;
      gap: 0.125rem;
      padding: 0.25rem;
      border-color: transparent;
    }

    [part='thumbnail'][aria-current='page'] {
      border-color: var(--hs-evidence-viewer-focus-color, var(--hs-sys-color-focus, #0969da));
      border-width: 2px;
    }

    .thumbnail-frame {
      display: block;
      background: var(--hs-evidence-viewer-page-background, #ffffff);
      box-shadow: var(--hs-evidence-viewer-page-shadow, 0 1px 3px rgb(0 0 0 / 0.3));
    }

    .thumbnail-canvas {
      display: block;
      inline-size: 100%;
      block-size: 100%;
    }

    .thumbnail-number {
      font-size: 0.75em;
    }

    [part='viewport'] {
      position: relative;
      flex: 1 1 auto;
      min-inline-size: 0;
      min-block-size: 0;
      overflow: auto;
      overflow-anchor: none;
      touch-action: pan-x pan-y;
      background: var(--hs-evidence-viewer-background, var(--hs-sys-color-surface-container, #e8eaed));
    }

    .column {
      display: block;
      inline-size: max-content;
      min-inline-size: 100%;
      padding: var(--hs-evidence-viewer-page-gap, 12px) 0;
    }

    .page {
      position: relative;
      display: block;
      margin: 0 auto var(--hs-evidence-viewer-page-gap, 12px);
      overflow: hidden;
      background: var(--hs-evidence-viewer-page-background, #ffffff);
      box-shadow: var(--hs-evidence-viewer-page-shadow, 0 1px 3px rgb(0 0 0 / 0.3));
    }

    .page[hidden] {
      display: none;
    }

    .canvas {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      user-select: none;
    }

    .image {
      position: absolute;
      top: 0;
      left: 0;
      transform-origin: 0 0;
      user-select: none;
    }

    .text-layer {
      position: absolute;
      top: 0;
      left: 0;
      overflow: hidden;
      line-height: 1;
      text-align: initial;
      letter-spacing: normal;
      word-spacing: normal;
      text-size-adjust: none;
      -webkit-text-size-adjust: none;
      forced-color-adjust: none;
      transform-origin: 0 0;
      z-index: 1;
      --min-font-size: 1;
    }

    .text-layer span,
    .text-layer br {
      position: absolute;
      color: transparent;
      white-space: pre;
      cursor: text;
      transform-origin: 0% 0%;
      user-select: text;
      -webkit-user-select: text;
    }

    .text-layer span {
      font-size: calc(var(--total-scale-factor, 1) * var(--min-font-size, 1) * var(--font-height, 0px));
      transform: rotate(var(--rotate, 0deg)) scaleX(var(--scale-x, 1)) scale(calc(1 / var(--min-font-size, 1)));
    }

    .text-layer .markedContent {
      display: contents;
    }

    .text-layer ::selection {
      background: var(--hs-evidence-viewer-selection-color, rgb(0 90 255 / 0.3));
      color: transparent;
    }

    .find-layer,
    .annotation-layer,
    .presence-layer {
      position: absolute;
      inset: 0;
      pointer-events: none;
    }

    .find-layer {
      z-index: 2;
    }

    .annotation-layer {
      z-index: 3;
    }

    .presence-layer {
      z-index: 4;
    }

    .annotation-layer ::slotted(*),
    .presence-layer ::slotted(*) {
      pointer-events: auto;
    }

    .highlight {
      position: absolute;
      border-radius: 2px;
      background: var(--hs-evidence-viewer-find-color, rgb(255 200 0 / 0.45));
    }

    .highlight.selected {
      background: var(--hs-evidence-viewer-find-selected-color, rgb(255 120 0 / 0.6));
      outline: 2px solid var(--hs-evidence-viewer-find-selected-outline, rgb(200 80 0));
    }

    [part='status-panel'] {
      position: absolute;
      inset-inline: 1rem;
      inset-block-start: 4rem;
      margin-inline: auto;
      max-inline-size: 32rem;
      padding: 1rem;
      border: 1px solid var(--hs-evidence-viewer-border-color, var(--hs-sys-color-outline, #8c959f));
      border-radius: 0.5rem;
      background: var(--hs-evidence-viewer-toolbar-background, var(--hs-sys-color-surface, #ffffff));
      z-index: 10;
    }

    :host([status='damaged']) [part='status-panel'],
    :host([status='unsupported']) [part='status-panel'],
    :host([status='network-error']) [part='status-panel'] {
      border-color: ${sysColorError};
    }

    [part='status-panel'] p {
      margin: 0 0 0.5rem;
    }

    .detail {
      color: ${sysColorOnSurfaceVariant};
      font-size: 0.875em;
      overflow-wrap: anywhere;
    }

    progress {
      inline-size: 100%;
    }

    .password-form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }

    .password-form p {
      flex: 1 0 100%;
    }

    .visually-hidden {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }

    @media (forced-colors: active) {
      .highlight {
        background: Highlight;
        opacity: 0.4;
      }
    }
  `,
];
