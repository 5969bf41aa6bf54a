/**
 * A Web Test Runner plugin that runs a real LiveKit SFU (see `livekit.mjs`) for the whole browser
 * run and tells tests about it at `GET /__huishen__/livekit.json` →
 * `{ available: true, url }` or `{ available: false, reason }` (tests skip with that reason).
 *
 * `roomServerArgs()` gives the room server's CLI flags for it, so `POST /livekit/token` on the
 * room server mints tokens this SFU accepts. The plugin never builds LiveKit (that takes minutes):
 * `npm test` and `.ci/run` do, before the browser run.
 */
import { ensureLivekit, startLivekit } from './livekit.mjs';

export function livekitServer() {
  /** @type {Awaited<ReturnType<typeof startLivekit>> | undefined} */
  let sfu;
  let reason = '';
  /** @type {Promise<void> | undefined} */
  let starting;
  const start = () =>
    (starting ??= (async () => {
      const found = ensureLivekit({ build: false });
      if ('reason' in found) {
        reason = found.reason;
        return;
      }
      try {
        sfu = await startLivekit({ binary: found.binary });
      } catch (error) {
        reason = `livekit-server did not start: ${error instanceof Error ? error.message : String(error)}`;
      }
    })());
  return {
    name: 'huishen-livekit',
    async serverStart() {
      await start();
    },
    async serverStop() {
      await sfu?.stop();
    },
    /** CLI flags for the room server (empty when LiveKit is unavailable). */
    async roomServerArgs() {
      await start();
      return sfu ? ['--livekit-url', sfu.url, '--livekit-key', sfu.apiKey, '--livekit-secret', sfu.apiSecret] : [];
    },
    async serve(context) {
      if (context.path !== '/__huishen__/livekit.json') return undefined;
      await start();
      return { type: 'application/json', body: JSON.stringify(sfu ? { available: true, url: sfu.url } : { available: false, reason }) };
    },
  };
}

/**
 * A WTR plugin serving `GET /__huishen__/doc-camera-frame.html`: a page holding one
 * `<hs-doc-camera mode="source">` (from the TypeScript sources). Loaded in an
 * `<iframe allow="camera 'none'">`, the camera is denied by Permissions Policy, so Chromium
 * itself refuses `getUserMedia` with a real `NotAllowedError` — `--use-fake-ui-for-media-stream`
 * answers permission prompts for every other test, so a prompt cannot be denied.
 */
export function cameraFrame() {
  return {
    name: 'huishen-doc-camera-frame',
    serve(context) {
      if (context.path !== '/__huishen__/doc-camera-frame.html') return undefined;
      const lang = context.URL.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
      return {
        type: 'text/html',
        body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body>
<hs-doc-camera mode="source"></hs-doc-camera>
<script type="module">import '/packages/elements/src/doc-camera/hs-doc-camera.ts'; window.ready = customElements.whenDefined('hs-doc-camera');</script>
</body></html>`,
      };
    },
  };
}
