/**
 * The rooms a server holds in memory: loading them on first use, unloading them once they have
 * been empty for `roomIdleMs`, and compacting their stored updates now and then.
 *
 * How to think about this module: a room name is in at most one of three states — *loading*
 * (a promise), *loaded* (a {@link Room}) or *unloading* (a promise that flushes the room's last
 * appends, maybe compacts, and frees it). A connection that arrives while its room unloads waits
 * for the unload and loads the room afresh from the store, so nothing is ever read before every
 * append of the previous incarnation finished. Compaction runs in the background, one room at a
 * time, and never holds up a write (the store guarantees appends during compaction survive).
 */
import { CloseCode } from '@huishen/model';
import type { RoomStore } from './persistence/types.js';
import type { Limits } from './limits.js';
import type { Logger, Metrics } from './metrics.js';
import { Room, type RoomContext } from './room.js';
import type { Connection } from './connection.js';

/** Thrown by {@link RoomRegistry.acquire} when the server holds `maxRooms` rooms already. */
export class TooManyRoomsError extends Error {
  override readonly name = 'TooManyRoomsError';
}

/** Loads, holds, compacts and unloads rooms. One per server. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly compacting = new Set<string>();
  private compactTimer: NodeJS.Timeout | undefined;
  private compactRun: Promise<void> = Promise.resolve();
  private readonly ctx: RoomContext;

  constructor(
    private readonly store: RoomStore,
    private readonly limits: Limits,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {
    this.ctx = {
      store,
      limits,
      metrics,
      logger,
      onIdle: (room) => this.unload(room),
      onFailed: (room) => {
        if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
      },
    };
    this.compactTimer = setInterval(() => {
      this.compactRun = this.compactRun.then(() => this.compactAll());
    }, limits.compactIntervalMs);
    this.compactTimer.unref();
  }

  /** Loaded rooms. */
  get loaded(): ReadonlyMap<string, Room> {
    return this.rooms;
  }

  /** The loaded room, loading it if needed. Throws RoomLoadError or {@link TooManyRoomsError}. */
  async acquire(name: string): Promise<Room> {
    for (;;) {
      const unloading = this.unloading.get(name);
      if (unloading) {
        await unloading;
        continue;
      }
      const room = this.rooms.get(name);
      if (room) return room;
      const loading = this.loading.get(name);
      if (loading) return loading;
      if (this.rooms.size + this.loading.size >= this.limits.maxRooms) throw new TooManyRoomsError('too many rooms');
      const promise = Room.open(name, this.ctx).then(
        (r) => {
          this.loading.delete(name);
          this.rooms.set(name, r);
          this.metrics.inc('huishen_rooms_loaded_total');
          return r;
        },
        (err: unknown) => {
          this.loading.delete(name);
          this.metrics.inc('huishen_room_load_errors_total');
          throw err;
        },
      );
      this.loading.set(name, promise);
      return promise;
    }
  }

  /** Runs `fn` on a room (loading it if needed) outside any connection, e.g. for HTTP requests. */
  async withRoom<T>(name: string, fn: (room: Room) => T): Promise<T> {
    const room = await this.acquire(name);
    try {
      return fn(room);
    } finally {
      room.touch();
    }
  }

  /** Puts a connection into its room, or closes it with the code that says why not. */
  async connect(conn: Connection): Promise<void> {
    let room: Room;
    try {
      room = await this.acquire(conn.roomName);
    } catch (err) {
      if (err instanceof TooManyRoomsError) conn.close(CloseCode.roomFull, 'too many rooms');
      else {
        this.logger.error('room load failed', { room: conn.roomName, error: String(err), cause: String((err as Error).cause) });
        conn.close(CloseCode.roomUnavailable, 'room unavailable');
      }
      return;
    }
    if (room.closed) return conn.close(CloseCode.tryAgainLater, 'room closed');
    if (room.connections.size >= this.limits.maxConnectionsPerRoom) return conn.close(CloseCode.roomFull, 'room is full');
    conn.join(room);
  }

  /** Unloads an empty room: flush, compact if worthwhile, free. */
  private unload(room: Room): void {
    if (room.connections.size > 0 || this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    const done = (async () => {
      await room.flush();
      room.destroy();
      await this.compact(room.name);
    })()
      .catch((err: unknown) => this.logger.warn('unload failed', { room: room.name, error: String(err) }))
      .finally(() => this.unloading.delete(room.name));
    this.unloading.set(room.name, done);
  }

  /** Compacts one room if its stored tail is large enough. Never throws. */
  async compact(name: string, force = false): Promise<void> {
    if (this.compacting.has(name)) return;
    this.compacting.add(name);
    try {
      const size = await this.store.size(name);
      if (force ? size.entries > 1 : size.entries >= this.limits.compactMinEntries || size.bytes >= this.limits.compactMinBytes) {
        const result = await this.store.compact(name);
        this.metrics.inc('huishen_compactions_total');
        this.logger.info('compacted', { room: name, ...result });
      }
    } catch (err) {
      this.metrics.inc('huishen_compaction_errors_total');
      this.logger.warn('compaction failed', { room: name, error: String(err) });
    } finally {
      this.compacting.delete(name);
    }
  }

  private async compactAll(): Promise<void> {
    for (const name of [...this.rooms.keys()]) await this.compact(name);
  }

  /**
   * Graceful stop: waits for loads, flushes every room's appends, closes every connection with
   * 1012 and waits for unloads and compactions in flight. The store stays open (its owner closes it).
   */
  async close(): Promise<void> {
    clearInterval(this.compactTimer);
    await Promise.allSettled([...this.loading.values()]);
    const rooms = [...this.rooms.values()];
    await Promise.all(rooms.map((r) => r.flush()));
    for (const room of rooms) room.destroy(CloseCode.serviceRestart, 'server shutting down');
    this.rooms.clear();
    await Promise.allSettled([...this.unloading.values()]);
    await this.compactRun;
  }
}
