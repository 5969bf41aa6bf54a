/**
 * Serves the timeline bench page (bundled with esbuild, pdf.js loaded from /node_modules through
 * an import map) on 127.0.0.1 and runs functions of `window.hsTimelineBench` in a fresh
 * Chromium tab each time (Debian's Chromium, driven by playwright-core, as `viewer.ts` does).
 */
import { build } from 'esbuild';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser } from 'playwright-core';
import { launchBenchChromium } from '../support/chromium.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

export interface TimelineHarness {
  run<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

export async function timelineHarness(): Promise<TimelineHarness> {
  const out = await mkdtemp(join(tmpdir(), 'huishen-bench-timeline-'));
  await build({
    entryPoints: { page: join(ROOT, 'test/bench/timeline/page.ts') },
    outdir: out,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source', 'browser'],
    external: ['pdfjs-dist', 'pdfjs-dist/*', 'pdfjs-dist-v4/*'],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'error',
  });
  const importMap = { imports: { 'pdfjs-dist/': '/node_modules/pdfjs-dist/', 'pdfjs-dist-v4/': '/node_modules/pdfjs-dist-v4/' } };
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><script type="importmap">${JSON.stringify(importMap)}</script>
<style>html,body{margin:0}</style></head><body><script type="module" src="/bench/page.js"></script></body></html>`;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      let body: Buffer | string | undefined;
      let file = path;
      if (path === '/index.html') body = html;
      else {
        const [dir, rest] = path.startsWith('/bench/') ? [out, path.slice(7)] : path.startsWith('/node_modules/') ? [join(ROOT, 'node_modules'), path.slice(14)] : [undefined, ''];
        if (dir) {
          file = resolve(dir, rest);
          if (file.startsWith(dir + sep)) body = await readFile(file).catch(() => undefined);
        }
      }
      if (body === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': path === '/index.html' ? 'text/html; charset=utf-8' : (TYPES[extname(file)] ?? 'application/octet-stream'), 'cache-control': 'no-store' });
      res.end(body);
    })();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await launchBenchChromium();
  return {
    async run<T>(expression: string): Promise<T> {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      try {
        await tab.goto(`${origin}/index.html`);
        await tab.waitForFunction(() => 'hsTimelineBench' in window, null, { timeout: 30_000 });
        return (await tab.evaluate(`(async (bench) => ${expression})(window.hsTimelineBench)`)) as T;
      } catch (error) {
        throw new Error(`${String(error)}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`, { cause: error });
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
