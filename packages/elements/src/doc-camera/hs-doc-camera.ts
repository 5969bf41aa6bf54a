import { HsDocCamera } from './doc-camera.js';

export { HsDocCamera };

if (!customElements.get('hs-doc-camera')) customElements.define('hs-doc-camera', HsDocCamera);

declare global {
  interface HTMLElementTagNameMap {
    'hs-doc-camera': HsDocCamera;
  }
}
