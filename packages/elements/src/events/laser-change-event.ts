/**
 * Fired by `<hs-presence>` when the local laser pointer is switched on or off (by holding `L`,
 * by a toolbar through `laser`, or by `setLaser`). Bubbles and crosses shadow roots.
 */
export class HsLaserChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-laser-change';

  /** Whether the laser is on now. */
  readonly active: boolean;

  constructor(active: boolean) {
    super(HsLaserChangeEvent.eventName, { bubbles: true, composed: true });
    this.active = active;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-laser-change': HsLaserChangeEvent;
  }
}
