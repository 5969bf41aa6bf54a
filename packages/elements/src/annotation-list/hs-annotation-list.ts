import { HsAnnotationList } from './annotation-list.js';

export { HsAnnotationList };

if (!customElements.get('hs-annotation-list')) customElements.define('hs-annotation-list', HsAnnotationList);

declare global {
  interface HTMLElementTagNameMap {
    'hs-annotation-list': HsAnnotationList;
  }
}
