import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { sysColorOnSurface, sysColorOnSurfaceVariant, sysFontFamily } from '../styles/tokens.js';

export const styles = [
  hostStyles,
  css`
    :host {
      display: block;
      color: var(--hs-annotation-list-color, ${sysColorOnSurface});
      font-family: ${sysFontFamily};
      font-size: 14px;
      line-height: 1.45;
      max-height: var(--hs-annotation-list-max-height, none);
      overflow: auto;
    }

    .venues {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      margin: 0 0 8px;
      padding: 6px 8px;
      border: 1px solid var(--hs-annotation-list-border-color, #d0d7de);
      border-radius: 6px;
    }

    .venues legend {
      padding: 0 4px;
      color: var(--hs-annotation-list-muted-color, ${sysColorOnSurfaceVariant});
      font-size: 12px;
    }

    .venues label {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      cursor: pointer;
    }

    .swatch {
      display: inline-block;
      flex: none;
      width: 10px;
      height: 10px;
      border-radius: 50%;
    }

    .page h3 {
      margin: 8px 0 2px;
      font-size: 13px;
      font-weight: 600;
    }

    .count,
    .excerpt,
    .meta,
    .empty {
      color: var(--hs-annotation-list-muted-color, ${sysColorOnSurfaceVariant});
    }

    .count {
      font-weight: normal;
    }

    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }

    .item {
      display: flex;
      align-items: stretch;
      gap: 2px;
    }

    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      border-radius: 4px;
      cursor: pointer;
    }

    button:focus-visible {
      outline: 2px solid var(--hs-annotation-list-focus-color, var(--hs-sys-color-focus, #0969da));
      outline-offset: -2px;
    }

    .reveal {
      display: flex;
      flex: 1;
      min-width: 0;
      align-items: baseline;
      gap: 6px;
      padding: 3px 6px;
      text-align: start;
    }

    .reveal:hover {
      background: var(--hs-annotation-list-hover-background, rgb(0 0 0 / 0.04));
    }

    .reveal[aria-current='true'] {
      background: var(--hs-annotation-list-selected-background, #ddf4ff);
    }

    .main {
      display: flex;
      flex: 1;
      min-width: 0;
      flex-direction: column;
    }

    .excerpt {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-size: 12px;
    }

    .meta {
      display: flex;
      flex: none;
      gap: 6px;
      font-size: 12px;
    }

    .delete {
      flex: none;
      width: 28px;
      font-size: 18px;
      line-height: 1;
    }

    .delete:hover {
      background: var(--hs-annotation-list-hover-background, rgb(0 0 0 / 0.06));
    }

    .empty {
      margin: 8px 0;
    }

    .announcer {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];
