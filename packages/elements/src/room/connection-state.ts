/**
 * The observable {@link RoomConnection} every room implementation shares: the WebSocket room
 * session (`connectRoom`) and the in-memory story room both hold one and update it through
 * {@link ConnectionState.update}. Consumers only see the read-only interface.
 */
import type { ConnectionStatus } from './connection-status.js';
import type { RoomConnection } from './room-context.js';

/** A {@link RoomConnection} whose owner can change it; fires `change` only on a real change. */
export class ConnectionState extends EventTarget implements RoomConnection {
  private currentStatus: ConnectionStatus;
  private currentUnsaved = 0;

  constructor(status: ConnectionStatus = 'connecting') {
    super();
    this.currentStatus = status;
  }

  /** Connecting, synced, offline or denied. */
  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** Local changes the server has not yet confirmed as saved. */
  get unsaved(): number {
    return this.currentUnsaved;
  }

  /** Sets the status and/or the unsaved count; dispatches one `change` event if either changed. */
  update(next: { status?: ConnectionStatus; unsaved?: number }): void {
    const status = next.status ?? this.currentStatus;
    const unsaved = next.unsaved ?? this.currentUnsaved;
    if (!Number.isInteger(unsaved) || unsaved < 0) throw new RangeError(`unsaved must be a non-negative integer, got ${unsaved}`);
    if (status === this.currentStatus && unsaved === this.currentUnsaved) return;
    this.currentStatus = status;
    this.currentUnsaved = unsaved;
    this.dispatchEvent(new Event('change'));
  }
}
