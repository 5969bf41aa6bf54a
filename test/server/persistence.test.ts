/**
 * One persistence suite, run against every store: LevelDB in a real temporary directory, a real
 * PostgreSQL cluster (test/helpers/postgres.ts; skipped with its message when PostgreSQL is not
 * installed and cannot be), and the in-memory store. Then what only one store can show: LevelDB
 * reopened and SIGKILLed, PostgreSQL shared by two store instances and losing its connection.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';

import { ClassicLevel } from 'classic-level';
import pg from 'pg';
import * as Y from 'yjs';

import {
  createLevelDbStore,
  createMemoryStore,
  createPostgresStore,
  RoomLoadError,
  type MemoryEntry,
  type RoomStore,
} from '../../packages/server/src/persistence/index.js';
import { roomPrefix } from '../../packages/server/src/persistence/leveldb.js';
import { PostgresUnavailableError, startPostgres, type TestPostgres } from '../helpers/postgres.js';

// ---------------------------------------------------------------------------------------------
// Updates and documents

/** A writer producing real Yjs updates: each `set(key)` is one update. */
function writer(clientID = 1): { doc: Y.Doc; set(key: string, value?: unknown): Uint8Array } {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  let last: Uint8Array | undefined;
  doc.on('update', (u: Uint8Array) => {
    last = u;
  });
  return {
    doc,
    set(key, value = key) {
      last = undefined;
      doc.transact(() => {
        doc.getMap('m').set(key, value);
        const text = doc.getText('t');
        text.insert(text.length, key.slice(0, 1));
        if (text.length > 5) text.delete(0, 1);
      });
      assert.ok(last);
      return last;
    },
  };
}

function docOf(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

function assertSameState(actual: Y.Doc, expected: Y.Doc): void {
  assert.deepEqual(actual.getMap('m').toJSON(), expected.getMap('m').toJSON());
  assert.equal(actual.getText('t').toString(), expected.getText('t').toString());
  assert.deepEqual(Y.encodeStateVector(actual), Y.encodeStateVector(expected));
  assert.equal(actual.store.pendingStructs, null);
}

const bytes = (updates: readonly Uint8Array[]): number[][] => updates.map((u) => [...u]);
/** The checksum column as the PostgreSQL store writes it (CRC-32 as a signed int4). */
const checksumOf = (u: Uint8Array): number => crc32(u) | 0;

// ---------------------------------------------------------------------------------------------
// Backends

interface Backend {
  name: string;
  /** Why the backend's tests are skipped, if they are. */
  skip?: string;
  /** A store on fresh, empty storage. */
  open(): Promise<RoomStore>;
  /** Damages one stored value of `room`; returns the store to keep using. */
  corrupt(store: RoomStore, room: string): Promise<RoomStore>;
}

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'huishen-leveldb-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const levelDirs = new WeakMap<RoomStore, string>();

const leveldb: Backend = {
  name: 'leveldb',
  async open() {
    const dir = await tempDir();
    const store = await createLevelDbStore(dir);
    levelDirs.set(store, dir);
    cleanups.push(() => store.close());
    return store;
  },
  async corrupt(store, room) {
    const dir = levelDirs.get(store)!;
    await store.close();
    const db = new ClassicLevel<Uint8Array, Uint8Array>(dir, { keyEncoding: 'view', valueEncoding: 'view' });
    await db.open();
    const prefix = roomPrefix(room);
    const [entry] = await db.iterator({ gte: prefix, lt: new Uint8Array([...prefix, 0xff]), limit: 1 }).all();
    assert.ok(entry);
    const [key, value] = entry;
    const damaged = value.slice();
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 0x5a;
    await db.put(key, damaged);
    await db.close();
    const reopened = await createLevelDbStore(dir);
    cleanups.push(() => reopened.close());
    return reopened;
  },
};

const memoryMaps = new WeakMap<RoomStore, Map<string, MemoryEntry[]>>();

const memory: Backend = {
  name: 'memory',
  async open() {
    const rooms = new Map<string, MemoryEntry[]>();
    const store = createMemoryStore({ rooms });
    memoryMaps.set(store, rooms);
    return store;
  },
  async corrupt(store, room) {
    const entry = memoryMaps.get(store)!.get(room)![0]!;
    entry.data = entry.data.slice(0, -1);
    return store;
  },
};

// One cluster for the whole file. Not installed (and not installable here): the PostgreSQL tests
// are skipped with the helper's message. Installed but failing to start: they fail with the cause.
const pgServer: TestPostgres | Error = await startPostgres().catch((error: unknown) =>
  error instanceof Error ? error : new Error(String(error)),
);
if (!(pgServer instanceof Error)) cleanups.unshift(() => pgServer.stop());
const pgSkip = pgServer instanceof PostgresUnavailableError ? pgServer.message : undefined;

function pgCluster(): TestPostgres {
  if (pgServer instanceof Error) throw pgServer;
  return pgServer;
}

const pgUrls = new WeakMap<RoomStore, string>();
let sharedPgUrl: Promise<string> | undefined;

const postgres: Backend = {
  name: 'postgres',
  ...(pgSkip === undefined ? {} : { skip: pgSkip }),
  async open() {
    // One database for the shared suite (CREATE DATABASE costs ~300 ms with fsync on); each
    // store starts from empty tables.
    const url = await (sharedPgUrl ??= pgCluster().newDatabase());
    const store = await createPostgresStore(url, { applicationName: 'hs-test' });
    await withPg(url, (c) => c.query('TRUNCATE hs_yupdate, hs_ysnapshot, hs_room'));
    pgUrls.set(store, url);
    cleanups.push(() => store.close());
    return store;
  },
  async corrupt(store, room) {
    await withPg(pgUrls.get(store)!, (c) =>
      c.query(
        `UPDATE hs_yupdate SET data = set_byte(data, 0, get_byte(data, 0) # 90)
         WHERE id = (SELECT min(id) FROM hs_yupdate WHERE room = $1)`,
        [room],
      ),
    );
    return store;
  },
};

async function withPg<T>(url: string, op: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await op(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The shared suite

const ROOMS = ['', 'a', 'a\u0001', 'aa', 'a/b?c=d#e', '会审-2026-刑-001', '🧑‍⚖️ room', '\uFFFF', 'x'.repeat(256)];

for (const backend of [leveldb, postgres, memory]) {
  describe(`RoomStore: ${backend.name}`, () => {
    // Skipped per test, not per suite, so that reporters count the skipped tests.
    const it = (name: string, fn: () => Promise<void>): void => void test(name, { skip: backend.skip ?? false }, fn);

    it('loads an unknown room as [] with size 0', async () => {
      const store = await backend.open();
      assert.deepEqual(await store.load('nobody-here'), []);
      assert.deepEqual(await store.size('nobody-here'), { entries: 0, bytes: 0 });
      assert.equal(store.kind, backend.name);
    });

    it('returns appends in order and rebuilds the same document', async () => {
      const store = await backend.open();
      const w = writer();
      const updates = Array.from({ length: 40 }, (_, i) => w.set(`k${i}`));
      // Single updates, a group-commit call, and an empty call.
      await store.append('r', updates.slice(0, 10));
      for (const u of updates.slice(10, 20)) await store.append('r', [u]);
      await store.append('r', []);
      await Promise.all(updates.slice(20).map((u) => store.append('r', [u])));
      const loaded = await store.load('r');
      assert.deepEqual(bytes(loaded), bytes(updates));
      assertSameState(docOf(loaded), w.doc);
      assert.deepEqual(await store.size('r'), { entries: 40, bytes: updates.reduce((n, u) => n + u.length, 0) });
    });

    it('keeps rooms apart, whatever their names', async () => {
      const store = await backend.open();
      const expected = new Map<string, Uint8Array[]>();
      await Promise.all(
        ROOMS.map(async (room, i) => {
          const w = writer(i + 1);
          const updates = [w.set(`${i}-1`), w.set(`${i}-2`)];
          expected.set(room, updates);
          await store.append(room, updates);
        }),
      );
      for (const room of ROOMS) assert.deepEqual(bytes(await store.load(room)), bytes(expected.get(room)!), room);
      await store.compact('a');
      assert.deepEqual(bytes(await store.load('aa')), bytes(expected.get('aa')!));
      assert.deepEqual(bytes(await store.load('a\u0001')), bytes(expected.get('a\u0001')!));
      await assert.rejects(store.append('a', [new Uint8Array(0)]), TypeError);
      for (const bad of ['x'.repeat(257), 'a\u0000b', 'lone \uD800']) {
        await assert.rejects(store.append(bad, [new Uint8Array([0])]), RangeError);
        await assert.rejects(store.load(bad), RangeError);
      }
    });

    it('compacts into one snapshot with the same state, and again after more appends', async () => {
      const store = await backend.open();
      const w = writer();
      const first = Array.from({ length: 50 }, (_, i) => w.set(`k${i}`));
      await store.append('r', first);
      const result = await store.compact('r');
      assert.equal(result.readEntries, 50);
      assert.equal(result.bytesBefore, first.reduce((n, u) => n + u.length, 0));
      assert.ok(result.bytesAfter > 0);
      assert.equal((await store.size('r')).entries, 1);
      assert.equal((await store.size('r')).bytes, result.bytesAfter);
      assertSameState(docOf(await store.load('r')), w.doc);

      const more = Array.from({ length: 5 }, (_, i) => w.set(`more${i}`));
      await store.append('r', more);
      const loaded = await store.load('r');
      assert.equal(loaded.length, 6);
      assert.deepEqual(bytes(loaded.slice(1)), bytes(more), 'snapshot first, then updates in order');
      assert.equal((await store.compact('r')).readEntries, 6);
      assert.equal((await store.load('r')).length, 1);
      assertSameState(docOf(await store.load('r')), w.doc);
      // Nothing to merge: no work, no change.
      assert.equal((await store.compact('r')).readEntries, 0);
      assert.equal((await store.compact('empty')).readEntries, 0);
    });

    it('loses no append that races with compaction', async () => {
      const store = await backend.open();
      const w = writer();
      let n = 0;
      for (let round = 0; round < 25; round++) {
        const ops: Promise<unknown>[] = [];
        for (let j = 0; j < 4; j++) ops.push(store.append('r', [w.set(`k${n++}`)]));
        ops.push(store.compact('r'));
        for (let j = 0; j < 4; j++) ops.push(store.append('r', [w.set(`k${n++}`), w.set(`k${n++}`)]));
        if (round % 5 === 0) ops.push(store.compact('r'));
        await Promise.all(ops);
      }
      assertSameState(docOf(await store.load('r')), w.doc);
      await store.compact('r');
      assertSameState(docOf(await store.load('r')), w.doc);
      assert.equal(Object.keys(w.doc.getMap('m').toJSON()).length, n);
    });

    it('deletes a room and only that room', async () => {
      const store = await backend.open();
      const w = writer();
      await store.append('gone', [w.set('a'), w.set('b')]);
      await store.compact('gone');
      await store.append('gone', [w.set('c')]);
      const kept = writer(2).set('kept');
      await store.append('gone-not', [kept]);
      await store.deleteRoom('gone');
      assert.deepEqual(await store.load('gone'), []);
      assert.deepEqual(await store.size('gone'), { entries: 0, bytes: 0 });
      assert.deepEqual(bytes(await store.load('gone-not')), bytes([kept]));
      await store.deleteRoom('never-existed');
      const again = writer(3).set('again');
      await store.append('gone', [again]);
      assert.deepEqual(bytes(await store.load('gone')), bytes([again]));
    });

    it('refuses a damaged room with RoomLoadError and keeps serving the others', async () => {
      let store = await backend.open();
      const w = writer();
      await store.append('broken', [w.set('a'), w.set('b')]);
      const fine = writer(2).set('fine');
      await store.append('fine', [fine]);
      store = await backend.corrupt(store, 'broken');
      await assert.rejects(store.load('broken'), (error: unknown) => {
        assert.ok(error instanceof RoomLoadError);
        assert.equal(error.room, 'broken');
        return true;
      });
      await assert.rejects(store.compact('broken'), RoomLoadError);
      assert.equal((await store.size('broken')).entries, 2, 'a failed compaction deletes nothing');
      assert.deepEqual(bytes(await store.load('fine')), bytes([fine]));
    });

    it('lets pending appends finish on close, then refuses calls', async () => {
      const store = await backend.open();
      const w = writer();
      const pending = Array.from({ length: 20 }, (_, i) => store.append('r', [w.set(`k${i}`)]));
      await store.close();
      await Promise.all(pending);
      await assert.rejects(store.load('r'));
      await assert.rejects(store.append('r', [w.set('late')]));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// LevelDB only

describe('LevelDB store on disk', () => {
  it('gives the same data after close and reopen, and keeps the order going', async () => {
    const dir = await tempDir();
    const w = writer();
    const before = [w.set('a'), w.set('b'), w.set('c')];
    const first = await createLevelDbStore(dir);
    await first.append('r', before.slice(0, 2));
    await first.compact('r');
    await first.append('r', before.slice(2));
    await first.close();

    const second = await createLevelDbStore(dir);
    cleanups.push(() => second.close());
    assertSameState(docOf(await second.load('r')), w.doc);
    const d = w.set('d');
    await second.append('r', [d]);
    const loaded = await second.load('r');
    assert.equal(loaded.length, 3);
    assert.deepEqual(bytes(loaded.slice(1)), bytes([before[2]!, d]));
    await assert.rejects(createLevelDbStore(dir), 'a second open of the same directory fails');
  });

  it('keeps every acknowledged append when the process is SIGKILLed', async () => {
    const dir = await tempDir();
    const storeModule = pathToFileURL(
      fileURLToPath(new URL('../../packages/server/src/persistence/leveldb.ts', import.meta.url)),
    ).href;
    // The child appends one update at a time and prints "ok <n>" once each append resolved.
    const child = `
      import * as Y from 'yjs';
      const { createLevelDbStore } = await import(${JSON.stringify(storeModule)});
      const store = await createLevelDbStore(process.env.HS_DIR);
      const doc = new Y.Doc();
      doc.clientID = Number(process.env.HS_CLIENT);
      let update;
      doc.on('update', (u) => { update = u; });
      for (let n = 0; ; n++) {
        doc.getMap('m').set(process.env.HS_CLIENT + ':k' + n, n);
        await store.append('r', [update]);
        process.stdout.write('ok ' + n + '\\n');
      }`;
    const acknowledged = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const proc = spawn(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', child],
        {
          cwd: fileURLToPath(new URL('../..', import.meta.url)),
          env: { ...process.env, HS_DIR: dir, HS_CLIENT: String(round + 1) },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const killAfter = 10 + round * 15;
      const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
      let buffered = '';
      let acks = 0;
      proc.stdout.setEncoding('utf8');
      proc.stdout.on('data', (chunk: string) => {
        buffered += chunk;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          const m = /^ok (\d+)$/.exec(line);
          // Lines read after the kill was sent still count: they were acknowledged.
          if (m) acknowledged.add(`${round + 1}:k${m[1]}`);
          if (m && ++acks === killAfter) proc.kill('SIGKILL');
        }
      });
      assert.equal(await exited, 'SIGKILL');

      const store = await createLevelDbStore(dir);
      const doc = docOf(await store.load('r'));
      const present = new Set(doc.getMap('m').keys());
      for (const ack of acknowledged) assert.ok(present.has(ack), `acknowledged ${ack} survived the kill`);
      assert.ok(acknowledged.size >= killAfter);
      await store.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// PostgreSQL only

describe('PostgreSQL store, shared and disconnected', () => {
  const it = (name: string, fn: () => Promise<void>): void => void test(name, { skip: pgSkip ?? false }, fn);

  for (const advisoryLock of [true, false]) {
    it(`two store instances compacting and appending concurrently lose nothing (advisory lock ${advisoryLock ? 'on' : 'off'})`, async () => {
      const url = await pgCluster().newDatabase();
      const a = await createPostgresStore(url, { nodeId: 'n1', advisoryLock, poolSize: 3 });
      const b = await createPostgresStore(url, { nodeId: 'n2', advisoryLock, poolSize: 3 });
      cleanups.push(() => a.close(), () => b.close());
      const wa = writer(1);
      const wb = writer(2);
      let n = 0;
      for (let round = 0; round < 30; round++) {
        const ops: Promise<unknown>[] = [];
        for (let j = 0; j < 3; j++) {
          ops.push(a.append('shared', [wa.set(`a${n}`)]), b.append('shared', [wb.set(`b${n}`)]));
          n++;
        }
        ops.push(a.compact('shared'), b.compact('shared'));
        ops.push(a.append('shared', [wa.set(`a${n}`)]), b.append('shared', [wb.set(`b${n}`)]));
        n++;
        await Promise.all(ops);
      }
      const expected = docOf([Y.encodeStateAsUpdate(wa.doc), Y.encodeStateAsUpdate(wb.doc)]);
      for (const store of [a, b]) {
        const loaded = docOf(await store.load('shared'));
        assert.deepEqual(loaded.getMap('m').toJSON(), expected.getMap('m').toJSON());
        assert.deepEqual(Y.encodeStateVector(loaded), Y.encodeStateVector(expected));
      }
      assert.equal(Object.keys(expected.getMap('m').toJSON()).length, 2 * n);
    });
  }

  it('rejects the append whose connection died, and the next call reconnects', async () => {
    const store = await postgres.open();
    const url = pgUrls.get(store)!;
    const w = writer();
    await store.append('r', [w.set('warm-up')]);

    // Idle connections killed (a server restart): the pool drops them without crashing the
    // process. An append that picks a dead connection before the client has read its death
    // rejects, without writing anything; the call after it reconnects. One extra call at most.
    await withPg(url, (c) =>
      c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hs-test'`),
    );
    const afterIdleKill = writer(3).set('after-idle-kill');
    const stored = await store.append('r', [afterIdleKill]).then(
      () => true,
      () => false,
    );
    if (!stored) await store.append('r', [afterIdleKill]);

    // A connection killed while its append waits: that append rejects, nothing half-written.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE hs_yupdate IN ACCESS EXCLUSIVE MODE');
      const doomed = store.append('r', [w.set('doomed')]);
      let settled = false;
      doomed.then(
        () => (settled = true),
        () => (settled = true),
      );
      let pid: number | undefined;
      while (pid === undefined) {
        assert.equal(settled, false, 'the append waits for the lock');
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'hs-test' AND wait_event_type = 'Lock'`,
        );
        pid = rows[0]?.pid;
        if (pid === undefined) await sleep(10);
      }
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await assert.rejects(doomed);
      await admin.query('ROLLBACK');
    } finally {
      await admin.end();
    }
    // Another client's update: one from `w` would depend on the rejected one (the room server
    // resends rejected updates; here we only check that the store works again).
    await store.append('r', [writer(2).set('after-kill')]);
    const loaded = await store.load('r');
    assert.equal(loaded.length, 3, 'the rejected append left no row');
    const keys = [...docOf(loaded).getMap('m').keys()].sort();
    assert.deepEqual(keys, ['after-idle-kill', 'after-kill', 'warm-up']);
  });

  it('keeps an update whose lower id commits after a compaction (load merges every row)', async () => {
    const store = await postgres.open();
    const url = pgUrls.get(store)!;
    const late = writer(1).set('late');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // Another node's transaction takes an id first and commits last.
      await admin.query('BEGIN');
      await admin.query(
        `INSERT INTO hs_yupdate (room, data, checksum) VALUES ('r', $1, $2)`,
        [Buffer.from(late), checksumOf(late)],
      );
      const w = writer(2);
      await store.append('r', [w.set('a'), w.set('b')]);
      assert.equal((await store.compact('r')).readEntries, 2);
      await admin.query('COMMIT');
    } finally {
      await admin.end();
    }
    assert.deepEqual([...docOf(await store.load('r')).getMap('m').keys()].sort(), ['a', 'b', 'late']);
    assert.equal((await store.compact('r')).readEntries, 2);
    assert.deepEqual([...docOf(await store.load('r')).getMap('m').keys()].sort(), ['a', 'b', 'late']);
  });

  it('keeps call order per room when many appends share one commit', async () => {
    const store = await postgres.open();
    const writers = Array.from({ length: 10 }, (_, i) => writer(i + 1));
    const sent = new Map<string, Uint8Array[]>();
    const calls: Promise<void>[] = [];
    for (let i = 0; i < 30; i++) {
      for (const [r, w] of writers.entries()) {
        const u = w.set(`k${i}`);
        sent.set(`room-${r}`, [...(sent.get(`room-${r}`) ?? []), u]);
        calls.push(store.append(`room-${r}`, [u]));
      }
    }
    await Promise.all(calls);
    for (const [room, updates] of sent) assert.deepEqual(bytes(await store.load(room)), bytes(updates));
  });
});
