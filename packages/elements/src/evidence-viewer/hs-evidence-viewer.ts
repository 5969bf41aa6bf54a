import { HsEvidenceViewer } from './evidence-viewer.js';
// The viewer shows the room's annotations over its pages, and optionally their toolbar.
import '../annotation-layer/hs-annotation-layer.js';
import '../annotation-toolbar/hs-annotation-toolbar.js';

export { HsEvidenceViewer };

if (!customElements.get('hs-evidence-viewer')) customElements.define('hs-evidence-viewer', HsEvidenceViewer);

declare global {
  interface HTMLElementTagNameMap {
    'hs-evidence-viewer': HsEvidenceViewer;
  }
}
