import { HsEvidenceList } from './evidence-list.js';

export { HsEvidenceList };

if (!customElements.get('hs-evidence-list')) customElements.define('hs-evidence-list', HsEvidenceList);

declare global {
  interface HTMLElementTagNameMap {
    'hs-evidence-list': HsEvidenceList;
  }
}
