import { HsRoster } from './roster.js';

export { HsRoster };

if (!customElements.get('hs-roster')) customElements.define('hs-roster', HsRoster);

declare global {
  interface HTMLElementTagNameMap {
    'hs-roster': HsRoster;
  }
}
