/**
 * Measuring on a small, shared, noisy machine. Three habits keep the figures honest:
 *
 * - warm-up rounds that are thrown away (JIT, inline caches, lazily built valibot schemas);
 * - ours and the anchor measured in the *same* round, one right after the other, alternating
 *   which goes first, so a burst of load from another process hits both sides alike;
 * - the median over rounds, never the mean, and a forced GC before each timed sample so the
 *   garbage of one sample is not collected on the other's clock.
 *
 * Bench modules (`test/bench/*.ts`) export async functions named `bench…` that return one
 * {@link BenchResult} or an array of them; `run.ts` collects them into `bench-results.json`.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What a bench function returns for one benchmark id. */
export interface BenchResult {
  /** Dotted id, `<area>.<what>` (`model.latejoin.10k`, `server.relay`). */
  id: string;
  /** Our figure (the median over rounds). */
  ours: number;
  /** The anchor's figure, measured in the same rounds. */
  anchor?: number | undefined;
  /** `ours / anchor`. */
  ratio?: number | undefined;
  /** `ms`, `ops/s`, `bytes`, … */
  unit: string;
  /** The target in words, e.g. `ratio ≤ 2 and ours ≤ 250 ms`. */
  target?: string | undefined;
  /** Whether the target was met. */
  met?: boolean | undefined;
  /** Anything else worth keeping: breakdowns, percentiles, sizes, per-round samples. */
  details?: Record<string, unknown> | undefined;
}

/** Options `run.ts` passes to every bench function (which may ignore them). */
export interface BenchOptions {
  /** Timed rounds per benchmark (after warm-up). */
  rounds: number;
  /** Only ids starting with this prefix are wanted. */
  only?: string | undefined;
  /** Progress lines go here (stderr), so the table on stdout stays clean. */
  log: (line: string) => void;
}

/** True when `id` is wanted under `--only <prefix>`. */
export function wanted(id: string, only: string | undefined): boolean {
  return only === undefined || id.startsWith(only);
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile, `q` in 0..1. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Median absolute deviation relative to the median (a noise indicator), as a fraction. */
export function relativeSpread(values: readonly number[]): number {
  const m = median(values);
  if (!Number.isFinite(m) || m === 0) return Number.NaN;
  return median(values.map((x) => Math.abs(x - m))) / m;
}

/** Rounds to `digits` significant digits, for readable JSON. */
export function round(value: number, digits = 4): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

let gcFn: (() => void) | undefined | null = null;

/**
 * A full garbage collection, when it can be had. `npm run bench` does not pass `--expose-gc`,
 * so the flag is switched on at run time and `gc` is taken from a fresh context.
 */
export function collectGarbage(): void {
  if (gcFn === null) {
    const global = globalThis as { gc?: () => void };
    if (typeof global.gc === 'function') gcFn = global.gc;
    else {
      try {
        setFlagsFromString('--expose-gc');
        gcFn = runInNewContext('gc') as () => void;
      } catch {
        gcFn = undefined;
      }
    }
  }
  gcFn?.();
}

/** Monotonic time in milliseconds. */
export const now = (): number => performance.now();

/**
 * Named durations (ms) from one sample, e.g. `{ apply: 40, read: 25, total: 65 }`. {@link paired}
 * adds `cpu`: the process CPU time the sample used.
 */
export type Sample = Record<string, number>;

/** One side of a paired measurement. `prepare` runs untimed before each sample. */
export interface Side<P> {
  prepare?: () => P;
  run: (prepared: P) => Sample;
}

/** Medians and raw samples of a paired measurement. */
export interface Paired {
  ours: Sample;
  anchor: Sample;
  samples: { ours: Sample[]; anchor: Sample[] };
}

/**
 * Measures two sides in interleaved rounds: `warmup` discarded rounds, then `rounds` timed ones,
 * alternating which side goes first. Returns the median of every named duration.
 */
export function paired<P, Q>(
  options: { rounds: number; warmup?: number; log?: ((line: string) => void) | undefined; label?: string },
  ours: Side<P>,
  anchor: Side<Q>,
): Paired {
  const warmup = options.warmup ?? 2;
  const samples = { ours: [] as Sample[], anchor: [] as Sample[] };
  const once = <T>(side: Side<T>): Sample => {
    const prepared = side.prepare ? side.prepare() : (undefined as T);
    collectGarbage();
    const before = process.cpuUsage();
    const sample = side.run(prepared);
    const cpu = process.cpuUsage(before);
    // CPU time of the whole process (GC helper threads included): steadier than wall time when
    // other processes compete for the cores, but it does not see waiting.
    return { ...sample, cpu: (cpu.user + cpu.system) / 1000 };
  };
  for (let i = 0; i < warmup + options.rounds; i++) {
    const oursFirst = i % 2 === 0;
    const a = oursFirst ? once(ours) : undefined;
    const b = once(anchor);
    const c = oursFirst ? a! : once(ours);
    if (i >= warmup) {
      samples.ours.push(c);
      samples.anchor.push(b);
      options.log?.(`  ${options.label ?? ''} round ${i - warmup + 1}/${options.rounds}: ours ${fmtSample(c)} | anchor ${fmtSample(b)}`);
    }
  }
  return { ours: medians(samples.ours), anchor: medians(samples.anchor), samples };
}

function medians(samples: readonly Sample[]): Sample {
  const out: Sample = {};
  for (const key of Object.keys(samples[0] ?? {})) out[key] = median(samples.map((s) => s[key]!));
  return out;
}

function fmtSample(sample: Sample): string {
  return Object.entries(sample)
    .map(([k, v]) => `${k} ${round(v, 3)}`)
    .join(', ');
}
