import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { sysFontFamily } from '../styles/tokens.js';

/** The element itself holds only a visually hidden live region. */
export const styles = [
  hostStyles,
  css`
    :host {
      display: block;
      position: relative;
      width: 0;
      height: 0;
      overflow: visible;
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

/**
 * Styles of a page's presence overlay (adopted into each overlay's own shadow root, so they work
 * inside the viewer's page boxes). Custom properties inherit from the page, hence from the page
 * author's `hs-evidence-viewer { --hs-presence-…: … }`.
 */
export const overlayStyles = css`
  :host {
    position: absolute;
    inset: 0;
    pointer-events: none;
    overflow: hidden;
    font-family: ${sysFontFamily};
  }

  .pointer {
    position: absolute;
    transform: translate(-1px, -1px);
    transition: left 80ms linear, top 80ms linear;
    will-change: left, top;
  }

  .arrow {
    display: block;
    width: var(--hs-presence-pointer-size, 18px);
    height: var(--hs-presence-pointer-size, 18px);
    fill: var(--_color);
    stroke: white;
    stroke-width: 1.2px;
    filter: drop-shadow(0 1px 1px rgb(0 0 0 / 0.35));
  }

  .label {
    position: absolute;
    left: calc(var(--hs-presence-pointer-size, 18px) * 0.7);
    top: calc(var(--hs-presence-pointer-size, 18px) * 0.8);
    padding: 1px 6px;
    border-radius: 4px;
    background: var(--_color);
    color: var(--hs-presence-label-color, white);
    font-size: var(--hs-presence-label-font-size, 12px);
    line-height: 1.5;
    white-space: nowrap;
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.3);
  }

  .laser-dot {
    position: absolute;
    width: var(--hs-presence-laser-size, 14px);
    height: var(--hs-presence-laser-size, 14px);
    margin: calc(var(--hs-presence-laser-size, 14px) / -2) 0 0 calc(var(--hs-presence-laser-size, 14px) / -2);
    border-radius: 50%;
    background: var(--hs-presence-laser-color, #ff1f1f);
    box-shadow: 0 0 8px 3px var(--hs-presence-laser-glow, rgb(255 31 31 / 0.6));
  }

  .laser-dot.trail {
    transform: scale(0.6);
    box-shadow: none;
  }

  @media (prefers-reduced-motion: reduce) {
    .pointer {
      transition: none;
    }
  }
`;
