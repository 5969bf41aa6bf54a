import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { sysColorError, sysColorOnSurface, sysColorOnSurfaceVariant, sysColorSuccess, sysFontFamily } from '../styles/tokens.js';

// The list is a positioned spacer with absolutely placed rows (virtualisation); `overflow-anchor`
// is off because the element keeps the reading position itself and the browser's own anchoring
// would fight it. States are reflected attributes (no `:state()`, Chromium 103 floor).
export const styles = [
  hostStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-block-size: 0;
      block-size: 100%;
      color: var(--hs-timeline-color, ${sysColorOnSurface});
      font-family: ${sysFontFamily};
      line-height: 1.5;
      position: relative;
    }

    [part='base'] {
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-block-size: 0;
      position: relative;
    }

    [part='filters'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      align-items: center;
      padding: 0.25rem 0;
    }

    [part='filter'] {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
    }

    [part='result-count'] {
      color: var(--hs-timeline-muted-color, ${sysColorOnSurfaceVariant});
      font-size: 0.875em;
    }

    [part='list'] {
      flex: 1 1 auto;
      min-block-size: 8rem;
      overflow-y: auto;
      overflow-anchor: none;
      position: relative;
      contain: strict;
    }

    [part='spacer'] {
      position: relative;
    }

    [part='entry'] {
      position: absolute;
      inset-inline: 0;
      top: 0;
      padding-block-end: var(--hs-timeline-entry-gap, 0.5rem);
      padding-inline: 0.25rem;
      overflow-wrap: anywhere;
    }

    [part='entry-header'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
      align-items: baseline;
      font-size: 0.875em;
      color: var(--hs-timeline-muted-color, ${sysColorOnSurfaceVariant});
    }

    [part='author'] {
      font-weight: 600;
      color: var(--hs-timeline-color, ${sysColorOnSurface});
    }

    [part='kind'] {
      font-weight: 600;
    }

    [part='text'],
    [part='stance'],
    [part='references'] {
      margin: 0.125rem 0 0;
      white-space: pre-wrap;
    }

    [data-kind='system'],
    [data-kind='agenda'] {
      color: var(--hs-timeline-muted-color, ${sysColorOnSurfaceVariant});
      font-size: 0.875em;
    }

    [data-kind='agenda'] [part='text'] {
      font-weight: 600;
    }

    [data-kind='decision'] [part='entry-body'] {
      border-inline-start: 0.25rem solid var(--hs-timeline-decision-color, ${sysColorSuccess});
      padding-inline-start: 0.5rem;
      font-weight: 600;
    }

    [data-retracted] [part='entry-body'] {
      text-decoration: line-through;
      opacity: 0.7;
    }

    [part='retracted'] {
      color: var(--hs-timeline-retracted-color, ${sysColorError});
    }

    [part='stance-badge'] {
      font-weight: 600;
      margin-inline-end: 0.25rem;
    }

    [part='reference'] {
      font: inherit;
      color: inherit;
      text-decoration: underline;
      background: none;
      border: 0;
      padding: 0;
      margin-inline-end: 0.5rem;
      cursor: pointer;
    }

    [part='history'] {
      font-size: 0.875em;
      color: var(--hs-timeline-muted-color, ${sysColorOnSurfaceVariant});
    }

    [part='history'] ol {
      margin: 0;
      padding-inline-start: 1.25rem;
    }

    [part='entry-actions'] {
      display: flex;
      gap: 0.5rem;
      font-size: 0.875em;
    }

    [part='empty'],
    [part='notice'] {
      color: var(--hs-timeline-muted-color, ${sysColorOnSurfaceVariant});
      text-align: center;
      margin: 1rem 0;
    }

    [part='jump-latest'] {
      position: absolute;
      inset-inline-end: 1rem;
      bottom: 7rem;
      z-index: 1;
    }

    [part='jump-latest'][hidden] {
      display: none;
    }

    [part='composer'] {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      padding-block-start: 0.5rem;
    }

    [part='composer-options'],
    [part='composer-actions'],
    [part='attached-ref'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      align-items: center;
    }

    [part='composer-options'] label {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
    }

    [part='input'],
    [part='edit-input'] {
      inline-size: 100%;
      min-block-size: 3rem;
      font: inherit;
      resize: vertical;
    }

    [part='composer-error'] {
      color: var(--hs-timeline-retracted-color, ${sysColorError});
      margin: 0;
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
