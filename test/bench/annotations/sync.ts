/**
 * Annotation sync benchmarks (issue 5), in Debian's Chromium driven by playwright-core, through a
 * room server on loopback. Two tabs are two venues (`sync-page.ts`): each joins with
 * `connectRoom` and shows the same 1-page PDF in `<hs-evidence-viewer>` with its annotation layer.
 * Both tabs read the same wall clock (`performance.timeOrigin + now()`).
 *
 * - `annotations.sync`: venue A draws a rectangle with pointer events; from A's pointer-up to the
 *   frame in which venue B's annotation layer has the mark's pixels on its marks canvas (checked at
 *   the mark's edge, each animation frame), p50/p99. B's page is rotated 90°, so the pixels are
 *   where geometry put them, not a copy of A's. Target: p99 ≤ 50 ms.
 * - `annotations.ink-stream`: venue A draws a 600-point stroke at 60 Hz; for every point, how long
 *   after A dispatched it B's layer held it (the live stroke shared through presence, or the stored
 *   stroke for the last points), sampled once per animation frame in B, p99. Target: ≤ 100 ms.
 *
 * Anchor, in the same rounds (alternating which goes first): the same two pages against the stock
 * `@y/websocket-server` 0.1.1 relay (no auth, no rights, no storage), so the ratio is what the
 * Huishen server's checks and write-ahead storage cost end to end.
 */
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import type { Actor } from '@huishen/model';
import { mintToken } from '@huishen/server';
import { makePdf } from '../../elements/support/make-pdf.js';
import { SECRET } from '../server/load-client.js';
import { startAnchor, startOurs, type Target } from '../server/targets.js';
import { quantile, round, type BenchOptions, type BenchResult } from '../stats.js';
import type { JoinOptions, SyncBench } from './sync-page.js';
import { launchBenchChromium, NO_BACKGROUND_THROTTLING } from '../support/chromium.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.pdf': 'application/pdf' };
/** Rectangles drawn per round and side for `annotations.sync`. */
const MARKS = 30;
/** Points of the `annotations.ink-stream` stroke, and its rate. */
const INK_POINTS = 600;
const INK_HZ = 60;

const presenter: Actor = { userId: 'bench-presenter', name: '县院承办人', venue: 'county', role: 'presenter' };
const member: Actor = { userId: 'bench-member', name: '市院检察官', venue: 'city', role: 'member' };

const PDF = makePdf([{ mediaBox: [0, 0, 612, 792], lines: ['Huishen annotation sync benchmark.'] }]);
const PDF_SHA = createHash('sha256').update(PDF).digest('hex');

function pageHtml(): string {
  const importMap = { imports: { 'pdfjs-dist/': '/node_modules/pdfjs-dist/', 'pdfjs-dist-v4/': '/node_modules/pdfjs-dist-v4/' } };
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<script type="importmap">${JSON.stringify(importMap)}</script>
<style>html,body{margin:0;padding:0;overflow:hidden}</style></head>
<body><script type="module" src="/bench/sync.js"></script></body></html>`;
}

/** Bundles the bench page and serves it, pdf.js and the evidence PDF on 127.0.0.1. */
async function servePages(): Promise<{ origin: string; close(): Promise<void> }> {
  const out = await mkdtemp(join(tmpdir(), 'huishen-bench-annotations-'));
  await build({
    entryPoints: { sync: join(ROOT, 'test/bench/annotations/sync-page.ts') },
    outdir: out,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source', 'browser'],
    external: ['pdfjs-dist', 'pdfjs-dist/*', 'pdfjs-dist-v4/*'],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'error',
  });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      let body: Buffer | Uint8Array | string | undefined;
      let file = path;
      if (path === '/sync.html') body = pageHtml();
      else if (path === '/evidence.pdf') body = PDF;
      else {
        const [dir, rest] = path.startsWith('/bench/') ? [out, path.slice(7)] : path.startsWith('/node_modules/') ? [join(ROOT, 'node_modules'), path.slice(14)] : [undefined, ''];
        if (dir) {
          file = resolve(dir, rest);
          if (file.startsWith(dir + sep)) body = await readFile(file).catch(() => undefined);
        }
      }
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': path.endsWith('.html') ? 'text/html; charset=utf-8' : (TYPES[extname(file)] ?? 'application/octet-stream'), 'cache-control': 'no-store' });
      res.end(body);
    })();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await rm(out, { recursive: true, force: true });
    },
  };
}

type Call = <A, R>(fn: (bench: SyncBench, arg: A) => R, arg: A) => Promise<Awaited<R>>;

/** A tab that joined `room` on `server` as `actor`; `call` runs a function against its `hsBench`. */
async function venueTab(browser: Browser, origin: string, server: string, room: string, actor: Actor, rotation: number): Promise<{ tab: Page; call: Call }> {
  const tab = await (await browser.newContext({ viewport: { width: 920, height: 800 } })).newPage();
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(`${origin}/sync.html`);
  await tab.waitForFunction(() => 'hsBench' in window, null, { timeout: 30_000 });
  const call: Call = (fn, arg) =>
    tab.evaluate(
      ([source, a]) => (new Function('b', 'a', `return (${source})(b, a)`) as (b: unknown, a: unknown) => unknown)((window as unknown as { hsBench: SyncBench }).hsBench, a),
      [fn.toString(), arg] as const,
    ) as Promise<never>;
  const token = await mintToken(SECRET, { room, ...actor, role: actor.role as 'presenter' | 'member', ttlSeconds: 3600 });
  const options: JoinOptions = {
    server,
    room,
    token,
    evidence: { id: 'bench-ev', sha256: PDF_SHA, bytes: PDF.byteLength, pages: 1, add: actor === presenter },
    rotation,
  };
  try {
    await call((b, o) => b.join(o), options);
  } catch (error) {
    throw new Error(`${actor.userId} could not join: ${String(error)} ${errors.join('; ')}`, { cause: error });
  }
  return { tab, call };
}

/** Both venues of one side (ours or the anchor), joined to a fresh room. */
async function venues(browser: Browser, origin: string, target: Target, label: string) {
  const server = target.url.replace(/^ws/, 'http');
  const room = `bench-annotations-${label}-${Math.random().toString(36).slice(2, 8)}`;
  const a = await venueTab(browser, origin, server, room, presenter, 0);
  const b = await venueTab(browser, origin, server, room, member, 90);
  return { a, b, close: () => Promise.all([a.tab.context().close(), b.tab.context().close()]) };
}

/** One side's `annotations.sync` samples: pointer-up in A → pixels in B (and → B's document). */
async function syncRound(browser: Browser, origin: string, target: Target, label: string): Promise<{ pixels: number[]; doc: number[] }> {
  const { a, b, close } = await venues(browser, origin, target, label);
  try {
    const pixels: number[] = [];
    const doc: number[] = [];
    for (let i = -3; i < MARKS; i++) {
      const x = 60 + (i + 3) * 15;
      const y = 520 - ((i + 3) % 6) * 40;
      const from: [number, number] = [x, y - 30];
      const to: [number, number] = [x + 10, y];
      await b.call((bench, p) => bench.expectPixels(p), [x, y - 15] as [number, number]);
      const up = await a.call((bench, [f, t]) => bench.drawRect(f, t), [from, to] as const);
      const arrived = await b.call((bench, t) => bench.arrived(t), 10_000);
      if (i >= 0) {
        pixels.push(arrived.pixels - up);
        doc.push(arrived.doc - up);
      }
    }
    return { pixels, doc };
  } finally {
    await close();
  }
}

/** One side's `annotations.ink-stream` samples: per point, A's dispatch → held by B's layer. */
async function inkRound(browser: Browser, origin: string, target: Target, label: string): Promise<number[]> {
  const { a, b, close } = await venues(browser, origin, target, label);
  try {
    const points = Array.from({ length: INK_POINTS }, (_, i) => [40 + i * 0.85, 420 + 30 * Math.sin(i / 18)] as [number, number]);
    await b.call((bench) => bench.watchLiveInk(), 0);
    const sent = await a.call((bench, [p, hz]) => bench.stroke(p, hz), [points, INK_HZ] as const);
    const seen = await b.call((bench, [n, t]) => bench.liveInkTimes(n, t), [INK_POINTS, 15_000] as const);
    const missing = seen.filter((t) => t < 0).length;
    if (missing > INK_POINTS * 0.02) {
      const marks = [await a.call((bench) => bench.marks(), 0), await b.call((bench) => bench.marks(), 0)];
      throw new Error(`${label}: ${missing} of ${INK_POINTS} points never reached the other venue (marks: ${marks.join(' / ')})`);
    }
    return sent.flatMap((t, i) => (seen[i]! >= 0 ? [seen[i]! - t] : []));
  } finally {
    await close();
  }
}

async function withHarness<T>(fn: (browser: Browser, origin: string, ours: Target, anchor: Target) => Promise<T>): Promise<T> {
  const ours = await startOurs();
  const anchor = await startAnchor();
  const pages = await servePages();
  const browser = await launchBenchChromium(NO_BACKGROUND_THROTTLING);
  try {
    return await fn(browser, pages.origin, ours, anchor);
  } finally {
    await browser.close();
    await pages.close();
    await Promise.all([ours.close(), anchor.close()]);
  }
}

/** `annotations.sync`: pointer-up in venue A → pixels in venue B, through the server on loopback. */
export async function benchAnnotationsSync(options: BenchOptions): Promise<BenchResult[]> {
  return withHarness(async (browser, origin, ours, anchor) => {
    const samples = { ours: [] as number[], anchor: [] as number[] };
    const docs = { ours: [] as number[], anchor: [] as number[] };
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? (['ours', 'anchor'] as const) : (['anchor', 'ours'] as const);
      for (const side of order) {
        const res = await syncRound(browser, origin, side === 'ours' ? ours : anchor, `${side}-${r}`);
        samples[side].push(...res.pixels);
        docs[side].push(...res.doc);
      }
    }
    const p = (xs: number[], q: number) => round(quantile(xs, q));
    options.log(`  sync pointer-up → pixels: ours p50 ${p(samples.ours, 0.5)} / p99 ${p(samples.ours, 0.99)} ms; anchor p50 ${p(samples.anchor, 0.5)} / p99 ${p(samples.anchor, 0.99)} ms`);
    const oursP99 = quantile(samples.ours, 0.99);
    const anchorP99 = quantile(samples.anchor, 0.99);
    return [
      {
        id: 'annotations.sync',
        ours: round(oursP99),
        anchor: round(anchorP99),
        ratio: round(oursP99 / anchorP99),
        unit: 'ms',
        target: 'p99 ≤ 50 ms (pointer-up in venue A → the mark’s pixels on venue B’s marks canvas, through the room server on loopback)',
        met: oursP99 <= 50,
        details: {
          p50: { ours: p(samples.ours, 0.5), anchor: p(samples.anchor, 0.5) },
          p99: { ours: p(samples.ours, 0.99), anchor: p(samples.anchor, 0.99) },
          toDocument: { p50: { ours: p(docs.ours, 0.5), anchor: p(docs.anchor, 0.5) }, p99: { ours: p(docs.ours, 0.99), anchor: p(docs.anchor, 0.99) } },
          samplesPerSide: samples.ours.length,
          loadAverage: round(loadavg()[0]!),
          measured: 'A: synthetic pointer events on <hs-evidence-viewer>’s annotation layer (rect tool); B (page rotated 90°): after each animation frame’s callbacks (the layer paints in one), the marks canvas is read at the mark’s edge; the time is taken at the first frame with pixels there',
          anchorIs: '@y/websocket-server 0.1.1 (stock relay, no auth/rights/storage), same pages',
        },
      },
    ];
  });
}
benchAnnotationsSync.benchIds = ['annotations.sync'] as const;

/** `annotations.ink-stream`: a 600-point stroke at 60 Hz; how far the remote copy trails. */
export async function benchAnnotationsInkStream(options: BenchOptions): Promise<BenchResult[]> {
  return withHarness(async (browser, origin, ours, anchor) => {
    const samples = { ours: [] as number[], anchor: [] as number[] };
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? (['ours', 'anchor'] as const) : (['anchor', 'ours'] as const);
      for (const side of order) samples[side].push(...(await inkRound(browser, origin, side === 'ours' ? ours : anchor, `${side}-${r}`)));
    }
    const p = (xs: number[], q: number) => round(quantile(xs, q));
    options.log(`  ink stream trail: ours p50 ${p(samples.ours, 0.5)} / p99 ${p(samples.ours, 0.99)} ms; anchor p50 ${p(samples.anchor, 0.5)} / p99 ${p(samples.anchor, 0.99)} ms`);
    const oursP99 = quantile(samples.ours, 0.99);
    const anchorP99 = quantile(samples.anchor, 0.99);
    return [
      {
        id: 'annotations.ink-stream',
        ours: round(oursP99),
        anchor: round(anchorP99),
        ratio: round(oursP99 / anchorP99),
        unit: 'ms',
        target: 'p99 ≤ 100 ms (per point of a 600-point stroke at 60 Hz: A dispatches it → B’s annotation layer holds it for drawing)',
        met: oursP99 <= 100,
        details: {
          p50: { ours: p(samples.ours, 0.5), anchor: p(samples.anchor, 0.5) },
          p99: { ours: p(samples.ours, 0.99), anchor: p(samples.anchor, 0.99) },
          max: { ours: round(Math.max(...samples.ours)), anchor: round(Math.max(...samples.anchor)) },
          pointsPerSide: samples.ours.length,
          loadAverage: round(loadavg()[0]!),
          measured: 'A: synthetic pointer events at 60 Hz (the layer shares the live stroke through presence once per frame); B: each animation frame, the points held by its layer (live stroke, or the stored stroke for the last points) are stamped',
          anchorIs: '@y/websocket-server 0.1.1 (stock relay, no auth/rights/storage), same pages',
        },
      },
    ];
  });
}
benchAnnotationsInkStream.benchIds = ['annotations.ink-stream'] as const;
