/**
 * Limits of the room server and their defaults. Every limit that a client can hit closes only
 * that client's connection, with a close code of its own (see `CloseCode` in the model), so a
 * misbehaving client can never stall the process or another room.
 */

/** Configurable limits; every field is optional in {@link RoomServerOptions}. */
export interface Limits {
  /** Largest frame a client may send, in bytes (close 4413). Default 1 MiB. */
  maxMessageBytes: number;
  /** Sustained messages per second per connection (close 4429). Default 300. */
  messagesPerSecond: number;
  /** Burst of messages a connection may send at once before the rate applies. Default 1000. */
  messageBurst: number;
  /** Connections per room (close 4409). Default 250. */
  maxConnectionsPerRoom: number;
  /** Rooms loaded at once (close 4409 for a connection that would load one more). Default 10,000. */
  maxRooms: number;
  /** Time a TCP connection may take to present a valid token and upgrade, in ms. Default 10 s. */
  authTimeoutMs: number;
  /** Bytes queued for a slow reader before its connection is closed (1013). Default 16 MiB. */
  maxBufferedBytes: number;
  /** A room without connections is unloaded after this many ms. Default 30 s. */
  roomIdleMs: number;
  /** How often loaded rooms are checked for compaction, in ms. Default 60 s. */
  compactIntervalMs: number;
  /** Compact a room once it holds this many stored entries. Default 500. */
  compactMinEntries: number;
  /** …or this many stored bytes. Default 1 MiB. */
  compactMinBytes: number;
  /** Most updates in one store append (group commit cap). Default 1000. */
  maxBatchEntries: number;
  /** Most bytes in one store append. Default 4 MiB. */
  maxBatchBytes: number;
  /** A room whose appends keep failing this long is closed with 1013. Default 30 s. */
  pendingMaxAgeMs: number;
  /** A room holding this many unstored bytes is closed with 1013. Default 64 MiB. */
  pendingMaxBytes: number;
  /** WebSocket ping interval; a connection that missed a pong is dropped. Default 30 s. */
  pingIntervalMs: number;
  /** Largest evidence blob accepted by `PUT /evidence/<sha256>`. Default 512 MiB. */
  maxBlobBytes: number;
}

/** The default limits. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxMessageBytes: 1024 * 1024,
  messagesPerSecond: 300,
  messageBurst: 1000,
  maxConnectionsPerRoom: 250,
  maxRooms: 10_000,
  authTimeoutMs: 10_000,
  maxBufferedBytes: 16 * 1024 * 1024,
  roomIdleMs: 30_000,
  compactIntervalMs: 60_000,
  compactMinEntries: 500,
  compactMinBytes: 1024 * 1024,
  maxBatchEntries: 1000,
  maxBatchBytes: 4 * 1024 * 1024,
  pendingMaxAgeMs: 30_000,
  pendingMaxBytes: 64 * 1024 * 1024,
  pingIntervalMs: 30_000,
  maxBlobBytes: 512 * 1024 * 1024,
});

/** Fills in defaults; rejects non-positive or non-finite values. */
export function resolveLimits(partial: Partial<Limits> = {}): Limits {
  const limits = { ...DEFAULT_LIMITS, ...partial };
  for (const [key, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new RangeError(`limit ${key} must be a positive number`);
  }
  return limits;
}

/** A token bucket: `take()` is false once a connection exceeds its rate. */
export class RateLimiter {
  private tokens: number;
  private last: number;
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }
  /** Takes one token; false when none is left. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
