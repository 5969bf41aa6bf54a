/**
 * Fired by `<hs-evidence-viewer>` when what the viewport shows changed (scroll, zoom, rotation,
 * resize), at most once per animation frame. The region is in PDF user space of the unrotated
 * page, so another venue can show the same region at its own zoom (follow mode). Bubbles and
 * crosses shadow roots.
 */
export class HsViewportChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-viewport-change';

  /** The current page, 1-based. */
  readonly page: number;

  /** The visible part of that page, `[x1, y1, x2, y2]` in its user space (x1 ≤ x2, y1 ≤ y2). */
  readonly region: readonly [number, number, number, number];

  /** The zoom factor in effect (1 = 100 %). */
  readonly zoom: number;

  /** The view rotation (0, 90, 180 or 270), on top of each page's own. */
  readonly rotation: number;

  constructor(page: number, region: readonly [number, number, number, number], zoom: number, rotation: number) {
    super(HsViewportChangeEvent.eventName, { bubbles: true, composed: true });
    this.page = page;
    this.region = region;
    this.zoom = zoom;
    this.rotation = rotation;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-viewport-change': HsViewportChangeEvent;
  }
}
