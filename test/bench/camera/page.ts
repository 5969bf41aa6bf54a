/**
 * Browser side of the camera bench, bundled by ../camera.ts with esbuild. Exposes
 * `window.hsCameraBench`:
 *
 * - `resolutionHeld` — one page, two LiveKit participants (publisher and subscriber, separate
 *   connections through the real SFU): the fake camera at 1920×1080 published with our paper
 *   tuning (`tuned: true`) or LiveKit's camera defaults (`tuned: false`), the sender capped at
 *   `maxBitrate`; every decoded frame at the subscriber is counted, at full size or not.
 * - `still` — two venues, each an `<hs-doc-camera>` in its own room (own Y.Doc and WebSocket to
 *   the real room server, own LiveKit connection): time from a click on the county venue's
 *   Freeze button (capture at the source, upload, evidence record, freeze) to the still painted
 *   in the city venue's element.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { LocalOrigin, type Actor } from '@huishen/model';
import { ContextProvider } from '@lit/context';
import { roomContext, type RoomContextValue } from '@huishen/elements';
import '@huishen/elements/doc-camera/hs-doc-camera.js';
import type { HsDocCamera } from '@huishen/elements/doc-camera/hs-doc-camera.js';
import { MediaSession } from '@huishen/elements/doc-camera/media-session.js';

export interface ResolutionArgs {
  url: string;
  publisherToken: string;
  subscriberToken: string;
  tuned: boolean;
  maxBitrate: number;
  warmupMs: number;
  sampleMs: number;
}
export interface ResolutionReport {
  frames: number;
  fullFrames: number;
  sizes: Record<string, number>;
  published: { width: number; height: number };
}

type FrameVideo = HTMLVideoElement & { requestVideoFrameCallback(cb: (now: number, meta: { width: number; height: number }) => void): number };

async function until(check: () => boolean, timeout: number, what: string): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function resolutionHeld(args: ResolutionArgs): Promise<ResolutionReport> {
  const camera = await navigator.mediaDevices.getUserMedia({ video: { width: { exact: 1920 }, height: { exact: 1080 }, frameRate: { ideal: 30 } } });
  const track = camera.getVideoTracks()[0]!;
  const publisher = new MediaSession();
  const subscriber = new MediaSession();
  try {
    await subscriber.connect(async () => ({ url: args.url, token: args.subscriberToken }));
    await publisher.connect(async () => ({ url: args.url, token: args.publisherToken }));
    await publisher.publish(track, { tuned: args.tuned, maxBitrate: args.maxBitrate, maxFramerate: 30 });
    await until(() => !!subscriber.cameras[0]?.track, 20_000, 'the subscribed track');
    const video = document.createElement('video') as FrameVideo;
    video.muted = true;
    video.playsInline = true;
    // Small on screen on purpose: the size on screen must not decide the resolution received.
    video.style.width = '320px';
    document.body.append(video);
    video.srcObject = new MediaStream([subscriber.cameras[0]!.track!]);
    await video.play();
    const settings = track.getSettings();
    const published = { width: settings.width ?? 0, height: settings.height ?? 0 };
    let counting = false;
    const report: ResolutionReport = { frames: 0, fullFrames: 0, sizes: {}, published };
    const onFrame = (_now: number, meta: { width: number; height: number }) => {
      if (counting) {
        report.frames++;
        if (meta.width === published.width && meta.height === published.height) report.fullFrames++;
        const key = `${meta.width}x${meta.height}`;
        report.sizes[key] = (report.sizes[key] ?? 0) + 1;
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    await new Promise((r) => setTimeout(r, args.warmupMs));
    counting = true;
    await new Promise((r) => setTimeout(r, args.sampleMs));
    counting = false;
    video.remove();
    return report;
  } finally {
    await publisher.disconnect();
    await subscriber.disconnect();
    track.stop();
  }
}

class BenchRoom extends HTMLElement {
  readonly provider = new ContextProvider(this, { context: roomContext });
}
customElements.define('bench-room', BenchRoom);

export interface Venue {
  actor: Actor;
  token: string;
}
export interface StillArgs {
  base: string;
  room: string;
  county: Venue;
  city: Venue;
  rounds: number;
}

async function joinRoom(base: string, room: string, venue: Venue): Promise<{ context: RoomContextValue; provider: WebsocketProvider }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws'), room, doc, { params: { token: venue.token }, disableBc: true });
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
  const auth = { Authorization: `Bearer ${venue.token}` };
  const context: RoomContextValue = {
    doc,
    origin: new LocalOrigin(venue.actor),
    evidenceUrl: (sha) => `${base}/evidence/${sha}`,
    fetchInit: () => ({ headers: auth }),
    async uploadEvidence(blob) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
      const sha = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      const response = await fetch(`${base}/evidence/${sha}`, { method: 'PUT', body: blob, headers: auth });
      if (!response.ok) throw new Error(`upload refused: ${response.status}`);
      return sha;
    },
  };
  return { context, provider };
}

function mountCamera(context: RoomContextValue, base: string, mode: 'source' | 'viewer'): HsDocCamera {
  const holder = document.createElement('bench-room') as BenchRoom;
  holder.provider.setValue(context);
  const el = document.createElement('hs-doc-camera');
  el.mode = mode;
  el.tokenUrl = `${base}/livekit/token`;
  el.resolution = '1080';
  el.style.setProperty('--hs-doc-camera-height', '300px');
  holder.append(el);
  document.body.append(holder);
  return el;
}

async function still(args: StillArgs): Promise<{ ms: number[]; width: number; height: number }> {
  const county = await joinRoom(args.base, args.room, args.county);
  const city = await joinRoom(args.base, args.room, args.city);
  const source = mountCamera(county.context, args.base, 'source');
  const viewer = mountCamera(city.context, args.base, 'viewer');
  try {
    await source.publish();
    await until(() => viewer.state === 'live', 20_000, 'the city viewer to go live');
    const ms: number[] = [];
    let size = { width: 0, height: 0 };
    for (let i = 0; i < args.rounds; i++) {
      const button = [...source.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="button"]')].find((b) => b.textContent!.trim() === '定格画面');
      if (!button) throw new Error('no Freeze button');
      const started = performance.now();
      button.click();
      let img: HTMLImageElement | null = null;
      await until(() => {
        img = viewer.shadowRoot!.querySelector<HTMLImageElement>('[part="still"]');
        return !!img && img.complete && img.naturalWidth > 0;
      }, 20_000, 'the still in the city venue');
      await new Promise((r) => requestAnimationFrame(r));
      ms.push(performance.now() - started);
      const shown = img as unknown as HTMLImageElement;
      size = { width: shown.naturalWidth, height: shown.naturalHeight };
      source.unfreeze();
      await until(() => viewer.state === 'live', 20_000, 'live again');
    }
    return { ms, ...size };
  } finally {
    await source.closeCamera();
    source.parentElement!.remove();
    viewer.parentElement!.remove();
    county.provider.destroy();
    city.provider.destroy();
  }
}

(window as unknown as { hsCameraBench: unknown }).hsCameraBench = { resolutionHeld, still };
