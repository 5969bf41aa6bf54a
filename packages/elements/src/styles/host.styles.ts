import { css } from 'lit';

/** Styles every Huishen element starts with: `hidden` hides it, boxes size from the border. */
export const hostStyles = css`
  :host {
    box-sizing: border-box;
  }

  :host *,
  :host *::before,
  :host *::after {
    box-sizing: inherit;
  }

  :host([hidden]) {
    display: none !important;
  }
`;
