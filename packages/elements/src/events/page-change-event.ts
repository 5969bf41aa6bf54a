/**
 * Fired by `<hs-evidence-viewer>` when the current page (the one most of the viewport shows)
 * changed. Bubbles and crosses shadow roots.
 */
export class HsPageChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-page-change';

  /** The current page, 1-based. */
  readonly page: number;

  /** The page that was current before. */
  readonly previousPage: number;

  constructor(page: number, previousPage: number) {
    super(HsPageChangeEvent.eventName, { bubbles: true, composed: true });
    this.page = page;
    this.previousPage = previousPage;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-page-change': HsPageChangeEvent;
  }
}
