/**
 * Briefing benchmark (issue 7): `briefing.follow` — from the presenter's advance to the
 * follower's target page painted (pdf.js rendering included), through the real room server on
 * loopback, in Debian's Chromium driven by playwright-core. Target: p99 ≤ 150 ms.
 *
 * Two tabs, two screens: the presenter's (its briefing only, so its own rendering does not take
 * the follower's time on this 2-core machine) and a follower's (briefing plus a 1000 × 800
 * viewer). The outline's nodes are anchored to pages far apart in an 80-page PDF, so every
 * target page is drawn fresh (the viewer keeps about ten pages). Both tabs read the system clock
 * (`Date.now()`, 1 ms steps), so the follower's paint time minus the presenter's advance time is
 * the latency.
 *
 * Anchor, in the same rounds: the follower's own viewer jumping locally to an equally far page
 * until painted — the part of the latency that is pdf.js and the viewer rather than the room.
 */
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page } from 'playwright-core';
import { addEvidence, addOutlineNode, LocalOrigin, setPresenter, type Actor } from '@huishen/model';
import { mintToken } from '@huishen/server';
import { makePdf } from '../elements/support/make-pdf.js';
import { TestClient } from '../server/support/client.js';
import { SECRET } from './server/load-client.js';
import { startOurs } from './server/targets.js';
import { quantile, round, type BenchOptions, type BenchResult } from './stats.js';
import type { FollowBench, JoinOptions } from './briefing/follow-page.js';
import { launchBenchChromium, NO_BACKGROUND_THROTTLING } from './support/chromium.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = 80;
/** Pages the outline's nodes point at, in order: every one far from the one before. */
const NODE_PAGES = [40, 5, 60, 20, 75, 35, 10, 55, 25, 70, 45, 15, 65, 30, 78, 8, 50, 22, 68, 38];
/** Pages of the anchor's local jumps, far from the follow targets around them. */
const LOCAL_PAGES = [12, 72, 28, 58, 42, 66, 33, 80, 3, 48, 18, 62, 36, 76, 6, 52, 26, 74, 14, 57];
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

const chair: Actor = { userId: 'bench-chair', name: '主持人', venue: 'city', role: 'chair' };
const presenter: Actor = { userId: 'bench-presenter', name: '承办人', venue: 'county', role: 'presenter' };
const follower: Actor = { userId: 'bench-follower', name: '检察官', venue: 'city', role: 'member' };

function pageHtml(): string {
  const importMap = { imports: { 'pdfjs-dist/': '/node_modules/pdfjs-dist/', 'pdfjs-dist-v4/': '/node_modules/pdfjs-dist-v4/' } };
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<script type="importmap">${JSON.stringify(importMap)}</script>
<style>html,body{margin:0;padding:0;overflow:hidden}</style></head>
<body><script type="module" src="/bench/follow.js"></script></body></html>`;
}

/** Bundles the bench page and serves it with pdf.js from /node_modules, on 127.0.0.1. */
async function servePages(): Promise<{ origin: string; close(): Promise<void> }> {
  const out = await mkdtemp(join(tmpdir(), 'huishen-bench-briefing-'));
  await build({
    entryPoints: { follow: join(ROOT, 'test/bench/briefing/follow-page.ts') },
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
      let body: Buffer | string | undefined;
      let file = path;
      if (path === '/follow.html') body = pageHtml();
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

/** Uploads the PDF and writes the room as the chair would: presenter, evidence, outline. */
async function seedRoom(ws: string, room: string): Promise<void> {
  const http = ws.replace(/^ws/, 'http');
  const bytes = makePdf(Array.from({ length: PAGES }, (_, i) => ({ mediaBox: [0, 0, 595, 842] as const, lines: [`Exhibit page ${i + 1} of ${PAGES}`, 'Huishen briefing follow benchmark.'] })));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const token = await mintToken(SECRET, { room, ...chair, role: 'chair', ttlSeconds: 3600 });
  const put = await fetch(`${http}/evidence/${sha256}`, { method: 'PUT', body: bytes, headers: { Authorization: `Bearer ${token}` } });
  if (put.status !== 201 && put.status !== 200) throw new Error(`evidence upload refused: ${put.status}`);
  const client = TestClient.connect(ws, room, token);
  await client.opened;
  await client.waitFor(() => client.syncedCount > 0, 'the chair to sync');
  const origin = new LocalOrigin(chair);
  setPresenter(client.doc, presenter.userId, origin);
  addEvidence(client.doc, { id: 'bench-ev', title: '卷宗', kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256, pages: PAGES }, origin);
  NODE_PAGES.forEach((page, i) => addOutlineNode(client.doc, { kind: 'custom', title: `第 ${i + 1} 节`, anchors: [{ evidenceId: 'bench-ev', page }] }, origin));
  await client.waitFor(() => client.saved >= client.writes, 'the seed to be stored');
  if (client.rejected.length) throw new Error(`seed rejected: ${JSON.stringify(client.rejected)}`);
  client.ws.close();
  await client.closed;
}

async function joinTab(page: Page, origin: string, options: JoinOptions): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/follow.html`);
  await page.waitForFunction(() => 'hsBench' in window, null, { timeout: 30_000 });
  try {
    await page.evaluate((o) => (window as unknown as { hsBench: FollowBench }).hsBench.join(o), options);
  } catch (error) {
    throw new Error(`${options.actor.userId} could not join: ${String(error)} ${errors.join('; ')}`, { cause: error });
  }
}

/** `briefing.follow`. */
export async function benchBriefingFollow(options: BenchOptions): Promise<BenchResult[]> {
  const target = await startOurs();
  const pages = await servePages();
  const browser = await launchBenchChromium(NO_BACKGROUND_THROTTLING);
  try {
    const follow: number[] = [];
    const local: number[] = [];
    /** Presenter's advance → the move arriving at the follower (server, socket, Yjs). */
    const transit: number[] = [];
    const http = target.url.replace(/^ws/, 'http');
    for (let round_ = 0; round_ < options.rounds; round_++) {
      const room = `bench-briefing-${round_}-${Math.random().toString(36).slice(2, 8)}`;
      await seedRoom(target.url, room);
      const token = (a: Actor) => mintToken(SECRET, { room, ...a, role: a.role as 'presenter' | 'member', ttlSeconds: 3600 });
      const presenterTab = await (await browser.newContext({ viewport: { width: 600, height: 800 } })).newPage();
      const followerTab = await (await browser.newContext({ viewport: { width: 1300, height: 820 } })).newPage();
      await joinTab(presenterTab, pages.origin, { server: http, room, token: await token(presenter), actor: presenter, viewer: false });
      await joinTab(followerTab, pages.origin, { server: http, room, token: await token(follower), actor: follower, viewer: true });
      const fb = (fn: (b: FollowBench, arg: number) => unknown, arg: number) =>
        followerTab.evaluate(([source, a]) => (new Function('b', 'a', `return (${source})(b, a)`) as (b: unknown, a: number) => unknown)((window as unknown as { hsBench: FollowBench }).hsBench, a), [fn.toString(), arg] as const);
      // Warm-up: the first node (the viewer opens the evidence), not timed.
      await fb((b, p) => b.expect(p), NODE_PAGES[0]!);
      await presenterTab.evaluate((i) => (window as unknown as { hsBench: FollowBench }).hsBench.advance(i), 0);
      await fb((b) => b.painted(30_000), 0);
      for (let i = 1; i < NODE_PAGES.length; i++) {
        const measureFollow = async () => {
          await fb((b, p) => b.expect(p), NODE_PAGES[i]!);
          const at = await presenterTab.evaluate((n) => (window as unknown as { hsBench: FollowBench }).hsBench.advance(n), i);
          const { arrived, painted } = (await fb((b) => b.painted(30_000), 0)) as { arrived: number; painted: number };
          follow.push(painted - at);
          transit.push(arrived - at);
        };
        const measureLocal = async () => {
          local.push((await fb((b, p) => b.local(p, 30_000), LOCAL_PAGES[i]!)) as number);
        };
        // Alternate which goes first, so a burst of load elsewhere hits both alike.
        if (i % 2) {
          await measureFollow();
          await measureLocal();
        } else {
          await measureLocal();
          await measureFollow();
        }
      }
      const state = await fb((b) => b.followState(), 0);
      if (state !== 'following') throw new Error(`the follower stopped following (${String(state)}): the bench would measure nothing`);
      await presenterTab.context().close();
      await followerTab.context().close();
    }
    const p50 = { ours: quantile(follow, 0.5), anchor: quantile(local, 0.5) };
    const p99 = { ours: quantile(follow, 0.99), anchor: quantile(local, 0.99) };
    options.log(`  follow p50 ${p50.ours.toFixed(0)} ms, p99 ${p99.ours.toFixed(0)} ms (transit p50 ${quantile(transit, 0.5).toFixed(0)} ms); local jump p50 ${p50.anchor.toFixed(0)} ms, p99 ${p99.anchor.toFixed(0)} ms`);
    return [
      {
        id: 'briefing.follow',
        ours: round(p99.ours),
        anchor: round(p99.anchor),
        unit: 'ms',
        target: 'p99 ≤ 150 ms (ours: presenter advance → follower page painted through the server; anchor: a local jump to a far page painted)',
        met: p99.ours <= 150,
        details: {
          p50: { ours: round(p50.ours), anchor: round(p50.anchor) },
          p99: { ours: round(p99.ours), anchor: round(p99.anchor) },
          transit: { p50: round(quantile(transit, 0.5)), p99: round(quantile(transit, 0.99)), note: 'advance → the move arriving at the follower (server stores before relaying)' },
          samples: { ours: follow.map((x) => round(x)), anchor: local.map((x) => round(x)) },
          pdf: `${PAGES} pages generated, A4, text`,
          viewer: '1000 × 800 CSS px (approximately), zoom 100 %',
        },
      },
    ];
  } finally {
    await browser.close();
    await pages.close();
    await target.close();
  }
}
benchBriefingFollow.benchIds = ['briefing.follow'] as const;
