/**
 * Document camera benchmarks (issue 6), against a real `livekit-server --dev` (built with Go,
 * cached outside the repository; see test/helpers/livekit.mjs) and the real room server, in
 * Debian's Chromium with the fake camera, driven by playwright-core.
 *
 * - `camera.resolution-held`: the fake camera at 1920×1080 is published through the local SFU
 *   with the sender capped at 1.5 Mbps; the share of decoded frames at the subscriber that arrive
 *   at the full 1920×1080. Ours: the paper tuning of `<hs-doc-camera>` (`contentHint = 'detail'`,
 *   `maintain-resolution`, VP8, one layer). Anchor: the same track with LiveKit's camera defaults
 *   (`maintain-framerate`, simulcast, no content hint), measured in the same rounds, alternating
 *   which goes first. Target: ours ≥ 95 % and not below the anchor.
 * - `camera.still`: from a click on Freeze at the county venue (capture at the source at full
 *   resolution, PNG, SHA-256, upload, evidence record, freeze) to the still painted in the city
 *   venue's element; median over rounds, reported (the issue sets no target).
 */
import { build } from 'esbuild';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccessToken, TrackSource } from 'livekit-server-sdk';
import { type Browser, type Page } from 'playwright-core';
import { createFsBlobStore, createMemoryStore, createRoomServer, mintToken, silentLogger } from '@huishen/server';
import type { Actor, Role } from '@huishen/model';
import { ensureLivekit, startLivekit } from '../helpers/livekit.mjs';
import { median, round, type BenchOptions, type BenchResult } from './stats.js';
import type { ResolutionArgs, ResolutionReport, StillArgs } from './camera/page.js';
import { launchBenchChromium } from './support/chromium.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'camera-bench-room-secret-0123456789abcdef';
const CAP_BPS = 1_500_000;

interface Harness {
  livekit: Awaited<ReturnType<typeof startLivekit>>;
  roomBase: string;
  page(): Promise<Page>;
  close(): Promise<void>;
}

async function harness(): Promise<Harness> {
  const found = ensureLivekit({ build: true });
  if ('reason' in found) throw new Error(found.reason);
  const livekit = await startLivekit({ binary: found.binary });
  const out = await mkdtemp(join(tmpdir(), 'huishen-bench-camera-'));
  const blobsDir = await mkdtemp(join(tmpdir(), 'huishen-bench-camera-blobs-'));
  const roomServer = createRoomServer({
    store: createMemoryStore(),
    secret: SECRET,
    blobs: createFsBlobStore(blobsDir),
    livekit: { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
    logger: silentLogger,
  });
  const room = await roomServer.listen(0, '127.0.0.1');
  await build({
    entryPoints: { page: join(ROOT, 'test/bench/camera/page.ts') },
    outdir: out,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source', 'browser'],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'error',
  });
  const http: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body><script type="module" src="/bench/page.js"></script></body></html>');
        return;
      }
      const file = resolve(out, path.replace(/^\/bench\//, ''));
      const body = path.startsWith('/bench/') && file.startsWith(out + sep) ? await readFile(file).catch(() => undefined) : undefined;
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(body);
    })();
  });
  await new Promise<void>((ready) => http.listen(0, '127.0.0.1', ready));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const browser: Browser = await launchBenchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required']);
  return {
    livekit,
    roomBase: `http://${room.host}:${room.port}`,
    async page() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const tab = await context.newPage();
      await tab.goto(origin);
      await tab.waitForFunction(() => 'hsCameraBench' in window, null, { timeout: 30_000 });
      return tab;
    },
    async close() {
      await browser.close();
      await new Promise<void>((done) => http.close(() => done()));
      await roomServer.close();
      await livekit.stop();
      await rm(out, { recursive: true, force: true });
      await rm(blobsDir, { recursive: true, force: true });
    },
  };
}

async function livekitToken(h: Harness, room: string, identity: string, publish: boolean): Promise<string> {
  const at = new AccessToken(h.livekit.apiKey, h.livekit.apiSecret, { identity, name: identity, attributes: { venue: identity } });
  at.addGrant({ roomJoin: true, room, canSubscribe: true, canPublish: publish, canPublishSources: publish ? [TrackSource.CAMERA] : [], canPublishData: false });
  return at.toJwt();
}

async function resolutionRound(h: Harness, tuned: boolean, round: number): Promise<ResolutionReport> {
  const room = `held-${tuned ? 'ours' : 'anchor'}-${round}-${Date.now()}`;
  const args: ResolutionArgs = {
    url: h.livekit.url,
    publisherToken: await livekitToken(h, room, 'county', true),
    subscriberToken: await livekitToken(h, room, 'city', false),
    tuned,
    maxBitrate: CAP_BPS,
    warmupMs: 4000,
    sampleMs: 10_000,
  };
  const tab = await h.page();
  try {
    return (await tab.evaluate(`window.hsCameraBench.resolutionHeld(${JSON.stringify(args)})`)) as ResolutionReport;
  } finally {
    await tab.context().close();
  }
}

/** `camera.resolution-held`. */
export async function benchCameraResolutionHeld(options: BenchOptions): Promise<BenchResult> {
  const h = await harness();
  try {
    const shares = { ours: [] as number[], anchor: [] as number[] };
    const sizes = { ours: [] as Record<string, number>[], anchor: [] as Record<string, number>[] };
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? ([true, false] as const) : ([false, true] as const);
      for (const tuned of order) {
        const report = await resolutionRound(h, tuned, r);
        const side = tuned ? 'ours' : 'anchor';
        const share = report.frames ? report.fullFrames / report.frames : 0;
        shares[side].push(share);
        sizes[side].push(report.sizes);
        options.log(`  round ${r + 1} ${side}: ${(share * 100).toFixed(1)} % of ${report.frames} frames at ${report.published.width}×${report.published.height} (${JSON.stringify(report.sizes)})`);
      }
    }
    const ours = median(shares.ours) * 100;
    const anchor = median(shares.anchor) * 100;
    return {
      id: 'camera.resolution-held',
      ours: round(ours, 4),
      anchor: round(anchor, 4),
      unit: '% frames at 1920×1080',
      target: 'ours ≥ 95 % and ≥ anchor',
      met: ours >= 95 && ours >= anchor,
      details: { capBps: CAP_BPS, samples: { ours: shares.ours, anchor: shares.anchor }, sizes },
    };
  } finally {
    await h.close();
  }
}
benchCameraResolutionHeld.benchIds = ['camera.resolution-held'] as const;

/** `camera.still`. */
export async function benchCameraStill(options: BenchOptions): Promise<BenchResult> {
  const h = await harness();
  try {
    const room = `still-${Date.now()}`;
    const venue = async (actor: Actor) => ({ actor, token: await mintToken(SECRET, { room, userId: actor.userId, name: actor.name, venue: actor.venue, role: actor.role as Role, ttlSeconds: 3600 }) });
    const args: StillArgs = {
      base: h.roomBase,
      room,
      county: await venue({ userId: 'county-p', name: '县院承办人', venue: 'county', role: 'presenter' }),
      city: await venue({ userId: 'city-m', name: '市院检察官', venue: 'city', role: 'member' }),
      rounds: options.rounds + 1,
    };
    const tab = await h.page();
    try {
      const result = (await tab.evaluate(`window.hsCameraBench.still(${JSON.stringify(args)})`)) as { ms: number[]; width: number; height: number };
      const timed = result.ms.slice(1); // the first round warms up (PNG encoder, livekit-free paths)
      const ours = median(timed);
      options.log(`  still: ${timed.map((x) => x.toFixed(0)).join(', ')} ms for ${result.width}×${result.height}`);
      return { id: 'camera.still', ours: round(ours), unit: 'ms', details: { samples: timed.map((x) => round(x)), still: `${result.width}×${result.height}`, warmup: round(result.ms[0] ?? 0) } };
    } finally {
      await tab.context().close();
    }
  } finally {
    await h.close();
  }
}
benchCameraStill.benchIds = ['camera.still'] as const;
