// Registers every Huishen element. Import this module once (or the single `hs-*.js` modules you
// use) for its side effect; `index.ts` only exports classes and functions.
import './evidence-viewer/hs-evidence-viewer.js';
import './sync-status/hs-sync-status.js';
