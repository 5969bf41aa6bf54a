import '../evidence-viewer/hs-evidence-viewer.js';
import { HsBriefing } from './briefing.js';

export { HsBriefing };

if (!customElements.get('hs-briefing')) customElements.define('hs-briefing', HsBriefing);

declare global {
  interface HTMLElementTagNameMap {
    'hs-briefing': HsBriefing;
  }
}
