/**
 * `npm run bench [-- --only <prefix>] [--rounds N] [--timeout S] [--list]`
 *
 * Runs every bench module of `test/bench/` in this one process and writes `bench-results.json`
 * at the repository root. A bench module is any `test/bench/*.ts` (other than this file) that
 * exports functions named `bench…`; each is called with {@link BenchOptions} and returns one
 * {@link BenchResult} or an array of them. `model` runs first, the others in name order.
 *
 * `--only <prefix>` keeps ids starting with the prefix. A module is imported only when its name
 * could hold such ids (`--only server.relay` imports `server.ts` alone), and a function that
 * declares its ids in a `benchIds` property is skipped when none is wanted.
 *
 * A bench that throws (or outlives `--timeout`) becomes an `error` entry and the others still
 * run; the exit code is non-zero only when the harness itself fails. With `--only`, entries of
 * ids that were not run are kept from the previous file, each with its own `measuredAt`.
 * `--list` imports the modules and prints their bench functions without running them.
 */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { round, wanted, type BenchOptions, type BenchResult } from './stats.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = `${ROOT}bench-results.json`;
const NOT_BENCH_MODULES = new Set(['run']);

/** One entry of `bench-results.json`. */
interface Entry {
  ours?: number;
  anchor?: number | null;
  ratio?: number | null;
  unit?: string;
  target?: string | null;
  met?: boolean | null;
  details?: Record<string, unknown>;
  error?: string;
  measuredAt: string;
}

type BenchFn = ((options: BenchOptions) => unknown) & { benchIds?: readonly string[] };

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** Module names whose ids could start with `only` (ids are `<module>.<…>`). */
function moduleWanted(name: string, only: string | undefined): boolean {
  return only === undefined || name.startsWith(only) || only === name || only.startsWith(`${name}.`);
}

async function discover(only: string | undefined): Promise<string[]> {
  const names = (await readdir(BENCH_DIR))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .filter((name) => !NOT_BENCH_MODULES.has(name) && moduleWanted(name, only));
  return names.sort((a, b) => (a === 'model' ? -1 : b === 'model' ? 1 : a.localeCompare(b)));
}

function isResult(value: unknown): value is BenchResult {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r['id'] === 'string' && typeof r['ours'] === 'number' && typeof r['unit'] === 'string';
}

function withTimeout<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 6).join('\n') : String(error);
}

async function runModule(name: string, options: BenchOptions, timeoutS: number, out: Map<string, Entry>, listOnly: boolean): Promise<void> {
  const stamp = (): string => new Date().toISOString();
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(`${BENCH_DIR}${name}.ts`).href)) as Record<string, unknown>;
  } catch (error) {
    log(`✗ ${name}: could not load: ${describe(error)}`);
    out.set(name, { error: `could not load ${name}.ts: ${describe(error)}`, measuredAt: stamp() });
    return;
  }
  for (const [exportName, value] of Object.entries(mod)) {
    if (!exportName.startsWith('bench') || typeof value !== 'function') continue;
    const fn = value as BenchFn;
    if (fn.benchIds && !fn.benchIds.some((id) => wanted(id, options.only))) continue;
    const label = fn.benchIds?.join(', ') ?? `${name}.${exportName}`;
    if (listOnly) {
      process.stdout.write(`${name}.ts ${exportName}: ${label}\n`);
      continue;
    }
    log(`▶ ${label}`);
    const started = Date.now();
    try {
      const returned = await withTimeout(Promise.resolve(fn(options)), timeoutS, `${name}.${exportName}`);
      const results = (Array.isArray(returned) ? returned : [returned]) as unknown[];
      for (const result of results) {
        if (!isResult(result)) throw new Error(`${name}.${exportName} returned something that is not { id, ours, unit, … }`);
        if (!wanted(result.id, options.only)) continue;
        out.set(result.id, toEntry(result));
      }
      log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      log(`✗ ${label}: ${describe(error)}`);
      // Without declared ids the failure is filed under `<module>.<export>`, unless `--only`
      // asked for particular ids of this module (then it is only logged).
      const fallback = `${name}.${exportName}`;
      const ids = fn.benchIds?.filter((i) => wanted(i, options.only)) ?? (wanted(fallback, options.only) || wanted(name, options.only) ? [fallback] : []);
      for (const id of ids) out.set(id, { error: describe(error), measuredAt: stamp() });
    }
  }
}

function toEntry(r: BenchResult): Entry {
  // Modules written without `stats.ts` may say `null` for "no anchor".
  const anchor = typeof r.anchor === 'number' ? r.anchor : undefined;
  const ratio = typeof r.ratio === 'number' ? r.ratio : anchor !== undefined && anchor !== 0 ? round(r.ours / anchor, 3) : undefined;
  return {
    ours: r.ours,
    anchor: anchor ?? null,
    ratio: ratio ?? null,
    unit: r.unit,
    target: r.target ?? null,
    met: r.met ?? null,
    ...(r.details ? { details: r.details } : {}),
    measuredAt: new Date().toISOString(),
  };
}

const fmt = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(round(n, 4));

function table(results: Map<string, Entry>): string {
  const head = ['id', 'ours', 'anchor', 'ratio', 'unit', 'met', 'target'];
  const rows = [...results].map(([id, e]) =>
    e.error !== undefined
      ? [id, 'ERROR', '', '', '', '✗', e.error.split('\n')[0]!.slice(0, 80)]
      : [id, fmt(e.ours), fmt(e.anchor), fmt(e.ratio), e.unit ?? '', e.met === null || e.met === undefined ? '—' : e.met ? '✓' : '✗', e.target ?? ''],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([1, 2, 3]);
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w, i) => '─'.repeat(i === head.length - 1 ? Math.max(6, head[i]!.length) : w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      rounds: { type: 'string', default: '7' },
      timeout: { type: 'string', default: '900' },
      list: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const rounds = Number(values.rounds);
  const timeoutS = Number(values.timeout);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, not ${values.rounds}`);
  if (!(timeoutS > 0)) throw new Error(`--timeout must be a number of seconds, not ${values.timeout}`);
  if (rounds < 5) log(`note: --rounds ${rounds} is below the 5 rounds the figures are meant to be medians of`);
  const only = values.only;
  const options: BenchOptions = { rounds, only, log };

  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString(), loadavgAtStart: loadavg().map((x) => round(x, 3)), memoryGB: round(totalmem() / 2 ** 30, 3) };
  log(`bench: ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, load ${machine.loadavgAtStart.join(' ')}, ${rounds} rounds${only ? `, only ${only}` : ''}`);

  const modules = await discover(only);
  if (modules.length === 0) log(`no bench module matches --only ${only}`);
  const results = new Map<string, Entry>();
  if (values.list) {
    for (const name of modules) await runModule(name, options, timeoutS, results, true);
    for (const [id, e] of results) process.stdout.write(`${id}: ${e.error?.split('\n')[0]}\n`);
    return;
  }
  for (const name of modules) await runModule(name, options, timeoutS, results, false);

  let previous: Record<string, Entry> = {};
  if (only !== undefined) {
    try {
      previous = (JSON.parse(await readFile(RESULTS, 'utf8')) as { results?: Record<string, Entry> }).results ?? {};
    } catch {
      previous = {};
    }
  }
  const merged = { ...previous, ...Object.fromEntries(results) };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  const file = { machine: { ...machine, loadavgAtEnd: loadavg().map((x) => round(x, 3)), rounds, only: only ?? null }, results: sorted };
  const tmp = `${RESULTS}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`);
  await rename(tmp, RESULTS);

  process.stdout.write(`\n${table(results)}\n\nwrote ${RESULTS} (${Object.keys(sorted).length} entries)\n`);
}

main().then(
  // Bench modules may leave sockets or child processes behind; the run is over either way.
  () => process.exit(0),
  (error: unknown) => {
    log(`bench harness failed: ${describe(error)}`);
    process.exit(1);
  },
);
