/**
 * Room server benchmarks (issue 3):
 *
 * - `server.relay`: 20 clients in one room, 10 updates/s each; latency from client A's send to
 *   client B seeing the update, p50/p99. Anchor: `@y/websocket-server` 0.1.1 with the same
 *   clients, measured in the same rounds, alternating which goes first. Target: ours p99 ≤ anchor
 *   p99 + 2 ms, although ours authenticates, checks rights and stores before relaying.
 * - `server.rooms`: one server process, 500 rooms × 4 clients at 1 update/s each for 10 s: relay
 *   p99 ≤ 20 ms, no lost or rejected valid update, server memory per room.
 * - `server.saved`: time from send to **saved** on the LevelDB store, p50/p99.
 *
 * The harness (`server/`): each server under test runs alone in its own process — ours is the
 * real `huishen-server` CLI on LevelDB, the anchor the stock relay started the same way — and the
 * load clients ({@link LoadClient}, identical for both) run in this process. Durable appends
 * cannot be faster than the disk's fsync, so each relay round also reports how long the server's
 * LevelDB appends took and a raw fdatasync probe of the same disk, measured in the same run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLevelDbStore, createRoomServer, silentLogger } from '@huishen/server';
import { collectGarbage, median, quantile, round, type BenchOptions, type BenchResult } from './stats.js';
import { DeliveryClock, LoadClient, SECRET, closeAll, connectClients, drive, sleep } from './server/load-client.js';
import { appendStats, cpuOf, fsyncProbe, metricsOf, rssOf, startAnchor, startOurs, type Target } from './server/targets.js';

interface RelaySample {
  p50: number;
  p99: number;
  samples: number;
  load: number;
  store?: Record<string, number>;
}

async function relayRound(target: Target, room: string, withStore: boolean): Promise<RelaySample> {
  const clock = new DeliveryClock();
  const all = await connectClients(target.url, room, 20, clock);
  try {
    await sleep(200);
    await drive(all, 10, 500); // warm-up, not measured
    await sleep(200);
    const before = withStore ? await metricsOf(target) : undefined;
    clock.start();
    await drive(all, 10, 4000);
    await sleep(300);
    clock.measuring = false;
    const store = before ? appendStats(before, await metricsOf(target)) : undefined;
    const { latencies } = clock;
    return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), samples: latencies.length, load: loadavg()[0]!, ...(store ? { store } : {}) };
  } finally {
    await closeAll(all);
  }
}

/** `server.relay`: A → B latency, ours vs the stock relay, 20 clients × 10 updates/s. */
export async function benchServerRelay(options?: BenchOptions): Promise<BenchResult> {
  const rounds = Math.max(1, Math.min(options?.rounds ?? 3, 5));
  const ours = await startOurs(['roomIdleMs=5000']);
  const anchor = await startAnchor();
  const samples = { ours: [] as RelaySample[], anchor: [] as RelaySample[] };
  const fsync: Array<{ p50: number; p99: number; max: number }> = [];
  try {
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? (['ours', 'anchor'] as const) : (['anchor', 'ours'] as const);
      for (const side of order) {
        const res = await relayRound(side === 'ours' ? ours : anchor, `relay-${r}-${side}`, side === 'ours');
        samples[side].push(res);
        const store = res.store ? `; store appends: mean ${res.store['meanAppendMs']} ms, ${(res.store['shareOver2ms']! * 100).toFixed(1)} % > 2 ms` : '';
        options?.log(`  server.relay round ${r} ${side}: p50 ${res.p50.toFixed(2)} ms, p99 ${res.p99.toFixed(2)} ms (${res.samples} deliveries, load ${res.load.toFixed(2)}${store})`);
      }
      fsync.push(await fsyncProbe());
      options?.log(`  server.relay round ${r} disk: fdatasync p50 ${fsync.at(-1)!.p50} ms, p99 ${fsync.at(-1)!.p99} ms`);
    }
  } finally {
    await ours.close();
    await anchor.close();
  }
  const oursP99 = median(samples.ours.map((s) => s.p99));
  const anchorP99 = median(samples.anchor.map((s) => s.p99));
  return {
    id: 'server.relay',
    ours: round(oursP99),
    anchor: round(anchorP99),
    unit: 'ms (p99)',
    target: 'ours p99 ≤ anchor p99 + 2 ms',
    met: oursP99 <= anchorP99 + 2,
    details: {
      p50: { ours: round(median(samples.ours.map((s) => s.p50))), anchor: round(median(samples.anchor.map((s) => s.p50))) },
      // The disk alone, between rounds: a durable append cannot beat it.
      fdatasync: { p50: round(median(fsync.map((f) => f.p50))), p99: round(median(fsync.map((f) => f.p99))), rounds: fsync },
      rounds: samples,
      clients: 20,
      updatesPerSecondEach: 10,
      harness: 'each server in its own process, clients in the bench process',
    },
  };
}

/**
 * Heap per room in one process after a full GC: an in-process server with `rooms` rooms of
 * `perRoom` idle load clients. The figure includes the clients' side of each socket, so it is an
 * upper bound for the server's share.
 */
async function heapPerRoom(rooms: number, perRoom: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'huishen-bench-heap-'));
  const store = await createLevelDbStore(join(dir, 'rooms'));
  const server = createRoomServer({ store, secret: SECRET, logger: silentLogger });
  const { port } = await server.listen(0, '127.0.0.1');
  const clients: LoadClient[] = [];
  try {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let r = 0; r < rooms; r++) clients.push(...(await connectClients(`ws://127.0.0.1:${port}`, `heap-${r}`, perRoom, new DeliveryClock())));
    await sleep(200);
    collectGarbage();
    return Math.round((process.memoryUsage().heapUsed - before) / rooms);
  } finally {
    await closeAll(clients);
    await server.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** `server.rooms`: one server process, 500 rooms × 4 clients, 1 update/s each for 10 s. */
export async function benchServerRooms(options?: BenchOptions): Promise<BenchResult> {
  const ROOMS = 500;
  const PER_ROOM = 4;
  const ours = await startOurs(['roomIdleMs=60000', `maxConnectionsPerRoom=${PER_ROOM + 2}`]);
  const pid = ours.proc.child.pid!;
  const clock = new DeliveryClock();
  let clients: LoadClient[] = [];
  try {
    await sleep(300);
    const rssBefore = await rssOf(pid);
    const metricsBefore = await metricsOf(ours);
    for (let r = 0; r < ROOMS; r += 25) {
      const batch = await Promise.all(Array.from({ length: Math.min(25, ROOMS - r) }, (_, k) => connectClients(ours.url, `rooms-${r + k}`, PER_ROOM, clock)));
      clients = clients.concat(batch.flat());
    }
    options?.log(`  server.rooms: ${clients.length} clients in ${ROOMS} rooms connected`);
    await drive(clients, 1, 2000); // warm-up
    await sleep(500);
    const storeBefore = await metricsOf(ours);
    const cpuBefore = await cpuOf(pid);
    const clientCpuBefore = process.cpuUsage();
    const started = performance.now();
    clock.start();
    const sent = await drive(clients, 1, 10_000);
    const wall = (performance.now() - started) / 1000;
    const cpuDuring = (await cpuOf(pid)) - cpuBefore;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    await sleep(1500);
    clock.measuring = false;
    const metricsAfter = await metricsOf(ours);
    const rssAfter = await rssOf(pid);
    const rejected = clients.reduce((n, c) => n + c.rejected, 0);
    const lost = sent.filter((key) => (clock.seen.get(key) ?? 0) < PER_ROOM - 1).length;
    const duplicated = sent.filter((key) => (clock.seen.get(key) ?? 0) > PER_ROOM - 1).length;
    const unsaved = clients.filter((c) => c.saved < c.writes).length;
    const p99 = quantile(clock.latencies, 0.99);
    const heap = (m: Map<string, number>): number => m.get('huishen_process_heap_used_bytes') ?? 0;
    options?.log(`  server.rooms: p50 ${quantile(clock.latencies, 0.5).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, server CPU ${((cpuDuring * 1e6) / sent.length).toFixed(0)} µs/update, load ${loadavg()[0]!.toFixed(2)}`);
    return {
      id: 'server.rooms',
      ours: round(p99),
      unit: 'ms (p99)',
      target: 'p99 ≤ 20 ms, no lost or rejected valid update',
      met: p99 <= 20 && lost === 0 && rejected === 0,
      details: {
        p50: round(quantile(clock.latencies, 0.5)),
        p999: round(quantile(clock.latencies, 0.999)),
        deliveries: clock.latencies.length,
        updatesSent: sent.length,
        lost,
        // Deliveries of one write beyond one per other client (harmless for Yjs, but wasted).
        duplicated,
        rejected,
        clientsWithUnsavedWrites: unsaved,
        serverCpuShare: round(cpuDuring / wall, 3),
        clientProcessCpuShare: round((clientCpu.user + clientCpu.system) / 1e6 / wall, 3),
        serverCpuMicrosPerUpdate: round((cpuDuring * 1e6) / Math.max(1, sent.length), 3),
        store: appendStats(storeBefore, metricsAfter),
        loadAverage: loadavg()[0],
        serverRssBytes: { before: rssBefore, after: rssAfter },
        // Both include the room's 4 connections; RSS also counts heap slack and socket buffers.
        memoryPerRoomBytes: Math.round((rssAfter - rssBefore) / ROOMS),
        heapPerRoomBytes: Math.round((heap(metricsAfter) - heap(metricsBefore)) / ROOMS),
        heapPerRoomAfterGcInProcessBytes: await heapPerRoom(100, PER_ROOM),
        harness: 'server in its own process (the CLI on LevelDB), clients in the bench process',
      },
    };
  } finally {
    await closeAll(clients);
    await ours.close();
  }
}

/** `server.saved`: send → **saved** on LevelDB, 8 clients × 20 updates/s. */
export async function benchServerSaved(options?: BenchOptions): Promise<BenchResult> {
  const ours = await startOurs(['roomIdleMs=5000']);
  const times: number[] = [];
  try {
    const clock = new DeliveryClock();
    const clients = await connectClients(ours.url, 'saved', 8, clock);
    let measuring = false;
    // Per client: send times of its writes not yet saved, in write order.
    const pending = new Map<LoadClient, number[]>();
    for (const c of clients) {
      const list: number[] = [];
      pending.set(c, list);
      let first = 1; // write number of list[0]
      const send = c.send.bind(c);
      c.send = () => {
        list.push(performance.now());
        return send();
      };
      c.ws.on('message', () => {
        const now = performance.now();
        while (list.length > 0 && first <= c.saved) {
          const at = list.shift()!;
          first++;
          if (measuring) times.push(now - at);
        }
      });
    }
    await drive(clients, 20, 1000);
    await sleep(300);
    const before = await metricsOf(ours);
    measuring = true;
    await drive(clients, 20, 5000);
    await sleep(500);
    measuring = false;
    const store = appendStats(before, await metricsOf(ours));
    await closeAll(clients);
    options?.log(`  server.saved: ${times.length} writes, ${store['appends']} appends, load ${loadavg()[0]!.toFixed(2)}`);
    return {
      id: 'server.saved',
      ours: round(quantile(times, 0.99)),
      unit: 'ms (p99)',
      details: { p50: round(quantile(times, 0.5)), samples: times.length, store: 'leveldb', appends: store, fdatasync: await fsyncProbe(), loadAverage: loadavg()[0] },
    };
  } finally {
    await ours.close();
  }
}
