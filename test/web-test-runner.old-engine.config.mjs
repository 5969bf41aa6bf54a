/**
 * The old-engine smoke suite: `test/old-engine/**\/*.test.ts` in a real Chromium 103, the floor
 * of the browsers procuratorate terminals run (issue 11). The browser is the headless Chromium
 * 103 build that the npm package `@sparticuz/chromium@103.0.0` carries in its tarball (nothing is
 * downloaded: it unpacks to /tmp on first launch).
 *
 * Everything else — the real room server (here without LiveKit), fixtures, loopback, no retries —
 * is the main config's.
 * Sources are compiled for `chrome103` explicitly (not "auto"), as a portal's bundler targeting
 * the floor would, so syntax newer than the floor fails here instead of being lowered silently.
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { setTimeout as sleep } from 'node:timers/promises';
import chromium from '@sparticuz/chromium';
import { fileURLToPath } from 'node:url';
import base from './web-test-runner.config.mjs';
import { roomServer } from './helpers/wtr-room-server.mjs';

/** The main config's plugins this suite does not use: the document camera's SFU and frame page. */
const NOT_HERE = new Set(['esbuild', 'huishen-livekit', 'huishen-doc-camera-frame', 'huishen-room-server']);

/** Chromium 103 from @sparticuz/chromium, headless, with the main suite's loopback-only resolver. */
async function chromium103() {
  const executablePath = await chromium.executablePath;
  const launcher = chromeLauncher({
    launchOptions: {
      executablePath,
      headless: true,
      // Not the package's own `chromium.args`: they are tuned for AWS Lambda and include
      // --disable-web-security, which would hide CORS mistakes from these tests.
      args: [
        '--no-zygote',
        '--disable-dev-shm-usage',
        '--in-process-gpu',
        '--use-gl=angle',
        '--use-angle=swiftshader',
        '--disable-component-update',
        '--no-first-run',
        '--no-default-browser-check',
        '--mute-audio',
        '--no-sandbox',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
    },
  });
  // puppeteer's `browser.close()` can wait forever on this old build after the last page closed
  // (the process stays up). Give it a few seconds, then end the process: the tests are done.
  const stop = launcher.stop.bind(launcher);
  launcher.stop = async () => {
    const process = launcher.browser?.process();
    await Promise.race([stop(), sleep(5000)]);
    if (process && process.exitCode === null) process.kill('SIGKILL');
  };
  return launcher;
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  ...base,
  files: ['test/old-engine/**/*.test.ts'],
  browsers: [await chromium103()],
  plugins: [
    ...base.plugins.filter((plugin) => !NOT_HERE.has(plugin.name)),
    // The room server without LiveKit: the camera is exercised in the current Chromium only.
    roomServer({ rootDir: base.rootDir }),
    esbuildPlugin({
      ts: true,
      tsconfig: fileURLToPath(new URL('../packages/elements/tsconfig.json', import.meta.url)),
      target: 'chrome103',
    }),
  ],
};
