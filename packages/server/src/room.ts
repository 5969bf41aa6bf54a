/**
 * One loaded room: its Y.Doc, its awareness, its connections and its write-ahead gate.
 *
 * How to think about this module: every document write goes *check → apply → append → release*.
 * A write is checked against the rights table (`checkUpdate`) before it touches the doc; a
 * refused write is never applied, stored or relayed. An accepted write is applied at once (so the
 * next write is checked against it) and queued for the store under the room's next sequence
 * number. Everything that leaves the room because of a write — the relayed update (which is also
 * the echo to its author), **saved**, and sync step 2 replies computed while writes were pending —
 * waits in the *gate* until the store confirmed every sequence number it depends on. Appends are
 * group-committed: while one append is in flight, new writes queue, and the next append takes
 * them all. Awareness never waits and is never stored.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, SERVER_ORIGIN, checkUpdate, initRoom, presenceMatchesActor, type UpdateVerdict } from '@huishen/model';
import { RoomLoadError, type RoomStore } from './persistence/types.js';
import type { Limits } from './limits.js';
import type { Logger, Metrics } from './metrics.js';
import type { Connection } from './connection.js';
import { ClientIdOwners } from './ownership.js';
import { decodeAwarenessUpdate, encodeAwareness, encodeAwarenessUpdate, encodeHello, encodeRejected, encodeSaved, encodeSync, SyncType, type AwarenessEntry } from './wire.js';

/** What a room needs from its server. */
export interface RoomContext {
  store: RoomStore;
  limits: Limits;
  metrics: Metrics;
  logger: Logger;
  /** Called when the last connection left (after `roomIdleMs`) or the room failed. */
  onIdle(room: Room): void;
  onFailed(room: Room): void;
}

/** Most awareness client ids one connection may speak for (a tab normally has one). */
const MAX_AWARENESS_IDS = 8;

/** A loaded room. Create with {@link Room.open}. */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** `meta.generation` of the room (set when the room was created from nothing). */
  generation = '';
  /** Sequence number of the last write queued for the store / known to be durable. */
  private enqueued = 0;
  private durable = 0;
  private readonly queue: Uint8Array[] = [];
  private queueBytes = 0;
  private writing = false;
  private failingSince = 0;
  private readonly gated: Array<{ seq: number; run: () => void }> = [];
  private readonly savedDirty = new Set<Connection>();
  private readonly awarenessOwners = new Map<number, Connection>();
  private readonly clientIds = new ClientIdOwners();
  private flushWaiters: Array<() => void> = [];
  private idleTimer: NodeJS.Timeout | undefined;
  /** True once the room was failed or destroyed; it then takes no more work. */
  closed = false;

  private constructor(
    readonly name: string,
    private readonly ctx: RoomContext,
  ) {
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChanges) => {
      const changed = added.concat(updated, removed);
      if (changed.length === 0) return;
      const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      for (const conn of this.connections) conn.send(frame);
    });
  }

  /**
   * Loads a room from the store. A room with nothing stored is created: the server writes
   * `meta.schemaVersion` and a new `meta.generation` and stores them before anyone sees the room.
   * Throws {@link RoomLoadError} when the stored data cannot be read or applied.
   */
  static async open(name: string, ctx: RoomContext): Promise<Room> {
    const room = new Room(name, ctx);
    const started = performance.now();
    try {
      const updates = await ctx.store.load(name);
      ctx.metrics.loadSeconds.observe((performance.now() - started) / 1000);
      room.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(room.doc, update);
      }, SERVER_ORIGIN);
      const meta = room.doc.getMap('meta');
      if (typeof meta.get('generation') !== 'string') {
        let init: Uint8Array | undefined;
        room.doc.once('update', (u: Uint8Array) => (init = u));
        initRoom(room.doc, {}, SERVER_ORIGIN);
        if (init) await ctx.store.append(name, [init]);
      }
      room.generation = String(meta.get('generation'));
      room.clientIds.claim([room.doc.clientID], 'server');
    } catch (cause) {
      room.destroy();
      throw cause instanceof RoomLoadError ? cause : new RoomLoadError(name, { cause });
    }
    return room;
  }

  /** Adds a connection: hello, the server's sync step 1, and everyone's awareness. */
  attach(conn: Connection): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.connections.add(conn);
    conn.send(encodeHello(this.generation, conn.actor.role, 0));
    conn.send(encodeSync(SyncType.step1, Y.encodeStateVector(this.doc)));
    const others = [...this.awareness.getStates().keys()];
    if (others.length > 0) conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, others)));
  }

  /** Removes a connection and the awareness states it spoke for. */
  detach(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.savedDirty.delete(conn);
    const ids = [...conn.awarenessIds].filter((id) => this.awarenessOwners.get(id) === conn);
    for (const id of ids) this.awarenessOwners.delete(id);
    if (ids.length > 0 && !this.closed) awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'connection closed');
    this.touch();
  }

  /** (Re)starts the idle countdown when nobody is connected, e.g. after an HTTP request used the room. */
  touch(): void {
    if (this.connections.size > 0 || this.closed) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.ctx.onIdle(this), this.ctx.limits.roomIdleMs);
  }

  /** Answers a client's sync step 1 with what it lacks, once everything in it is durable. */
  syncStep1(conn: Connection, stateVector: Uint8Array): void {
    let reply: Uint8Array;
    try {
      Y.decodeStateVector(stateVector);
      reply = Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch {
      conn.close(CloseCode.badMessage, 'malformed state vector');
      return;
    }
    const frame = encodeSync(SyncType.step2, reply);
    this.gate(() => conn.send(frame));
  }

  /** Handles document write `n` of `conn` (a sync step 2 or update). */
  write(conn: Connection, n: number, update: Uint8Array): void {
    const { metrics } = this.ctx;
    let verdict: UpdateVerdict;
    let grows: number[] = [];
    try {
      verdict = checkUpdate(this.doc, update, conn.actor);
      if (verdict.ok) ({ verdict, grows } = this.clientIds.check(this.doc, update, conn.actor));
    } catch (err) {
      this.ctx.logger.error('checkUpdate threw', { room: this.name, error: String(err) });
      verdict = { ok: false, reason: 'malformed-update', detail: 'checkUpdate threw' };
    }
    if (!verdict.ok) {
      metrics.inc('huishen_updates_rejected_total', `reason="${verdict.reason}"`);
      conn.send(encodeRejected(n, verdict.reason));
      this.settle(conn, n);
      if (verdict.reason === 'malformed-update') conn.close(CloseCode.badMessage, 'malformed update');
      return;
    }
    let delta: Uint8Array | null = null;
    const listen = (u: Uint8Array, origin: unknown): void => {
      if (origin === conn) delta = delta ? Y.mergeUpdates([delta, u]) : u;
    };
    this.doc.on('update', listen);
    let failed = false;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch {
      failed = true;
    } finally {
      this.doc.off('update', listen);
    }
    this.clientIds.claim(grows, conn.actor.userId);
    // Raw client bytes are stored, so that structs Yjs keeps pending (missing dependencies) are
    // not lost; if applying failed half-way, what the doc did take is stored instead.
    const pending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    const toStore = failed ? delta : delta !== null || pending ? update : null;
    if (toStore) {
      metrics.inc('huishen_updates_accepted_total');
      this.enqueue(toStore);
      const relayed: Uint8Array | null = delta;
      if (relayed) {
        const frame = encodeSync(SyncType.update, relayed);
        this.gate(() => this.broadcast(frame));
      }
    } else {
      metrics.inc('huishen_updates_noop_total');
    }
    this.settle(conn, n);
    if (failed) conn.close(CloseCode.badMessage, 'malformed update');
  }

  /** Applies the parts of an awareness update that describe `conn`'s own user; drops the rest. */
  awarenessUpdate(conn: Connection, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    if (!entries) {
      conn.close(CloseCode.badMessage, 'malformed awareness update');
      return;
    }
    const kept: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.awarenessOwners.get(entry.clientId);
      if (owner !== undefined && owner !== conn) continue;
      if (entry.state === 'null') {
        if (owner === conn) kept.push(entry);
        continue;
      }
      if (!describesActor(entry.state, conn)) continue;
      if (owner === undefined) {
        if (conn.awarenessIds.size >= MAX_AWARENESS_IDS) continue;
        this.awarenessOwners.set(entry.clientId, conn);
        conn.awarenessIds.add(entry.clientId);
      }
      kept.push(entry);
    }
    const dropped = entries.length - kept.length;
    if (dropped > 0) this.ctx.metrics.inc('huishen_awareness_dropped_total', '', dropped);
    if (kept.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(kept), conn);
  }

  /** Sends every known awareness state to `conn`. */
  queryAwareness(conn: Connection): void {
    const ids = [...this.awareness.getStates().keys()];
    conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
  }

  /** Resolves once every queued write is durable (or the room failed). */
  flush(): Promise<void> {
    if (this.durable === this.enqueued || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  /** Number of writes not yet durable (tests, metrics). */
  get pendingWrites(): number {
    return this.enqueued - this.durable;
  }

  /** Closes every connection with `code` and frees the doc. */
  destroy(code: number = CloseCode.serviceRestart, reason = 'room closed'): void {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const conn of [...this.connections]) conn.close(code, reason);
    this.connections.clear();
    this.gated.length = 0;
    this.resolveFlushWaiters();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private broadcast(frame: Uint8Array): void {
    for (const conn of this.connections) conn.send(frame);
  }

  /** Runs `run` now if nothing is pending, else once everything queued so far is durable. */
  private gate(run: () => void): void {
    if (this.durable === this.enqueued) run();
    else this.gated.push({ seq: this.enqueued, run });
  }

  /** Records that write `n` of `conn` is settled, once everything before it is durable. */
  private settle(conn: Connection, n: number): void {
    this.gate(() => {
      conn.savedThrough = Math.max(conn.savedThrough, n);
      this.savedDirty.add(conn);
    });
    if (this.durable === this.enqueued) this.sendSaved();
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

  private enqueue(update: Uint8Array): void {
    this.queue.push(update);
    this.queueBytes += update.length;
    this.enqueued++;
    if (this.queueBytes > this.ctx.limits.pendingMaxBytes) {
      this.fail('too many unstored bytes');
      return;
    }
    if (!this.writing) void this.pump();
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
        await store.append(this.name, batch);
      } catch (err) {
        metrics.inc('huishen_store_errors_total');
        logger.warn('append failed; retrying', { room: this.name, error: String(err) });
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
      metrics.inc('huishen_store_appends_total');
      metrics.inc('huishen_store_appended_updates_total', '', count);
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
      try {
        this.gated[i]!.run();
      } catch (err) {
        this.ctx.logger.error('gated send failed', { room: this.name, error: String(err) });
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

  /** The store keeps failing: close everyone with 1013 (clients keep their edits and resend). */
  private fail(reason: string): void {
    if (this.closed) return;
    this.ctx.logger.error('room failed', { room: this.name, reason });
    this.destroy(CloseCode.tryAgainLater, reason);
    this.ctx.onFailed(this);
  }
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/** True when an awareness state's `user` (if any) is exactly the connection's own user. */
function describesActor(stateJson: string, conn: Connection): boolean {
  let state: unknown;
  try {
    state = JSON.parse(stateJson);
  } catch {
    return false;
  }
  return typeof state === 'object' && state !== null && !Array.isArray(state) && presenceMatchesActor(state, conn.actor);
}
