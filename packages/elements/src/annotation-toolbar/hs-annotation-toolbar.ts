import { HsAnnotationToolbar } from './annotation-toolbar.js';

export { HsAnnotationToolbar };

if (!customElements.get('hs-annotation-toolbar')) customElements.define('hs-annotation-toolbar', HsAnnotationToolbar);

declare global {
  interface HTMLElementTagNameMap {
    'hs-annotation-toolbar': HsAnnotationToolbar;
  }
}
