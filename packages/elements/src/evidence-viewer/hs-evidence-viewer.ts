import { HsEvidenceViewer } from './evidence-viewer.js';

export { HsEvidenceViewer };

if (!customElements.get('hs-evidence-viewer')) customElements.define('hs-evidence-viewer', HsEvidenceViewer);

declare global {
  interface HTMLElementTagNameMap {
    'hs-evidence-viewer': HsEvidenceViewer;
  }
}
