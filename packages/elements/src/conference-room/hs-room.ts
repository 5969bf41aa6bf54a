// `<hs-room>` composes every Huishen element: defining it defines them too.
import '../annotation-list/hs-annotation-list.js';
import '../annotation-toolbar/hs-annotation-toolbar.js';
import '../briefing/hs-briefing.js';
import '../doc-camera/hs-doc-camera.js';
import '../evidence-list/hs-evidence-list.js';
import '../evidence-viewer/hs-evidence-viewer.js';
import '../presence/hs-presence.js';
import '../roster/hs-roster.js';
import '../sync-status/hs-sync-status.js';
import '../timeline/hs-timeline.js';
import { HsRoom } from './conference-room.js';

export { HsRoom };

if (!customElements.get('hs-room')) customElements.define('hs-room', HsRoom);

declare global {
  interface HTMLElementTagNameMap {
    'hs-room': HsRoom;
  }
}
