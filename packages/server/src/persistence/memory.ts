/**
 * An in-memory store for unit tests and stories. Nothing survives the process, so never use it
 * where a **saved** acknowledgement means anything.
 *
 * It keeps the same rules as the durable stores — snapshots first, append order, checksums,
 * compaction that replaces exactly the entries it read — and it yields to the event loop between
 * compaction's read and write, so races with appends are exercised the way they happen on disk.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

import {
  assertRoomName,
  assertUpdates,
  checksum,
  InFlight,
  KeyedMutex,
  mergeEntries,
  totalBytes,
  verified,
} from './entries.js';
import type { CompactionResult, RoomStore } from './types.js';

/** One stored entry. Tests may tamper with `data` to simulate damage. */
export interface MemoryEntry {
  kind: 'snapshot' | 'update';
  seq: number;
  data: Uint8Array;
  /** CRC-32 of `data` at append time. */
  checksum: number;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The map that holds the entries, room → entries (snapshots first, then updates, each in
   * sequence order). Pass your own to inspect or damage stored data in tests.
   */
  rooms?: Map<string, MemoryEntry[]>;
}

/** Creates an in-memory store (unit tests only). */
export function createMemoryStore(options: MemoryStoreOptions = {}): RoomStore {
  const rooms = options.rooms ?? new Map<string, MemoryEntry[]>();
  const inFlight = new InFlight('memory');
  const exclusive = new KeyedMutex();
  let nextSeq = 1;

  function entriesOf(room: string): MemoryEntry[] {
    let entries = rooms.get(room);
    if (entries === undefined) {
      entries = [];
      rooms.set(room, entries);
    }
    return entries;
  }

  function read(room: string): { read: MemoryEntry[]; payloads: Uint8Array[] } {
    const read = [...(rooms.get(room) ?? [])];
    return { read, payloads: read.map((e) => verified(room, e.data, e.checksum)) };
  }

  return {
    kind: 'memory',

    load(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        await nextTurn();
        return read(room).payloads.map((p) => p.slice());
      });
    },

    append(room, updates) {
      return inFlight.run(async () => {
        assertRoomName(room);
        assertUpdates(updates);
        const copies = updates.map((u) => u.slice());
        await nextTurn();
        const entries = entriesOf(room);
        for (const data of copies) {
          entries.push({ kind: 'update', seq: nextSeq++, data, checksum: checksum(data) });
        }
      });
    },

    compact(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        return exclusive.run(room, async (): Promise<CompactionResult> => {
          const { read: taken, payloads } = read(room);
          const bytesBefore = totalBytes(payloads);
          if (taken.length < 2) return { readEntries: 0, bytesBefore, bytesAfter: bytesBefore };
          const merged = mergeEntries(room, payloads);
          await nextTurn();
          const gone = new Set(taken);
          const rest = (rooms.get(room) ?? []).filter((e) => !gone.has(e));
          const snapshot: MemoryEntry = {
            kind: 'snapshot',
            seq: nextSeq++,
            data: merged,
            checksum: checksum(merged),
          };
          const snapshots = rest.filter((e) => e.kind === 'snapshot');
          const updates = rest.filter((e) => e.kind === 'update');
          rooms.set(room, [...snapshots, snapshot, ...updates]);
          return { readEntries: taken.length, bytesBefore, bytesAfter: merged.byteLength };
        });
      });
    },

    size(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        const entries = rooms.get(room) ?? [];
        return { entries: entries.length, bytes: totalBytes(entries.map((e) => e.data)) };
      });
    },

    deleteRoom(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        await exclusive.run(room, async () => {
          await nextTurn();
          rooms.delete(room);
        });
      });
    },

    async close() {
      await inFlight.drain();
    },
  };
}
