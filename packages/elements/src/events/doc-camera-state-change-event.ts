import type { DocCameraState } from '../doc-camera/state.js';

/**
 * Fired by `<hs-doc-camera>` after its `state` changed (not for the first value). Bubbles and
 * crosses shadow roots.
 */
export class HsDocCameraStateChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-doc-camera-state-change';

  /** The state now. */
  readonly state: DocCameraState;

  /** The state before. */
  readonly previousState: DocCameraState;

  constructor(state: DocCameraState, previousState: DocCameraState) {
    super(HsDocCameraStateChangeEvent.eventName, { bubbles: true, composed: true });
    this.state = state;
    this.previousState = previousState;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-doc-camera-state-change': HsDocCameraStateChangeEvent;
  }
}
