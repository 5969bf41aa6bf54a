/**
 * Viewer benchmarks (issue 4): `<hs-evidence-viewer>` against pdfjs-dist's own `PDFViewer`
 * (`pdfjs-dist/legacy/web/pdf_viewer.mjs`), same pdf.js build and assets, same PDFs, same
 * Chromium (Debian's, driven by playwright-core), same bench run.
 *
 * - `viewer.first-page`: from the URL given to the first page painted, on a fresh page each time
 *   (so loading pdf.js's modules and starting its worker count on both sides), median of rounds.
 * - `viewer.scroll-memory` (freeculture.pdf, 352 pages) and `viewer.scroll-memory.scan500` (a
 *   500-page scanned-like PDF, one 200-dpi A4 JPEG per page, written by the bench in the browser):
 *   scroll end to end a viewport at a time, waiting for the visible pages; peak JS heap plus canvas
 *   backing stores, sampled together; pages left blank on the way are counted.
 * - `viewer.page-switch`: jumps to 20 random far pages of freeculture.pdf until painted, p50 (p99 in
 *   details).
 *
 * The browser pages are `viewer/ours-page.ts` and `viewer/anchor-page.ts`, bundled here with
 * esbuild; pdf.js itself is not bundled but loaded by both from /node_modules through an import
 * map. Everything listens on 127.0.0.1.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser } from 'playwright-core';
import { median, quantile, round, type BenchOptions, type BenchResult } from './stats.js';
import type { ScrollReport, ViewerBench } from './viewer/shared.js';
import { launchBenchChromium } from './support/chromium.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = resolve(ROOT, '../shared/fixtures');
const FREECULTURE = 'pdf/perf/freeculture.pdf';
const VIEWPORT = { width: 1000, height: 800 };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
};

function page(script: string, css = ''): string {
  const importMap = {
    imports: { 'pdfjs-dist/': '/node_modules/pdfjs-dist/', 'pdfjs-dist-v4/': '/node_modules/pdfjs-dist-v4/' },
  };
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">${css}
<script type="importmap">${JSON.stringify(importMap)}</script>
<style>html,body{margin:0;padding:0;overflow:hidden}</style></head>
<body><script type="module" src="${script}"></script></body></html>`;
}

interface Harness {
  browser: Browser;
  origin: string;
  run<T>(side: 'ours' | 'anchor', fn: (bench: ViewerBench, arg: unknown) => Promise<T>, arg: unknown): Promise<T>;
  close(): Promise<void>;
}

/** Bundles the two bench pages, serves them with pdf.js and the fixtures, launches Chromium. */
async function harness(): Promise<Harness> {
  const out = await mkdtemp(join(tmpdir(), 'huishen-bench-viewer-'));
  await build({
    entryPoints: { ours: join(ROOT, 'test/bench/viewer/ours-page.ts'), anchor: join(ROOT, 'test/bench/viewer/anchor-page.ts') },
    outdir: out,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source', 'browser'],
    external: ['pdfjs-dist', 'pdfjs-dist/*', 'pdfjs-dist-v4/*'],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'error',
  });
  const uploads = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      if (req.method === 'PUT' && path.startsWith('/upload/')) {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        uploads.set(path.slice('/upload/'.length), Buffer.concat(chunks));
        res.writeHead(204).end();
        return;
      }
      let body: Buffer | string | undefined;
      let file = path;
      if (path === '/ours.html') body = page('/bench/ours.js');
      else if (path === '/anchor.html') body = page('/bench/anchor.js', '<link rel="stylesheet" href="/node_modules/pdfjs-dist/legacy/web/pdf_viewer.css">');
      else if (path.startsWith('/generated/')) body = uploads.get(path.slice('/generated/'.length));
      else {
        const [dir, rest] = path.startsWith('/bench/')
          ? [out, path.slice(7)]
          : path.startsWith('/node_modules/')
            ? [join(ROOT, 'node_modules'), path.slice(14)]
            : path.startsWith('/fixtures/')
              ? [FIXTURES, path.slice(10)]
              : [undefined, ''];
        if (dir) {
          file = resolve(dir, rest);
          if (file.startsWith(dir + sep)) body = await readFile(file).catch(() => undefined);
        }
      }
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    })();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBenchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
  return {
    browser,
    origin,
    async run(side, fn, arg) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      try {
        await tab.goto(`${origin}/${side}.html`);
        await tab.waitForFunction(() => 'hsBench' in window, null, { timeout: 30_000 });
        const source = `(${fn.toString()})(window.hsBench, ${JSON.stringify(arg)})`;
        return (await tab.evaluate(source)) as Awaited<ReturnType<typeof fn>>;
      } catch (error) {
        throw new Error(`${side}: ${String(error)}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`, { cause: error });
      } finally {
        await context.close();
      }
    },
    async close() {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(out, { recursive: true, force: true });
    },
  };
}

function needFixtures(): void {
  if (!existsSync(join(FIXTURES, FREECULTURE))) throw new Error(`shared fixtures not found at ${FIXTURES}: viewer benchmarks need ${FREECULTURE}`);
}

/** `viewer.first-page`. */
export async function benchViewerFirstPage(options: BenchOptions): Promise<BenchResult[]> {
  needFixtures();
  const h = await harness();
  try {
    const url = `/fixtures/${FREECULTURE}`;
    const samples = { ours: [] as number[], anchor: [] as number[] };
    for (let round = -1; round < options.rounds; round++) {
      const order = round % 2 === 0 ? (['ours', 'anchor'] as const) : (['anchor', 'ours'] as const);
      for (const side of order) {
        const ms = await h.run(side, (bench, u) => bench.firstPage(u as string), url);
        if (round >= 0) samples[side].push(ms);
      }
    }
    const ours = median(samples.ours);
    const anchor = median(samples.anchor);
    options.log(`  first page: ours ${ours.toFixed(0)} ms, anchor ${anchor.toFixed(0)} ms`);
    return [
      {
        id: 'viewer.first-page',
        ours: round(ours),
        anchor: round(anchor),
        unit: 'ms',
        target: 'ratio ≤ 1.0',
        met: ours / anchor <= 1,
        details: { file: FREECULTURE, samples: { ours: samples.ours.map((x) => round(x)), anchor: samples.anchor.map((x) => round(x)) } },
      },
    ];
  } finally {
    await h.close();
  }
}
benchViewerFirstPage.benchIds = ['viewer.first-page'] as const;

function scrollResult(id: string, file: string, ours: ScrollReport, anchor: ScrollReport): BenchResult {
  const mb = (bytes: number) => round(bytes / 2 ** 20, 4);
  return {
    id,
    ours: mb(ours.peakTotal),
    anchor: mb(anchor.peakTotal),
    unit: 'MiB',
    target: 'ratio ≤ 1.0 and no blank page',
    met: ours.peakTotal <= anchor.peakTotal && ours.blankPages.length === 0,
    details: {
      file,
      ours: { ...ours, peakHeapMiB: mb(ours.peakHeap), peakCanvasMiB: mb(ours.peakCanvas) },
      anchor: { ...anchor, peakHeapMiB: mb(anchor.peakHeap), peakCanvasMiB: mb(anchor.peakCanvas) },
      note: 'peak of usedJSHeapSize + canvas backing stores (w × h × 4), sampled together after each step; one pass per side',
    },
  };
}

/** `viewer.scroll-memory` and `viewer.scroll-memory.scan500`. */
export async function benchViewerScrollMemory(options: BenchOptions): Promise<BenchResult[]> {
  needFixtures();
  const h = await harness();
  const results: BenchResult[] = [];
  try {
    const scroll = (side: 'ours' | 'anchor', url: string) =>
      h.run(side, (bench, u) => bench.scrollMemory(u as string, 10_000), url);
    if (options.only === undefined || 'viewer.scroll-memory'.startsWith(options.only) || options.only.startsWith('viewer.scroll-memory')) {
      const url = `/fixtures/${FREECULTURE}`;
      const ours = await scroll('ours', url);
      const anchor = await scroll('anchor', url);
      options.log(`  freeculture: ours ${(ours.peakTotal / 2 ** 20).toFixed(1)} MiB, anchor ${(anchor.peakTotal / 2 ** 20).toFixed(1)} MiB`);
      results.push(scrollResult('viewer.scroll-memory', FREECULTURE, ours, anchor));
    }
    const size = await h.run('ours', (bench, n) => bench.makeScanPdf!(n as number), 500);
    options.log(`  generated a 500-page scanned-like PDF (${(size / 2 ** 20).toFixed(1)} MiB)`);
    const anchor = await scroll('anchor', '/generated/scan.pdf');
    const ours = await scroll('ours', '/generated/scan.pdf');
    options.log(`  scan500: ours ${(ours.peakTotal / 2 ** 20).toFixed(1)} MiB, anchor ${(anchor.peakTotal / 2 ** 20).toFixed(1)} MiB`);
    results.push(scrollResult('viewer.scroll-memory.scan500', `generated 500 pages, ${round(size / 2 ** 20, 3)} MiB`, ours, anchor));
    return results;
  } finally {
    await h.close();
  }
}
benchViewerScrollMemory.benchIds = ['viewer.scroll-memory', 'viewer.scroll-memory.scan500'] as const;

/** `viewer.page-switch`. */
export async function benchViewerPageSwitch(options: BenchOptions): Promise<BenchResult[]> {
  needFixtures();
  const h = await harness();
  try {
    // A fixed pseudo-random walk of far jumps (≥ 40 pages apart), the same for both sides.
    let seed = 20260411;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const targets: number[] = [];
    let at = 1;
    while (targets.length < 20) {
      const next = 1 + Math.floor(random() * 352);
      if (Math.abs(next - at) < 40) continue;
      targets.push(next);
      at = next;
    }
    const url = `/fixtures/${FREECULTURE}`;
    const arg = { url, targets };
    type Arg = typeof arg;
    const anchor = await h.run('anchor', (bench, a) => bench.pageSwitch((a as Arg).url, (a as Arg).targets, 20_000), arg);
    const ours = await h.run('ours', (bench, a) => bench.pageSwitch((a as Arg).url, (a as Arg).targets, 20_000), arg);
    const p50 = { ours: quantile(ours, 0.5), anchor: quantile(anchor, 0.5) };
    const p99 = { ours: quantile(ours, 0.99), anchor: quantile(anchor, 0.99) };
    options.log(`  page switch p50: ours ${p50.ours.toFixed(0)} ms, anchor ${p50.anchor.toFixed(0)} ms`);
    return [
      {
        id: 'viewer.page-switch',
        ours: round(p50.ours),
        anchor: round(p50.anchor),
        unit: 'ms',
        target: 'reported: p50 here, p99 in details (issue 4 sets no target)',
        details: {
          file: FREECULTURE,
          targets,
          p99: { ours: round(p99.ours), anchor: round(p99.anchor), ratio: round(p99.ours / p99.anchor, 3) },
          samples: { ours: ours.map((x) => round(x)), anchor: anchor.map((x) => round(x)) },
        },
      },
    ];
  } finally {
    await h.close();
  }
}
benchViewerPageSwitch.benchIds = ['viewer.page-switch'] as const;
