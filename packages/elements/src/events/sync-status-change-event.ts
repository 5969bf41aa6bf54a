import type { ConnectionStatus } from '../room/connection-status.js';

/**
 * Fired by `<hs-sync-status>` after its `status` changed (not for the first value). Bubbles and
 * crosses shadow roots, so a portal can listen once on `document`.
 */
export class HsSyncStatusChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-sync-status-change';

  /** The status now shown. */
  readonly status: ConnectionStatus;

  /** The status shown before. */
  readonly previousStatus: ConnectionStatus;

  constructor(status: ConnectionStatus, previousStatus: ConnectionStatus) {
    super(HsSyncStatusChangeEvent.eventName, { bubbles: true, composed: true });
    this.status = status;
    this.previousStatus = previousStatus;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-sync-status-change': HsSyncStatusChangeEvent;
  }
}
