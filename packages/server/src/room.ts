/**
 * One loaded room: its Y.Doc, its awareness, its connections and its write-ahead gate
 * ({@link WriteAheadGate}, in `write-ahead.ts`).
 *
 * How to think about this module: every document write goes *check → apply → append → release*.
 * A write is checked against the rights table (`checkUpdate`) before it touches the doc; a
 * refused write is never applied, stored or relayed. An accepted write is applied at once (so the
 * next write is checked against it) and queued for the store under the room's next sequence
 * number. Everything that leaves the room because of a write — the relayed update, **saved**, and
 * sync step 2 replies computed while writes were pending — waits in the *gate* until the store
 * confirmed every sequence number it depends on. Appends are group-committed: while one append is
 * in flight, new writes queue, and the next append takes them all. Awareness never waits and is
 * never stored.
 *
 * The common write — an `update` message whose structs all come right after what the doc has —
 * is relayed as the very frame the client sent, to everyone but its author: it was checked, it
 * applied in full, so re-encoding what the doc took would give the same structs again. Anything
 * else (sync step 2 replies, updates that repeat known structs or only delete) is relayed as the
 * doc's own encoding of what changed.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, SERVER_ORIGIN, checkUpdate, initRoom, presenceMatchesActor, type UpdateMeta, type UpdateVerdict } from '@huishen/model';
import { RoomLoadError, type RoomStore } from './persistence/types.js';
import type { Limits } from './limits.js';
import type { Logger, Metrics } from './metrics.js';
import type { Connection } from './connection.js';
import { ClientIdOwners } from './ownership.js';
import { decodeAwarenessUpdate, encodeAwareness, encodeAwarenessUpdate, encodeHello, encodeRejected, encodeSync, SyncType, type AwarenessEntry } from './wire.js';
import { WriteAheadGate } from './write-ahead.js';

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
  /** The store queue and the gate that holds back what depends on unstored writes. */
  private readonly wal: WriteAheadGate;
  /** The connection whose write is being applied, and what the doc took from it (delta path). */
  private applying: Connection | null = null;
  private delta: Uint8Array | null = null;
  private readonly awarenessOwners = new Map<number, Connection>();
  private readonly clientIds = new ClientIdOwners();
  private idleTimer: NodeJS.Timeout | undefined;
  /** True once the room was failed or destroyed; it then takes no more work. */
  closed = false;
  /** Doc `update` listener, attached only while a write takes the delta path. */
  private readonly onDocUpdate: (u: Uint8Array, origin: unknown) => void;

  private constructor(
    readonly name: string,
    private readonly ctx: RoomContext,
  ) {
    this.awareness.setLocalState(null);
    this.wal = new WriteAheadGate(name, ctx, this.connections, (reason) => this.fail(reason));
    this.onDocUpdate = (u: Uint8Array, origin: unknown): void => {
      if (origin === this.applying && origin !== null) this.delta = this.delta ? Y.mergeUpdates([this.delta, u]) : u;
    };
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
    if (conn.ext) conn.send(encodeHello(this.generation, conn.actor.role, 0));
    conn.send(encodeSync(SyncType.step1, Y.encodeStateVector(this.doc)));
    const others = [...this.awareness.getStates().keys()];
    if (others.length > 0) conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, others)));
  }

  /** Removes a connection and the awareness states it spoke for. */
  detach(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.wal.forget(conn);
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
    this.wal.gate(encodeSync(SyncType.step2, reply), conn, 0);
  }

  /**
   * Handles document write `n` of `conn` (a sync step 2 or update). `frame` is the client's whole
   * message when it was a sync update, so that it can be relayed without re-encoding.
   *
   * A refused write is never applied, stored or relayed. A connection with the extensions
   * (`ext=huishen`) gets **rejected** for it; a stock client gets nothing at all — its write is
   * simply not applied on the server, its connection stays open, and its own doc keeps the change.
   */
  write(conn: Connection, n: number, update: Uint8Array, frame: Uint8Array | null): void {
    const { metrics } = this.ctx;
    let verdict: UpdateVerdict;
    let grows: number[] = [];
    const meta: UpdateMeta = {};
    try {
      verdict = checkUpdate(this.doc, update, conn.actor, meta);
      if (verdict.ok) ({ verdict, grows } = this.clientIds.check(this.doc, update, conn.actor, meta.to));
    } catch (err) {
      this.ctx.logger.error('checkUpdate threw', { room: this.name, error: String(err) });
      verdict = { ok: false, reason: 'malformed-update', detail: 'checkUpdate threw' };
    }
    if (!verdict.ok) {
      metrics.inc('huishen_updates_rejected_total', `reason="${verdict.reason}"`);
      // A stock client gets no **rejected** (it could not read it): its write is simply not applied.
      if (conn.ext) conn.send(encodeRejected(n, verdict.reason));
      this.wal.settle(conn, n);
      if (verdict.reason === 'malformed-update') conn.close(CloseCode.badMessage, 'malformed update');
      return;
    }
    // Fresh: every struct comes right after what the doc has (checkUpdate refused gaps), so a
    // successful apply takes all of it and the client's frame is exactly what changed.
    const fresh = frame !== null && meta.from !== undefined && meta.from.size > 0 && this.isFresh(meta.from);
    let delta: Uint8Array | null = null;
    let failed = false;
    if (!fresh) {
      this.applying = conn;
      this.delta = null;
      this.doc.on('update', this.onDocUpdate);
    }
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch {
      failed = true;
    } finally {
      if (!fresh) {
        this.doc.off('update', this.onDocUpdate);
        delta = this.delta;
        this.applying = null;
        this.delta = null;
      }
    }
    if (fresh && failed) delta = this.takenSince(meta.from!);
    this.clientIds.claim(grows, conn.actor.userId);
    // Raw client bytes are stored, so that structs Yjs keeps pending (missing dependencies) are
    // not lost; if applying failed half-way, what the doc did take is stored instead.
    const pending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    const changed = fresh ? !failed : delta !== null;
    const toStore = failed ? delta : changed || pending ? update : null;
    if (toStore) {
      metrics.hot.updatesAccepted.value++;
      this.wal.enqueue(toStore);
      // The author's own frame is not echoed back to it: it has those structs (its **saved**
      // says they are stored). A delta is sent to everyone, since it may carry structs the doc
      // had pending from others.
      if (fresh && !failed) this.wal.relay(frame, conn);
      else if (delta !== null) this.wal.relay(encodeSync(SyncType.update, delta), null);
    } else {
      metrics.hot.updatesNoop.value++;
    }
    this.wal.settle(conn, n);
    if (failed) conn.close(CloseCode.badMessage, 'malformed update');
  }

  /** True when each client's structs in the update start exactly at the doc's state for it. */
  private isFresh(from: ReadonlyMap<number, number>): boolean {
    for (const [client, clock] of from) if (clock !== Y.getState(this.doc.store, client)) return false;
    return true;
  }

  /**
   * What a fresh update that failed half-way left in the doc: everything after the states it
   * started from (`from`) for its clients, nothing new for the others, plus the delete set.
   */
  private takenSince(from: ReadonlyMap<number, number>): Uint8Array | null {
    const before = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    let grew = false;
    for (const [client, clock] of from) {
      if ((before.get(client) ?? 0) > clock) grew = true;
      before.set(client, clock);
    }
    return grew ? Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(before)) : null;
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
    return this.closed ? Promise.resolve() : this.wal.flush();
  }

  /** Number of writes not yet durable (tests, metrics). */
  get pendingWrites(): number {
    return this.wal.pending;
  }

  /** Closes every connection with `code` and frees the doc. */
  destroy(code: number = CloseCode.serviceRestart, reason = 'room closed'): void {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const conn of [...this.connections]) conn.close(code, reason);
    this.connections.clear();
    this.wal.close();
    this.awareness.destroy();
    this.doc.destroy();
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
