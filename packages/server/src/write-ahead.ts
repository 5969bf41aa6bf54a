/**
 * A room's write-ahead gate: the queue of accepted writes on their way to the store, and what
 * waits for them.
 *
 * How to think about this module: every accepted write gets the room's next sequence number and
 * joins the queue; one append is in flight at a time and takes everything queued meanwhile (the
 * store group-commits appends of all rooms on top of that). Everything that leaves the room
 * because of a write — a relayed frame, a sync step 2 reply computed while writes were pending,
 * **saved** — waits in the gate, as a plain record, until the store confirmed every sequence
 * number it depends on. A store that keeps failing fails the room (the caller closes it).
 */
import type { Connection } from './connection.js';
import type { Limits } from './limits.js';
import type { Logger, Metrics } from './metrics.js';
import type { RoomStore } from './persistence/types.js';
import { encodeSaved } from './wire.js';

/** What the gate needs from its room's server. */
export interface WriteAheadContext {
  store: RoomStore;
  limits: Limits;
  metrics: Metrics;
  logger: Logger;
}

/**
 * Something waiting for sequence `seq` to be durable: a frame for everyone (`to === null`) but
 * `except`, a frame for one connection, or (no frame) write `n` of `to` to settle.
 */
interface Gated {
  seq: number;
  frame: Uint8Array | null;
  to: Connection | null;
  n: number;
  except: Connection | null;
}

/** One room's store queue and gate. */
export class WriteAheadGate {
  /** Sequence number of the last write queued for the store / known to be durable. */
  private enqueued = 0;
  private durable = 0;
  private readonly queue: Uint8Array[] = [];
  private queueBytes = 0;
  private writing = false;
  private failingSince = 0;
  private closed = false;
  private readonly gated: Gated[] = [];
  private readonly savedDirty = new Set<Connection>();
  private flushWaiters: Array<() => void> = [];

  /**
   * @param everyone the room's connections (a relayed frame goes to each)
   * @param fail called once the store kept failing too long or too much is unstored
   */
  constructor(
    private readonly room: string,
    private readonly ctx: WriteAheadContext,
    private readonly everyone: ReadonlySet<Connection>,
    private readonly fail: (reason: string) => void,
  ) {}

  /** Number of writes not yet durable. */
  get pending(): number {
    return this.enqueued - this.durable;
  }

  /** Queues an accepted write for the store. */
  enqueue(update: Uint8Array): void {
    this.queue.push(update);
    this.queueBytes += update.length;
    this.enqueued++;
    if (this.queueBytes > this.ctx.limits.pendingMaxBytes) {
      this.fail('too many unstored bytes');
      return;
    }
    if (!this.writing) void this.pump();
  }

  /**
   * Sends `frame` (to `to`, or to everyone when `to` is null) now if nothing is pending, else
   * once everything queued so far is durable. Without a frame: settles write `n` of `to`.
   */
  gate(frame: Uint8Array | null, to: Connection | null, n: number): void {
    this.hold(frame, to, n, null);
  }

  /**
   * Sends `frame` to every connection but `except` (its author, which has it already), now if
   * nothing is pending, else once everything queued so far is durable.
   */
  relay(frame: Uint8Array, except: Connection | null): void {
    this.hold(frame, null, 0, except);
  }

  private hold(frame: Uint8Array | null, to: Connection | null, n: number, except: Connection | null): void {
    if (this.durable === this.enqueued) this.run(frame, to, n, except);
    else this.gated.push({ seq: this.enqueued, frame, to, n, except });
  }

  /** Records that write `n` of `conn` is settled, once everything before it is durable. */
  settle(conn: Connection, n: number): void {
    // **saved** is an extension message: nothing to track for a stock client.
    if (!conn.ext) return;
    this.gate(null, conn, n);
    if (this.durable === this.enqueued) this.sendSaved();
  }

  /** Drops a connection that left from the pending **saved** notices. */
  forget(conn: Connection): void {
    this.savedDirty.delete(conn);
  }

  /** Resolves once every queued write is durable (or the gate was closed). */
  flush(): Promise<void> {
    if (this.durable === this.enqueued || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  /** Stops: drops what waits in the gate, stops appending, releases flush waiters. */
  close(): void {
    this.closed = true;
    this.gated.length = 0;
    this.resolveFlushWaiters();
  }

  private run(frame: Uint8Array | null, to: Connection | null, n: number, except: Connection | null): void {
    if (frame === null) {
      to!.savedThrough = Math.max(to!.savedThrough, n);
      this.savedDirty.add(to!);
    } else if (to === null) {
      for (const conn of this.everyone) if (conn !== except) conn.send(frame);
    } else to.send(frame);
  }

  private sendSaved(): void {
    for (const conn of this.savedDirty) {
      if (conn.savedThrough > conn.savedSent) {
        conn.savedSent = conn.savedThrough;
        conn.send(encodeSaved(conn.savedThrough));
      }
    }
    this.savedDirty.clear();
  }

  /** The group-commit loop: one append at a time, each taking everything queued meanwhile. */
  private async pump(): Promise<void> {
    const { store, limits, metrics, logger } = this.ctx;
    this.writing = true;
    let backoff = 20;
    while (this.queue.length > 0 && !this.closed) {
      let count = 0;
      let bytes = 0;
      while (count < this.queue.length && count < limits.maxBatchEntries) {
        const next = this.queue[count]!.length;
        if (count > 0 && bytes + next > limits.maxBatchBytes) break;
        bytes += next;
        count++;
      }
      const batch = this.queue.slice(0, count);
      const started = performance.now();
      try {
        await store.append(this.room, batch);
      } catch (err) {
        metrics.inc('huishen_store_errors_total');
        logger.warn('append failed; retrying', { room: this.room, error: String(err) });
        if (this.failingSince === 0) this.failingSince = Date.now();
        if (Date.now() - this.failingSince > limits.pendingMaxAgeMs) {
          this.fail('store unavailable');
          break;
        }
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 1000);
        continue;
      }
      if (this.closed) break;
      this.failingSince = 0;
      backoff = 20;
      metrics.appendSeconds.observe((performance.now() - started) / 1000);
      metrics.hot.appends.value++;
      metrics.hot.appendedUpdates.value += count;
      this.queue.splice(0, count);
      this.queueBytes -= bytes;
      this.durable += count;
      this.release();
    }
    this.writing = false;
  }

  private release(): void {
    let i = 0;
    while (i < this.gated.length && this.gated[i]!.seq <= this.durable) {
      const g = this.gated[i]!;
      try {
        this.run(g.frame, g.to, g.n, g.except);
      } catch (err) {
        this.ctx.logger.error('gated send failed', { room: this.room, error: String(err) });
      }
      i++;
    }
    this.gated.splice(0, i);
    this.sendSaved();
    if (this.durable === this.enqueued) this.resolveFlushWaiters();
  }

  private resolveFlushWaiters(): void {
    const waiters = this.flushWaiters;
    this.flushWaiters = [];
    for (const w of waiters) w();
  }
}
