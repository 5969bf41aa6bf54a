// Registers every Huishen element. Import this module once (or the single `hs-*.js` modules you
// use) for its side effect; `index.ts` only exports classes and functions.
import './annotation-layer/hs-annotation-layer.js';
import './annotation-list/hs-annotation-list.js';
import './annotation-toolbar/hs-annotation-toolbar.js';
import './briefing/hs-briefing.js';
import './conference-room/hs-room.js';
import './doc-camera/hs-doc-camera.js';
import './evidence-list/hs-evidence-list.js';
import './evidence-viewer/hs-evidence-viewer.js';
import './presence/hs-presence.js';
import './roster/hs-roster.js';
import './sync-status/hs-sync-status.js';
import './timeline/hs-timeline.js';
