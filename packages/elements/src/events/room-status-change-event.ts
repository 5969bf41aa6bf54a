import type { ConnectionStatus } from '../room/connection-status.js';

/**
 * Fired by `<hs-room>` when its connection state changes: `connecting`, `synced`, `offline`,
 * `denied`, or `reset` (the server's record of the room was replaced: a new generation). Bubbles
 * and crosses shadow roots.
 */
export class HsRoomStatusChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-room-status-change';

  /** The new state. */
  readonly status: ConnectionStatus | 'reset';

  /** The state before. */
  readonly previousStatus: ConnectionStatus | 'reset' | 'idle';

  /** With `denied`: `unauthenticated` (token invalid or expired) or `forbidden` (no rights). */
  readonly reason: string | undefined;

  constructor(status: ConnectionStatus | 'reset', previousStatus: ConnectionStatus | 'reset' | 'idle', reason?: string) {
    super(HsRoomStatusChangeEvent.eventName, { bubbles: true, composed: true });
    this.status = status;
    this.previousStatus = previousStatus;
    this.reason = reason;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-room-status-change': HsRoomStatusChangeEvent;
  }
}
