/**
 * `store.append`: how long the write-ahead step costs, the time a room server waits between
 * accepting an update and relaying it / answering **saved**.
 *
 * ours   = LevelDB store, p50 latency of one `append` of one typical update (sync write)
 * anchor = PostgreSQL store on a local throwaway cluster (fsync on, synchronous_commit on), same
 * ratio  = ours / anchor (below 1: the embedded default acknowledges faster than production)
 *
 * Details add p99s, group-commit throughput (many rooms appending at once) and the time to
 * compact a 500-entry room, for both stores. Without PostgreSQL the anchor is null and the
 * reason is in `details.postgres`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import * as Y from 'yjs';

import {
  createLevelDbStore,
  createPostgresStore,
  type RoomStore,
} from '../../packages/server/src/persistence/index.js';
import { startPostgres } from '../helpers/postgres.js';

/** The shape the bench harness collects. */
export interface BenchResult {
  id: string;
  ours: number;
  anchor: number | null;
  ratio: number | null;
  unit: string;
  details: Record<string, unknown>;
}

/** Options, mostly to make a quick run. */
export interface StoreAppendBenchOptions {
  /** Sequential appends measured per store (after 20 warm-up appends). Default 300. */
  samples?: number;
  /** Rooms × appends per room in the group-commit run. Default 20 × 25. */
  rooms?: number;
  appendsPerRoom?: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/** Typical updates: one annotation-sized map entry each (~100–150 bytes). */
function updateSource(clientID: number): () => Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  let last: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => {
    last = u;
  });
  let n = 0;
  return () => {
    const i = n++;
    doc.getMap('annotations').set(`a${i}`, { page: i % 40, kind: 'rect', x: 72.5, y: 310, w: 120, h: 24, author: 'u1' });
    return last;
  };
}

async function measure(store: RoomStore, options: Required<StoreAppendBenchOptions>): Promise<Record<string, number>> {
  const next = updateSource(1);
  for (let i = 0; i < 20; i++) await store.append('bench-warm', [next()]);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < options.samples; i++) {
    const u = next();
    bytes += u.byteLength;
    const t0 = performance.now();
    await store.append('bench-seq', [u]);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);

  // Group commit: every room appends at once, as a busy server would.
  const sources = Array.from({ length: options.rooms }, (_, r) => updateSource(r + 10));
  const total = options.rooms * options.appendsPerRoom;
  const burst = (): Promise<unknown> =>
    Promise.all(
      sources.map(async (nextOf, r) => {
        const calls: Promise<void>[] = [];
        for (let i = 0; i < options.appendsPerRoom; i++) calls.push(store.append(`bench-room-${r}`, [nextOf()]));
        await Promise.all(calls);
      }),
    );
  await burst(); // warm: rooms known, code paths compiled
  const t0 = performance.now();
  await burst();
  const concurrentMs = performance.now() - t0;

  const c0 = performance.now();
  const compaction = await store.compact('bench-seq');
  const compactMs = performance.now() - c0;

  return {
    p50: round(percentile(times, 50)),
    p99: round(percentile(times, 99)),
    mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    meanUpdateBytes: Math.round(bytes / times.length),
    concurrentAppendsPerSecond: Math.round((total / concurrentMs) * 1000),
    concurrentAppends: total,
    compactMs: round(compactMs),
    compactedEntries: compaction.readEntries,
    compactBytesBefore: compaction.bytesBefore,
    compactBytesAfter: compaction.bytesAfter,
  };
}

/** Runs the benchmark. Starts and removes its own LevelDB directory and PostgreSQL cluster. */
export async function benchStoreAppend(options: StoreAppendBenchOptions = {}): Promise<BenchResult> {
  const opts: Required<StoreAppendBenchOptions> = {
    samples: options.samples ?? 300,
    rooms: options.rooms ?? 20,
    appendsPerRoom: options.appendsPerRoom ?? 25,
  };
  const details: Record<string, unknown> = { samples: opts.samples };

  const dir = await mkdtemp(join(tmpdir(), 'huishen-bench-leveldb-'));
  let leveldb: Record<string, number>;
  try {
    const store = await createLevelDbStore(dir);
    try {
      leveldb = await measure(store, opts);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  details.leveldb = leveldb;

  let anchor: number | null = null;
  try {
    const server = await startPostgres();
    try {
      const store = await createPostgresStore(await server.newDatabase(), { applicationName: 'hs-bench' });
      try {
        const postgres = await measure(store, opts);
        details.postgres = postgres;
        anchor = postgres.p50 ?? null;
      } finally {
        await store.close();
      }
    } finally {
      await server.stop();
    }
  } catch (error) {
    details.postgres = `not measured: ${error instanceof Error ? error.message : String(error)}`;
  }

  const ours = leveldb.p50!;
  return {
    id: 'store.append',
    ours,
    anchor,
    ratio: anchor === null || anchor === 0 ? null : round(ours / anchor),
    unit: 'ms',
    details,
  };
}
