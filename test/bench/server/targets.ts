/**
 * The servers under test, each in its own process: ours (the real `huishen-server` CLI on
 * LevelDB) and the anchor (`anchor-host.ts`, the stock relay). The load clients live in the bench
 * process, so neither server shares an event loop with them. Also what the bench reads from a
 * server process (/proc, /metrics) and a probe of the disk's own fsync latency.
 */
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startListeningProcess, startServerProcess, type ServerProcess } from '../../server/support/process.js';
import { quantile, round } from '../stats.js';
import { SECRET } from './load-client.js';

/** A server under test. */
export interface Target {
  url: string;
  proc: ServerProcess;
  /** Its data directory (ours only). */
  dir?: string;
  close(): Promise<void>;
}

const ANCHOR_HOST = fileURLToPath(new URL('./anchor-host.ts', import.meta.url));

/** Our server, the CLI on a fresh LevelDB data directory, with extra `--limit`s. */
export async function startOurs(limits: string[] = []): Promise<Target> {
  const dir = await mkdtemp(join(tmpdir(), 'huishen-bench-'));
  const proc = await startServerProcess(['--data', dir, '--secret', SECRET, ...limits.flatMap((l) => ['--limit', l])]);
  return { url: proc.url, proc, dir, close: () => stop(proc).then(() => rm(dir, { recursive: true, force: true })) };
}

/** The stock @y/websocket-server 0.1.1 relay. */
export async function startAnchor(): Promise<Target> {
  const proc = await startListeningProcess(ANCHOR_HOST, []);
  return { url: proc.url, proc, close: () => stop(proc) };
}

async function stop(proc: ServerProcess): Promise<void> {
  proc.child.kill('SIGTERM');
  await proc.exited;
}

/** CPU seconds (user + system) a process has used, from /proc. */
export async function cpuOf(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Our server's `/metrics` as name{labels} → value. */
export async function metricsOf(target: Target): Promise<Map<string, number>> {
  const text = await (await fetch(`${target.url.replace('ws:', 'http:')}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\S+) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/**
 * From two `/metrics` snapshots: how many store appends there were in between, how many updates
 * they carried, and the share of appends that took longer than 1, 2, 5 and 20 ms. (An append is one
 * LevelDB `sync: true` batch, group-committed, timed from the room's side. Nothing derived from
 * a write leaves before its append returns, so when more than 1 % of appends take over 2 ms (or
 * 20 ms), a p99 within 2 ms of a relay that stores nothing (or under 20 ms) is out of reach.)
 */
export function appendStats(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const d = (name: string): number => (after.get(name) ?? 0) - (before.get(name) ?? 0);
  const count = d('huishen_store_append_seconds_count');
  const over = (le: string): number => round(count === 0 ? 0 : 1 - d(`huishen_store_append_seconds_bucket{le="${le}"}`) / count, 3);
  return {
    appends: count,
    updatesPerAppend: round(d('huishen_store_appended_updates_total') / Math.max(1, count), 3),
    meanAppendMs: round((d('huishen_store_append_seconds_sum') * 1000) / Math.max(1, count), 3),
    shareOver1ms: over('0.001'),
    shareOver2ms: over('0.002'),
    shareOver5ms: over('0.005'),
    shareOver20ms: over('0.02'),
  };
}

/**
 * The disk's own durable-append latency: `count` appends of 256 bytes to a file in the temp
 * directory (where the data directories are), each followed by `fdatasync`. Synchronous, so run
 * it between rounds, never while clients are active.
 */
export async function fsyncProbe(count = 200): Promise<{ p50: number; p99: number; max: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'huishen-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'a');
  const bytes = Buffer.alloc(256, 0x2a);
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      writeSync(fd, bytes);
      const started = performance.now();
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    await rm(dir, { recursive: true, force: true });
  }
  return { p50: round(quantile(times, 0.5)), p99: round(quantile(times, 0.99)), max: round(Math.max(...times)) };
}
