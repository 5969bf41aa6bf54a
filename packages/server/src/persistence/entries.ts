/**
 * What every store shares: the room-name rule, the checksum that lets `load` tell stored bytes
 * from damaged ones, and the merge that compaction performs.
 *
 * A store never parses Yjs updates to decide whether they are intact (a malicious or damaged
 * update can make the decoder loop); it compares a CRC-32 taken when the bytes were appended.
 */
import { crc32 } from 'node:zlib';
import * as Y from 'yjs';

import { RoomLoadError } from './types.js';

/** Longest room name, in Unicode code points. */
export const MAX_ROOM_NAME_LENGTH = 256;

/**
 * Throws a `RangeError` unless `room` is a name every store can keep apart from every other name:
 * a string of at most {@link MAX_ROOM_NAME_LENGTH} code points, well-formed UTF-16, without U+0000.
 * The empty string is allowed.
 */
export function assertRoomName(room: string): void {
  if (typeof room !== 'string') throw new TypeError('room name must be a string');
  if (room.length > MAX_ROOM_NAME_LENGTH * 2 || [...room].length > MAX_ROOM_NAME_LENGTH) {
    throw new RangeError(`room name longer than ${MAX_ROOM_NAME_LENGTH} characters`);
  }
  // A lone surrogate cannot be encoded as UTF-8 (it would silently become U+FFFD and two rooms
  // would share storage), and PostgreSQL `text` cannot hold U+0000.
  if (room.includes('\u0000') || hasLoneSurrogate(room)) {
    throw new RangeError('room name contains U+0000 or a lone surrogate');
  }
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/**
 * Throws a `TypeError` unless `updates` is an array of non-empty `Uint8Array`s. (An empty update
 * is never valid Yjs; stored, it would make the room unloadable.)
 */
export function assertUpdates(updates: readonly Uint8Array[]): void {
  if (!Array.isArray(updates)) throw new TypeError('updates must be an array');
  for (const u of updates) {
    if (!(u instanceof Uint8Array) || u.byteLength === 0) {
      throw new TypeError('every update must be a non-empty Uint8Array');
    }
  }
}

/** CRC-32 of `data` as an unsigned 32-bit number. */
export function checksum(data: Uint8Array): number {
  return crc32(data) >>> 0;
}

/** Returns `data` if its checksum matches, otherwise throws {@link RoomLoadError}. */
export function verified(room: string, data: Uint8Array, expected: number): Uint8Array {
  const actual = checksum(data);
  if (actual !== expected >>> 0) {
    throw new RoomLoadError(room, {
      cause: new Error(`checksum mismatch: stored ${expected >>> 0}, computed ${actual}`),
    });
  }
  return data;
}

/** Merges verified entries into one update; a Yjs failure becomes {@link RoomLoadError}. */
export function mergeEntries(room: string, entries: readonly Uint8Array[]): Uint8Array {
  try {
    return Y.mergeUpdates(entries as Uint8Array[]);
  } catch (cause) {
    throw new RoomLoadError(room, { cause });
  }
}

/** Sum of byte lengths. */
export function totalBytes(entries: readonly Uint8Array[]): number {
  let n = 0;
  for (const e of entries) n += e.byteLength;
  return n;
}

/**
 * Tracks operations in flight so that `close()` can let them finish, and refuses new ones once
 * closing has started.
 */
export class InFlight {
  #pending = new Set<Promise<unknown>>();
  #closing = false;

  constructor(private readonly kind: string) {}

  get closing(): boolean {
    return this.#closing;
  }

  /** Runs `op` unless the store is closing; `close()` waits for it. */
  run<T>(op: () => Promise<T>): Promise<T> {
    if (this.#closing) return Promise.reject(new Error(`${this.kind} store is closed`));
    const p = op();
    this.#pending.add(p);
    const forget = (): void => {
      this.#pending.delete(p);
    };
    p.then(forget, forget);
    return p;
  }

  /** Stops accepting operations and waits for those in flight (their failures are ignored). */
  async drain(): Promise<void> {
    this.#closing = true;
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}

/**
 * Serialises operations per key (compaction and room deletion of one room), without blocking
 * appends, which never go through it.
 */
export class KeyedMutex {
  #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, op: () => Promise<T>): Promise<T> {
    const prev = this.#tails.get(key) ?? Promise.resolve();
    const next = prev.then(op, op);
    const tail = next.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return next;
  }
}

/** One append call waiting for its group commit. */
export interface Commitable {
  /** Rows (updates) and bytes it adds to a round, for the round limits. */
  rows: number;
  bytes: number;
}

/** Limits of one group-commit round. */
export interface GroupCommitLimits {
  maxRows: number;
  maxBytes: number;
}

/**
 * Group commit: appends made while a write is in flight wait and go out together in the next
 * write, so a busy server pays one fsync for many appends while an idle one pays no added delay
 * (one event-loop turn). Items are written in the order they were pushed. A failed write rejects
 * every append in it; the next round is tried anyway.
 *
 * Between rounds it yields one event-loop turn before taking the next round: the appends it just
 * confirmed resolve their callers (a room's append loop), which push their next batch in promise
 * continuations. Taking the next round at once would leave those rooms for the round after.
 */
export class GroupCommit<T extends Commitable> {
  #queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  #writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly limits: GroupCommitLimits,
  ) {}

  /** Resolves when the round containing `item` has been written. */
  push(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (!this.#writing) {
        this.#writing = true;
        // Yield once so that appends made in the same turn join the first round.
        setImmediate(() => void this.#rounds());
      }
    });
  }

  async #rounds(): Promise<void> {
    while (this.#queue.length > 0) {
      let rows = 0;
      let bytes = 0;
      let take = 0;
      for (const { item } of this.#queue) {
        const full = rows + item.rows > this.limits.maxRows || bytes + item.bytes > this.limits.maxBytes;
        // A single item above the limits still goes out, alone.
        if (take > 0 && full) break;
        rows += item.rows;
        bytes += item.bytes;
        take++;
      }
      const round = this.#queue.splice(0, take);
      try {
        await this.write(round.map((r) => r.item));
        for (const r of round) r.resolve();
      } catch (error) {
        for (const r of round) r.reject(error);
      }
      if (this.#queue.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.#writing = false;
  }
}
