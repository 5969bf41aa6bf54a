/**
 * Where a room's CPU goes per accepted update, without sockets: `Room.write` on 500 rooms of 4
 * members (in-memory store, connections that drop what they are sent), fed the same timeline
 * comments the load clients send, and `checkUpdate` and `Y.applyUpdate` alone on the same
 * updates for comparison. Run: `node --conditions=source --import tsx test/bench/server/write-path.ts`.
 * An investigation aid for `server.rooms`, not a bench module (its figures are not targets).
 */
import * as Y from 'yjs';
import { LocalOrigin, appendEntry, checkUpdate, type Actor } from '@huishen/model';
import { Metrics, createMemoryStore, resolveLimits, silentLogger } from '@huishen/server';
import { Room } from '../../../packages/server/src/room.js';
import type { Connection } from '../../../packages/server/src/connection.js';

const ROOMS = 500;
const PER_ROOM = 4;
const WRITES = 12;

interface Member {
  actor: Actor;
  conn: Connection;
  updates: Uint8Array[];
}

function fakeConnection(actor: Actor, room: string): Connection {
  return { actor, roomName: room, ext: true, awarenessIds: new Set(), savedThrough: 0, savedSent: 0, writes: 0, isClosed: false, send() {}, close() {} } as unknown as Connection;
}

function frameOf(update: Uint8Array): Uint8Array {
  const f = new Uint8Array(update.length + 4);
  f[0] = 0;
  f[1] = 2;
  let n = update.length;
  let i = 2;
  while (n >= 0x80) {
    f[i++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  f[i++] = n;
  f.set(update, i);
  return f.subarray(0, i + update.length);
}

const store = createMemoryStore();
const metrics = new Metrics();
const ctx = { store, limits: resolveLimits({ roomIdleMs: 600_000 }), metrics, logger: silentLogger, onIdle() {}, onFailed() {} };
const rooms: Room[] = [];
const members: Member[][] = [];
for (let r = 0; r < ROOMS; r++) {
  rooms.push(await Room.open(`r${r}`, ctx));
  const list: Member[] = [];
  for (let m = 0; m < PER_ROOM; m++) {
    const actor: Actor = { userId: `u${r}-${m}`, name: `U ${m}`, venue: 'city', role: 'member' };
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const origin = new LocalOrigin(actor);
    for (let i = 0; i < WRITES * 2; i++) appendEntry(doc, { kind: 'comment', text: `@${r}@${m}@${i}@ ${'意见'.repeat(6)}` }, origin);
    list.push({ actor, conn: fakeConnection(actor, `r${r}`), updates });
  }
  members.push(list);
}

/** Runs `fn` for writes [from, to) of every member in every room, interleaved like the bench. */
async function phase(label: string, from: number, to: number, fn: (room: number, m: Member, i: number) => void): Promise<void> {
  const cpu = process.cpuUsage();
  let n = 0;
  for (let i = from; i < to; i++) {
    for (let r = 0; r < ROOMS; r++) {
      for (const m of members[r]!) {
        fn(r, m, i);
        n++;
      }
    }
    await new Promise((resolve) => setImmediate(resolve)); // let appends complete
  }
  await Promise.all(rooms.map((room) => room.flush()));
  const used = process.cpuUsage(cpu);
  // CPU time of the whole process (GC threads included), so it holds up on a busy machine.
  console.log(`${label.padEnd(36)} ${((used.user + used.system) / n).toFixed(1).padStart(7)} µs CPU/update (${n} updates)`);
}

// Warm-up: the first half of the writes through Room.write (also builds the room docs).
await phase('Room.write (warm-up)', 0, WRITES, (r, m, i) => rooms[r]!.write(m.conn, i + 1, m.updates[i]!, frameOf(m.updates[i]!)));
// checkUpdate alone, then a fresh apply alone, on the next write (against the same docs).
await phase('checkUpdate alone', WRITES, WRITES + 3, (r, m, i) => void checkUpdate(rooms[r]!.doc, m.updates[i]!, m.actor));
const copies = rooms.map((room) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc));
  return d;
});
await phase('Y.applyUpdate alone (copy docs)', WRITES, WRITES * 2, (r, m, i) => Y.applyUpdate(copies[r]!, m.updates[i]!));
await phase('Room.write (check+apply+store+gate)', WRITES, WRITES * 2, (r, m, i) => rooms[r]!.write(m.conn, i + 1, m.updates[i]!, frameOf(m.updates[i]!)));
console.log('accepted', metrics.hot.updatesAccepted.value, 'rejected', [...metrics.render({}).matchAll(/huishen_updates_rejected_total\{[^}]*\} (\d+)/g)].map((m) => m[1]).join(',') || 0);
for (const room of rooms) room.destroy();
