/**
 * Fired when this screen's follow state changed: it started following the presenter, broke away
 * (the reader scrolled, zoomed or opened other evidence on their own), rejoined, or turned follow
 * off. Bubbles and crosses shadow roots.
 */
export class HsFollowChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-follow-change';

  /** `following`, `diverged` (broke away; one action returns) or `off` (follow turned off). */
  readonly state: FollowState;

  /** The state before. */
  readonly previousState: FollowState;

  /** What caused it: `user` (this reader's action) or `program` (an API call, a hand-off). */
  readonly cause: 'user' | 'program';

  constructor(state: FollowState, previousState: FollowState, cause: 'user' | 'program') {
    super(HsFollowChangeEvent.eventName, { bubbles: true, composed: true });
    this.state = state;
    this.previousState = previousState;
    this.cause = cause;
  }
}

/** Whether a screen follows the presenter. */
export type FollowState = 'following' | 'diverged' | 'off';

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-follow-change': HsFollowChangeEvent;
  }
}
