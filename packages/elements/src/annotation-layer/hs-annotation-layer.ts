import { HsAnnotationLayer } from './annotation-layer.js';

export { HsAnnotationLayer };

if (!customElements.get('hs-annotation-layer')) customElements.define('hs-annotation-layer', HsAnnotationLayer);

declare global {
  interface HTMLElementTagNameMap {
    'hs-annotation-layer': HsAnnotationLayer;
  }
}
