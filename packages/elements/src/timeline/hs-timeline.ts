import { HsTimeline } from './timeline.js';

export { HsTimeline };

if (!customElements.get('hs-timeline')) customElements.define('hs-timeline', HsTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'hs-timeline': HsTimeline;
  }
}
