/**
 * The embedded store: one LevelDB directory, one process (LevelDB takes a lock file).
 *
 * How to think about it: every room is one contiguous key range, and inside it the room's
 * snapshots come first and then its updates, each in append order:
 *
 *     key   = 0x01 | u16 BE byte length of the room name | room name (UTF-8)
 *             | kind (0x00 snapshot, 0x01 update) | u64 BE sequence
 *     value = 0x01 (format) | u32 BE CRC-32 of the payload | payload (a Yjs v1 update)
 *
 * The length prefix keeps room names of any content apart ("a" never shares a range with
 * "a\x01…"). Sequences come from a per-room counter that is recovered lazily, the first time a
 * room is written, from the last key of each kind; they are never reused, so compaction can
 * delete exactly the keys it read while appends keep writing new keys beside them. A range
 * iterator reads from an implicit LevelDB snapshot, which is what makes "exactly the keys read"
 * well defined. Every write is one LevelDB batch written with `sync: true`. Appends go through a
 * group commit: those made while a batch is being synced wait and go out together in the next
 * batch (one fsync for all of them), in call order; one `append` call is never split.
 */
import { mkdir } from 'node:fs/promises';

import { ClassicLevel } from 'classic-level';

import {
  assertRoomName,
  assertUpdates,
  checksum,
  GroupCommit,
  InFlight,
  KeyedMutex,
  mergeEntries,
  totalBytes,
  verified,
} from './entries.js';
import { RoomLoadError, type CompactionResult, type RoomStore } from './types.js';

/** First byte of every key written by this store (namespace and key-layout version). */
const ENTRY_NAMESPACE = 0x01;
/** Kind byte after the room name. Snapshots sort before updates. */
export const KIND_SNAPSHOT = 0x00;
export const KIND_UPDATE = 0x01;
/** First byte of every value (value-format version). */
const VALUE_FORMAT = 0x01;
const VALUE_HEADER = 5;

type Db = ClassicLevel<Uint8Array, Uint8Array>;
type Kind = typeof KIND_SNAPSHOT | typeof KIND_UPDATE;
/** One append call's entries, waiting for its group commit. */
type Pending = { keys: Uint8Array[]; values: Uint8Array[]; rows: number; bytes: number };

const utf8 = new TextEncoder();

/** The key prefix shared by every entry of `room` (exported for tests that tamper with data). */
export function roomPrefix(room: string): Uint8Array {
  const name = utf8.encode(room);
  const prefix = new Uint8Array(3 + name.byteLength);
  prefix[0] = ENTRY_NAMESPACE;
  new DataView(prefix.buffer).setUint16(1, name.byteLength);
  prefix.set(name, 3);
  return prefix;
}

/** The key of one entry. */
export function entryKey(room: string | Uint8Array, kind: Kind, seq: number): Uint8Array {
  const prefix = typeof room === 'string' ? roomPrefix(room) : room;
  const key = new Uint8Array(prefix.byteLength + 9);
  key.set(prefix, 0);
  key[prefix.byteLength] = kind;
  new DataView(key.buffer).setBigUint64(prefix.byteLength + 1, BigInt(seq));
  return key;
}

/** `[gte, lt)` bounds of one kind of a room, or of the whole room when `kind` is omitted. */
function range(prefix: Uint8Array, kind?: Kind): { gte: Uint8Array; lt: Uint8Array } {
  const bound = (b: number): Uint8Array => {
    const k = new Uint8Array(prefix.byteLength + 1);
    k.set(prefix, 0);
    k[prefix.byteLength] = b;
    return k;
  };
  return kind === undefined
    ? { gte: bound(KIND_SNAPSHOT), lt: bound(KIND_UPDATE + 1) }
    : { gte: bound(kind), lt: bound(kind + 1) };
}

function encodeValue(payload: Uint8Array): Uint8Array {
  const value = new Uint8Array(VALUE_HEADER + payload.byteLength);
  value[0] = VALUE_FORMAT;
  new DataView(value.buffer).setUint32(1, checksum(payload));
  value.set(payload, VALUE_HEADER);
  return value;
}

function decodeValue(room: string, value: Uint8Array): Uint8Array {
  if (value.byteLength < VALUE_HEADER || value[0] !== VALUE_FORMAT) {
    throw new RoomLoadError(room, { cause: new Error('stored value has an unknown format') });
  }
  const expected = new DataView(value.buffer, value.byteOffset, VALUE_HEADER).getUint32(1);
  return verified(room, value.subarray(VALUE_HEADER), expected);
}

function seqOf(key: Uint8Array): number {
  return Number(new DataView(key.buffer, key.byteOffset, key.byteLength).getBigUint64(key.byteLength - 8));
}

/**
 * Writes one group-commit round as one synced LevelDB batch. A chained batch costs about half
 * the CPU per entry of an array batch (no per-operation objects to copy and read through N-API).
 */
async function writeRound(db: Db, round: readonly Pending[]): Promise<void> {
  const batch = db.batch();
  try {
    for (const { keys, values } of round) for (let i = 0; i < keys.length; i++) batch.put(keys[i]!, values[i]!);
  } catch (error) {
    await batch.close();
    throw error;
  }
  await batch.write({ sync: true });
}

/**
 * Opens (creating if needed) a LevelDB store in `dir`. Only one process may have a directory
 * open at a time; a second open fails with LevelDB's lock error.
 */
export async function createLevelDbStore(dir: string): Promise<RoomStore> {
  await mkdir(dir, { recursive: true });
  const db: Db = new ClassicLevel<Uint8Array, Uint8Array>(dir, {
    keyEncoding: 'view',
    valueEncoding: 'view',
  });
  await db.open();

  let closed: Promise<void> | undefined;
  const inFlight = new InFlight('leveldb');
  const exclusive = new KeyedMutex();
  /** Per room: the next sequence to hand out. Pending while it is being recovered. */
  const counters = new Map<string, Promise<{ next: number }>>();
  const writer = new GroupCommit<Pending>(
    (round) => writeRound(db, round),
    { maxRows: 1000, maxBytes: 4 * 1024 * 1024 },
  );

  async function lastSeq(prefix: Uint8Array, kind: Kind): Promise<number> {
    const keys = await db.keys({ ...range(prefix, kind), reverse: true, limit: 1 }).all();
    return keys[0] === undefined ? 0 : seqOf(keys[0]);
  }

  function counter(room: string, prefix: Uint8Array): Promise<{ next: number }> {
    let c = counters.get(room);
    if (c === undefined) {
      c = Promise.all([lastSeq(prefix, KIND_SNAPSHOT), lastSeq(prefix, KIND_UPDATE)]).then(
        ([s, u]) => ({ next: Math.max(s, u) + 1 }),
      );
      counters.set(room, c);
      // A failed recovery must not stick: the next call tries again.
      c.catch(() => counters.delete(room));
    }
    return c;
  }

  /** Every entry of the room, from one consistent LevelDB snapshot, checksums verified. */
  async function readRoom(
    room: string,
    prefix: Uint8Array,
  ): Promise<{ keys: Uint8Array[]; payloads: Uint8Array[] }> {
    let rows: [Uint8Array, Uint8Array][];
    try {
      rows = await db.iterator(range(prefix)).all();
    } catch (cause) {
      throw new RoomLoadError(room, { cause });
    }
    const keys: Uint8Array[] = [];
    const payloads: Uint8Array[] = [];
    for (const [key, value] of rows) {
      keys.push(key);
      payloads.push(decodeValue(room, value));
    }
    return { keys, payloads };
  }

  return {
    kind: 'leveldb',

    load(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        return (await readRoom(room, roomPrefix(room))).payloads;
      });
    },

    append(room, updates) {
      return inFlight.run(async () => {
        assertRoomName(room);
        assertUpdates(updates);
        if (updates.length === 0) return;
        const prefix = roomPrefix(room);
        const values = updates.map(encodeValue);
        const c = await counter(room, prefix);
        const first = c.next;
        c.next += values.length;
        await writer.push({
          keys: values.map((_, i) => entryKey(prefix, KIND_UPDATE, first + i)),
          values,
          rows: values.length,
          bytes: totalBytes(values),
        });
      });
    },

    compact(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        return exclusive.run(room, async (): Promise<CompactionResult> => {
          const prefix = roomPrefix(room);
          const { keys, payloads } = await readRoom(room, prefix);
          const bytesBefore = totalBytes(payloads);
          if (keys.length < 2) return { readEntries: 0, bytesBefore, bytesAfter: bytesBefore };
          const merged = mergeEntries(room, payloads);
          const c = await counter(room, prefix);
          const seq = c.next++;
          await db.batch(
            [
              { type: 'put', key: entryKey(prefix, KIND_SNAPSHOT, seq), value: encodeValue(merged) },
              ...keys.map((key) => ({ type: 'del' as const, key })),
            ],
            { sync: true },
          );
          return { readEntries: keys.length, bytesBefore, bytesAfter: merged.byteLength };
        });
      });
    },

    size(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        let entries = 0;
        let bytes = 0;
        for await (const value of db.values(range(roomPrefix(room)))) {
          entries++;
          bytes += Math.max(0, value.byteLength - VALUE_HEADER);
        }
        return { entries, bytes };
      });
    },

    deleteRoom(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        return exclusive.run(room, async () => {
          const keys = await db.keys(range(roomPrefix(room))).all();
          if (keys.length === 0) return;
          await db.batch(
            keys.map((key) => ({ type: 'del' as const, key })),
            { sync: true },
          );
        });
      });
    },

    close() {
      closed ??= inFlight.drain().then(() => db.close());
      return closed;
    },
  };
}
