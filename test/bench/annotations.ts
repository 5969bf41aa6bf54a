/**
 * Annotation benchmarks (issue 5), in Debian's Chromium driven by playwright-core.
 *
 * - `annotations.frame-time`: 2,000 mixed annotations on one page (an image evidence item, so
 *   pdf.js's own drawing does not blur the figure), scripted pan and zoom for a few seconds while a
 *   second client makes 100 remote edits per second (see `annotations/frame-page.ts`). Reported:
 *   the median gap between animation frames (target ≤ 16.7 ms) and the longest task (target: none
 *   over 50 ms). Anchor, in the same rounds, alternating which goes first: the same scene drawn the
 *   naive way, one SVG element per mark with no culling. The ratio is ours / anchor of the median
 *   frame time.
 *
 * `annotations.sync` and `annotations.ink-stream` live in `annotations/sync.ts` and are re-exported
 * here, since the bench runner discovers the modules at the top of `test/bench/`.
 */
import { build } from 'esbuild';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, quantile, round, type BenchOptions, type BenchResult } from './stats.js';
import type { FrameReport } from './annotations/frame-page.js';
import { launchBenchChromium } from './support/chromium.js';

export { benchAnnotationsInkStream, benchAnnotationsSync } from './annotations/sync.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECONDS = 4;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript' };

/** `annotations.frame-time`. */
export async function benchAnnotationsFrameTime(options: BenchOptions): Promise<BenchResult[]> {
  const out = await mkdtemp(join(tmpdir(), 'huishen-bench-annotations-'));
  await build({
    entryPoints: { frame: join(ROOT, 'test/bench/annotations/frame-page.ts') },
    outdir: out,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source', 'browser'],
    external: ['pdfjs-dist', 'pdfjs-dist/*', 'pdfjs-dist-v4/*'],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'error',
  });
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>html,body{margin:0}</style></head><body><script type="module" src="/bench/frame.js"></script></body></html>`;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      let body: string | Buffer | undefined;
      let file = path;
      if (path === '/frame.html') body = html;
      else if (path.startsWith('/bench/')) {
        file = resolve(out, path.slice(7));
        if (file.startsWith(out + sep)) body = await readFile(file).catch(() => undefined);
      }
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    })();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBenchChromium();
  const measure = async (mode: 'ours' | 'anchor'): Promise<FrameReport> => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    try {
      await tab.goto(`${origin}/frame.html`);
      await tab.waitForFunction(() => 'hsFrameBench' in window, null, { timeout: 30_000 });
      return (await tab.evaluate(
        `window.hsFrameBench.run(${JSON.stringify(mode)}, ${SECONDS})`,
      )) as FrameReport;
    } catch (error) {
      throw new Error(`${mode}: ${String(error)}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`, { cause: error });
    } finally {
      await context.close();
    }
  };
  try {
    const samples = { ours: [] as FrameReport[], anchor: [] as FrameReport[] };
    for (let r = -1; r < options.rounds; r++) {
      const order = r % 2 === 0 ? (['ours', 'anchor'] as const) : (['anchor', 'ours'] as const);
      for (const side of order) {
        const report = await measure(side);
        if (side === 'ours' && !report.drawnCheck) throw new Error('ours: the marks were not drawn');
        if (report.marks !== 2000) throw new Error(`${side}: ${report.marks} marks instead of 2000`);
        if (r >= 0) samples[side].push(report);
      }
    }
    const frameMedian = (reports: FrameReport[]) => median(reports.map((x) => median(x.frames)));
    const longest = (reports: FrameReport[]) => Math.max(0, ...reports.flatMap((x) => x.longTasks));
    const ours = frameMedian(samples.ours);
    const anchor = frameMedian(samples.anchor);
    const oursLongest = longest(samples.ours);
    const anchorLongest = longest(samples.anchor);
    options.log(`  full paint of 2,000 marks: ${median(samples.ours.map((x) => x.fullPaint ?? Number.NaN)).toFixed(1)} ms`);
    options.log(`  frame time: ours ${ours.toFixed(1)} ms (longest task ${oursLongest.toFixed(0)} ms), anchor ${anchor.toFixed(1)} ms (longest task ${anchorLongest.toFixed(0)} ms)`);
    return [
      {
        id: 'annotations.frame-time',
        ours: round(ours),
        anchor: round(anchor),
        ratio: round(ours / anchor, 3),
        unit: 'ms',
        target: 'median frame ≤ 16.7 ms and no task over 50 ms',
        met: ours <= 16.7 && oursLongest <= 50,
        details: {
          marks: 2000,
          fullPaintMs: round(median(samples.ours.map((x) => x.fullPaint ?? Number.NaN))),
          secondsPerRound: SECONDS,
          remoteEditsPerSecond: 100,
          p95: { ours: round(median(samples.ours.map((x) => quantile(x.frames, 0.95)))), anchor: round(median(samples.anchor.map((x) => quantile(x.frames, 0.95)))) },
          longestTask: { ours: round(oursLongest), anchor: round(anchorLongest) },
          longTasks: { ours: samples.ours.map((x) => x.longTasks.length), anchor: samples.anchor.map((x) => x.longTasks.length) },
          framesPerRound: { ours: samples.ours.map((x) => x.frames.length), anchor: samples.anchor.map((x) => x.frames.length) },
          editsPerRound: { ours: samples.ours.map((x) => x.edits), anchor: samples.anchor.map((x) => x.edits) },
        },
      },
    ];
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.close(() => done()));
    await rm(out, { recursive: true, force: true });
  }
}
benchAnnotationsFrameTime.benchIds = ['annotations.frame-time'] as const;
