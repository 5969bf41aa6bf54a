import { HsSyncStatus } from './sync-status.js';

export { HsSyncStatus };

if (!customElements.get('hs-sync-status')) customElements.define('hs-sync-status', HsSyncStatus);

declare global {
  interface HTMLElementTagNameMap {
    'hs-sync-status': HsSyncStatus;
  }
}
