import { HsPresence } from './presence.js';

export { HsPresence };

if (!customElements.get('hs-presence')) customElements.define('hs-presence', HsPresence);

declare global {
  interface HTMLElementTagNameMap {
    'hs-presence': HsPresence;
  }
}
