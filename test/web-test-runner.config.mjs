/**
 * Browser tests: `test/elements/**\/*.test.ts` in Debian's Chromium, against workspace sources.
 *
 * - `nodeResolve` with the `source` export condition makes `@huishen/elements/...` resolve to
 *   `packages/elements/src/*.ts`, never to `dist`.
 * - esbuild compiles TypeScript with packages/elements/tsconfig.json, whose
 *   `experimentalDecorators` / `useDefineForClassFields: false` Lit's decorators need (esbuild
 *   reads that file as is: keep those two options in it, not only in a file it extends).
 * - Every server listens on 127.0.0.1 only (see helpers/wtr-loopback.mjs).
 * - No retries: a flaky test is a bug to fix, not to hide.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { roomServer } from './helpers/wtr-room-server.mjs';
import { cameraFrame, livekitServer } from './helpers/wtr-livekit.mjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { debianChromium } from './helpers/wtr-chromium.mjs';
import { countReporter } from './helpers/wtr-count-reporter.mjs';
import { forceLoopbackListen, LOOPBACK } from './helpers/wtr-loopback.mjs';

// Before WTR creates its server: see helpers/wtr-loopback.mjs.
forceLoopbackListen();

const rootDir = fileURLToPath(new URL('..', import.meta.url));

// A real LiveKit SFU for the document camera tests (skipped with a reason when not built).
const livekit = livekitServer();

/**
 * Real documents from other projects (../shared/fixtures, see its SOURCES.md), served to tests
 * under /__fixtures__/. Never copied into the repository; tests skip with a message when absent.
 * `/__huishen__/fixtures.json` tells tests whether they are there.
 */
const fixturesDir = resolve(rootDir, '../shared/fixtures');
const fixtureTypes = { '.pdf': 'application/pdf', '.md': 'text/markdown', '.json': 'application/json' };

function sharedFixtures() {
  return {
    name: 'huishen-shared-fixtures',
    async serve(context) {
      if (context.path === '/__huishen__/fixtures.json') {
        const available = existsSync(fixturesDir);
        return {
          type: 'application/json',
          body: JSON.stringify({ available, base: available ? '/__fixtures__/' : null, dir: fixturesDir }),
        };
      }
      if (!context.path.startsWith('/__fixtures__/')) return undefined;
      const file = resolve(fixturesDir, decodeURIComponent(context.path.slice('/__fixtures__/'.length)));
      if (!file.startsWith(fixturesDir + sep) || !existsSync(file)) return undefined;
      return { type: fixtureTypes[extname(file)] ?? 'application/octet-stream', body: await readFile(file) };
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir,
  files: ['test/elements/**/*.test.ts'],
  hostname: LOOPBACK,
  nodeResolve: { exportConditions: ['source', 'browser'] },
  browsers: [debianChromium()],
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: {
    config: { timeout: 10_000 },
  },
  plugins: [
    sharedFixtures(),
    esbuildPlugin({
      ts: true,
      tsconfig: fileURLToPath(new URL('../packages/elements/tsconfig.json', import.meta.url)),
      target: 'auto',
    }),

    // The real room server, as a separate process on 127.0.0.1 (see the plugin). Tests use
    // `disableBc: true` on every WebsocketProvider so nothing syncs around it (setup.md).
    livekit,
    cameraFrame(),
    roomServer({ rootDir, extraArgs: () => livekit.roomServerArgs() }),
  ],
  reporters: [defaultReporter(), countReporter()],
};
