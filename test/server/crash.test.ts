/**
 * SIGKILL in the middle of a burst. Several clients append timeline entries as fast as they can;
 * the real server process is killed at a random moment and restarted on the same LevelDB
 * directory. Every entry whose write a client saw **saved** must be there after the restart;
 * then the clients reconnect (re-uploading what the server lost) and everyone converges, with no
 * entry twice. Randomised and seeded: set HUISHEN_SEED to replay a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { LocalOrigin, appendEntry, readTimeline, type Actor } from '@huishen/model';
import { SECRET, token } from './support/server.js';
import { TestClient } from './support/client.js';
import { startServerProcess, type ServerProcess } from './support/process.js';
import { PostgresUnavailableError, startPostgres } from '../helpers/postgres.js';
import { seededRandom } from '../helpers/random.js';

const ROUNDS = Math.max(20, Number(process.env['HUISHEN_CRASH_ROUNDS'] ?? 20));
const CLIENTS = 4;
const ROOM = 'crash-room';


interface Writer {
  actor: Actor;
  doc: Y.Doc;
  origin: LocalOrigin;
  token: string;
  conn: TestClient | undefined;
  /** For the current connection: write number → entry ids that write makes durable once saved. */
  pending: Map<number, string[]>;
  created: string[];
  acked: Set<string>;
}

const ownEntryIds = (w: Writer): string[] => readTimeline(w.doc).filter((e) => e.author === w.actor.userId).map((e) => e.id);

/** Connects a writer with its existing doc; its sync step 2 reply re-uploads what the server lacks. */
function connectWriter(w: Writer, url: string): TestClient {
  const c = TestClient.connect(url, ROOM, w.token, {}, w.doc);
  w.conn = c;
  w.pending = new Map();
  const send = c.send.bind(c);
  // Whatever this connection sends as write n carries every own entry the doc has at that moment.
  c.send = (frame: Uint8Array) => {
    const before = c.writes;
    send(frame);
    queueMicrotask(() => {
      for (let n = before + 1; n <= c.writes; n++) if (!w.pending.has(n)) w.pending.set(n, ownEntryIds(w));
    });
  };
  return c;
}

/** Moves everything this writer's connection had saved into `acked`. */
function collectAcks(w: Writer): void {
  const c = w.conn;
  if (!c) return;
  for (const [n, ids] of w.pending) if (n <= c.saved) for (const id of ids) w.acked.add(id);
}

test(`SIGKILL mid-burst, ${ROUNDS} randomised rounds on LevelDB: every saved write survives, clients converge, nothing doubles`, async (t) => {
  await crashRounds(t, ROUNDS, []);
});

test('the same SIGKILL rounds on PostgreSQL (--postgres)', async (t) => {
  let pg;
  try {
    pg = await startPostgres();
  } catch (error) {
    if (error instanceof PostgresUnavailableError) return t.skip(error.message);
    throw error;
  }
  try {
    await crashRounds(t, 10, ['--postgres', await pg.newDatabase()]);
  } finally {
    await pg.stop();
  }
});

async function crashRounds(t: { diagnostic(message: string): void }, rounds: number, storeArgs: string[]): Promise<void> {
  const seed = Number(process.env['HUISHEN_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  t.diagnostic(`seed ${seed}`);
  const rand = seededRandom(seed);
  const dir = await mkdtemp(join(tmpdir(), 'huishen-crash-'));
  const args = ['--data', dir, '--secret', SECRET, '--limit', 'roomIdleMs=60000', ...storeArgs];
  let server: ServerProcess | undefined;
  const writers: Writer[] = [];
  try {
    for (let i = 0; i < CLIENTS; i++) {
      const actor: Actor = { userId: `w${i}`, name: `Name w${i}`, venue: 'city', role: 'member' };
      writers.push({ actor, doc: new Y.Doc(), origin: new LocalOrigin(actor), token: await token(ROOM, actor.userId, 'member'), conn: undefined, pending: new Map(), created: [], acked: new Set() });
    }
    server = await startServerProcess(args);
    for (const w of writers) connectWriter(w, server.url);
    await Promise.all(writers.map((w) => w.conn!.synced()));
    let generation = writers[0]!.conn!.hello!.generation;

    for (let round = 0; round < rounds; round++) {
      const where = `seed ${seed}, round ${round}`;
      // Burst: each writer appends entries with random tiny pauses; the server dies at a random moment.
      const killAfterMs = 2 + rand() * 40;
      let killed = false;
      const bursts = writers.map(async (w) => {
        const count = 5 + Math.floor(rand() * 40);
        for (let k = 0; k < count; k++) {
          const id = `${w.actor.userId}-r${round}-${k}`;
          appendEntry(w.doc, { id, kind: 'comment', text: `${id}` }, w.origin);
          w.created.push(id);
          if (rand() < 0.5) await new Promise((r) => setImmediate(r));
          else await new Promise((r) => setTimeout(r, rand() * 3));
          if (killed && rand() < 0.3) break;
        }
      });
      await new Promise((r) => setTimeout(r, killAfterMs));
      server.child.kill('SIGKILL');
      killed = true;
      await server.exited;
      await Promise.all(bursts);
      await Promise.all(writers.map((w) => w.conn!.closed));
      for (const w of writers) collectAcks(w);

      // Restart on the same data. A fresh observer sees exactly what was stored.
      const t0 = performance.now();
      server = await startServerProcess(args);
      const t1 = performance.now();
      const observer = TestClient.connect(server.url, ROOM, await token(ROOM, 'obs', 'observer'));
      await observer.synced();
      assert.equal(observer.hello!.generation, generation, `${where}: generation kept`);
      const stored = new Set(readTimeline(observer.doc).map((e) => e.id));
      for (const w of writers) for (const id of w.acked) assert.ok(stored.has(id), `${where}: acknowledged entry ${id} lost`);

      // Everyone reconnects, re-uploads and converges.
      for (const w of writers) connectWriter(w, server.url);
      await Promise.all(writers.map((w) => w.conn!.synced()));
      await Promise.all(writers.map((w) => w.conn!.allSaved()));
      for (const w of writers) collectAcks(w);
      const all = writers.flatMap((w) => w.created);
      await observer.waitFor(() => observer.doc.getArray('timeline').length === all.length, `${where}: observer has all ${all.length} entries`);
      for (const w of writers) {
        assert.equal(w.conn!.rejected.length, 0, `${where}: no rejections (${JSON.stringify(w.conn!.rejected)})`);
        await w.conn!.waitFor(() => w.doc.getArray('timeline').length === all.length, `${where}: ${w.actor.userId} converged`);
      }
      const ids = readTimeline(observer.doc).map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length, `${where}: no entry twice`);
      assert.deepEqual(new Set(ids), new Set(all), `${where}: exactly the created entries`);
      for (const w of writers) assert.deepEqual(readTimeline(w.doc).map((e) => e.id), ids, `${where}: same order everywhere`);
      generation = observer.hello!.generation;
      if (process.env['HUISHEN_CRASH_DEBUG']) t.diagnostic(`round ${round}: restart ${Math.round(t1 - t0)} ms, converge ${Math.round(performance.now() - t1)} ms, acked ${writers.reduce((n, w) => n + w.acked.size, 0)}/${writers.reduce((n, w) => n + w.created.length, 0)}, stored before reconnect ${stored.size}`);
      await observer.close();
    }
  } finally {
    for (const w of writers) await w.conn?.close();
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
}
