/**
 * Fired by `<hs-briefing>` when the room's presenter changed (a hand-off by the chair, here or in
 * another venue). Bubbles and crosses shadow roots.
 */
export class HsPresenterChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-presenter-change';

  /** The new presenter's user id (`undefined` when nobody presents). */
  readonly presenterId: string | undefined;

  /** The previous presenter's user id, if there was one. */
  readonly previousPresenterId: string | undefined;

  /** True when the person at this screen is the presenter now. */
  readonly isLocalPresenter: boolean;

  constructor(presenterId: string | undefined, previousPresenterId: string | undefined, isLocalPresenter: boolean) {
    super(HsPresenterChangeEvent.eventName, { bubbles: true, composed: true });
    this.presenterId = presenterId;
    this.previousPresenterId = previousPresenterId;
    this.isLocalPresenter = isLocalPresenter;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-presenter-change': HsPresenterChangeEvent;
  }
}
