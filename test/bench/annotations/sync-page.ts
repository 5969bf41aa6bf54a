/**
 * Browser side of the `annotations.sync` and `annotations.ink-stream` benches. Bundled by
 * `sync.ts` with esbuild; pdf.js stays external (import map → /node_modules). One tab is one
 * venue: it joins the room with `connectRoom` (its own socket, no IndexedDB), shows the evidence in
 * `<hs-evidence-viewer>` with its annotation layer and exposes `window.hsBench`.
 *
 * Times are wall-clock milliseconds (`performance.timeOrigin + performance.now()`), so two tabs
 * of one machine can be compared.
 */
import { html, render } from 'lit';
import { addEvidence, readAnnotation, readAnnotations, roots } from '@huishen/model';
import { configurePdfjs, pdfjsAssetsAt, type HsEvidenceViewer, type RoomContextValue } from '@huishen/elements';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import { connectRoom, type RoomSession } from '@huishen/elements/room/connect-room.js';
import { pdfToCss } from '@huishen/elements/pdf/geometry.js';
import '../../../stories/support/two-peer-room.js';

configurePdfjs(pdfjsAssetsAt(new URL('/node_modules/pdfjs-dist/', location.href).href, new URL('/node_modules/pdfjs-dist-v4/', location.href).href));

/** What the Node side passes to {@link SyncBench.join}. */
export interface JoinOptions {
  server: string;
  room: string;
  token: string;
  /** The evidence record to add (the presenter's tab) or to wait for (the other). */
  evidence: { id: string; sha256: string; bytes: number; pages: number; add: boolean };
  /** Page rotation of this venue's viewer. */
  rotation: number;
}

/** `window.hsBench` of a bench tab. */
export interface SyncBench {
  join(options: JoinOptions): Promise<void>;
  /** Draws a rectangle with pointer events on page 1 between two PDF points; resolves with the wall time of pointer-up. */
  drawRect(from: [number, number], to: [number, number]): Promise<number>;
  /** Starts watching page 1 for pixels at a PDF point (call before the other venue draws). */
  expectPixels(point: [number, number]): void;
  /** Wall times at which the watched mark reached this venue's document and its pixels appeared. */
  arrived(timeout: number): Promise<{ doc: number; pixels: number }>;
  /** Draws an ink stroke through `points` at `hz` with pointer events; resolves with each point's wall time. */
  stroke(points: Array<[number, number]>, hz: number): Promise<number[]>;
  /** Starts recording when each point of a peer's live stroke is drawn here. */
  watchLiveInk(): void;
  /** The wall time each point index of the peer's live stroke was first drawn here (−1: never). */
  liveInkTimes(count: number, timeout: number): Promise<number[]>;
  /** How many marks this venue's document holds. */
  marks(): number;
}

const now = (): number => performance.timeOrigin + performance.now();
const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

let session: RoomSession | undefined;
let viewer: HsEvidenceViewer | undefined;
let watch: { point: [number, number]; doc: number; pixels: number; count: number } | undefined;
let live: number[] = [];
let liveWatching = false;
let liveStroke: string | undefined;

function layer() {
  const l = viewer?.annotationLayer;
  if (!l) throw new Error('no annotation layer');
  return l;
}

function client(point: [number, number]): [number, number] {
  const box = viewer!.pageElement(1)!.getBoundingClientRect();
  const [x, y] = pdfToCss(viewer!.pageGeometry(1)!, point);
  return [box.left + x, box.top + y];
}

function pointer(type: string, [x, y]: [number, number], buttons: number): void {
  const init: PointerEventInit = { clientX: x, clientY: y, bubbles: true, composed: true, cancelable: true, pointerId: 1, isPrimary: true, button: 0, buttons, pointerType: 'pen', pressure: buttons ? 0.5 : 0 };
  const target = type === 'pointerdown' ? (viewer!.shadowRoot!.elementFromPoint(x, y) ?? viewer!) : window;
  target.dispatchEvent(new PointerEvent(type, init));
}

/** Whether the marks canvas of page 1 has pixels within 3 CSS px of a PDF point. */
function pixelsAt(point: [number, number]): boolean {
  const canvas = layer().overlay(1)?.element.shadowRoot?.querySelector('canvas');
  if (!canvas || canvas.width === 0) return false;
  const box = viewer!.pageElement(1)!.getBoundingClientRect();
  const [x, y] = pdfToCss(viewer!.pageGeometry(1)!, point);
  const sx = canvas.width / box.width;
  const r = Math.ceil(3 * sx);
  const data = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(Math.round(x * sx) - r, Math.round(y * sx) - r, 2 * r + 1, 2 * r + 1).data;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
  return false;
}

/** Makes `tool` active and lets the layer settle (a tool change cancels a gesture in progress). */
async function useTool(tool: 'rect' | 'ink'): Promise<void> {
  const l = layer();
  if (l.tool === tool) return;
  l.setTool(tool);
  await l.updateComplete;
  await frame();
}

async function until(check: () => boolean, timeout: number, what: string): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await frame();
  }
}

const bench: SyncBench = {
  async join(options) {
    session = connectRoom({ serverUrl: options.server, room: options.room, token: options.token, offline: false });
    await session.whenSynced;
    const { evidence } = options;
    if (evidence.add) {
      addEvidence(session.doc, { id: evidence.id, title: '卷宗', kind: 'pdf', mime: 'application/pdf', bytes: evidence.bytes, sha256: evidence.sha256, pages: evidence.pages }, session.origin);
    }
    await until(() => roots(session!.doc).evidence.has(evidence.id), 30_000, 'the evidence record');
    const s = session;
    // The bytes come from the page server, so that the anchor (a stock relay, no evidence store)
    // runs the very same page: only the room server differs.
    const room: RoomContextValue = {
      doc: s.doc,
      awareness: s.awareness,
      origin: s.origin,
      undoManager: s.undoManager,
      connection: s.connection,
      venueLayers: s.venueLayers,
      evidenceUrl: () => new URL('/evidence.pdf', location.href).href,
    };
    const host = document.createElement('div');
    document.body.append(host);
    render(
      html`<hs-story-room .room=${room}
        ><hs-evidence-viewer evidence-id=${evidence.id} zoom="1" rotation=${String(options.rotation)} style="display: block; width: 900px; --hs-evidence-viewer-height: 780px"></hs-evidence-viewer
      ></hs-story-room>`,
      host,
    );
    viewer = host.querySelector('hs-evidence-viewer')!;
    await until(() => viewer!.status === 'ready' && viewer!.annotationLayer?.overlay(1) !== undefined, 30_000, 'the viewer and its layer');
    await frame();
  },

  async drawRect(from, to) {
    await useTool('rect');
    const a = client(from);
    const b = client(to);
    pointer('pointerdown', a, 1);
    for (let i = 1; i <= 4; i++) pointer('pointermove', [a[0] + ((b[0] - a[0]) * i) / 4, a[1] + ((b[1] - a[1]) * i) / 4], 1);
    const at = now();
    pointer('pointerup', b, 0);
    return at;
  },

  expectPixels(point) {
    const record = { point, doc: -1, pixels: -1, count: readAnnotations(session!.doc).length };
    watch = record;
    const annotations = roots(session!.doc).annotations;
    const onDoc = () => {
      if (record.doc < 0 && annotations.size > record.count) record.doc = now();
    };
    annotations.observe(onDoc);
    // Checked once per frame, in a task queued from the frame's callbacks: it runs after every
    // callback of that frame (the layer paints in one), so a mark painted in frame N is seen in N.
    const channel = new MessageChannel();
    const check = () => {
      if (watch !== record) return annotations.unobserve(onDoc);
      if (record.doc >= 0 && pixelsAt(point)) {
        record.pixels = now();
        annotations.unobserve(onDoc);
        return;
      }
      requestAnimationFrame(() => channel.port2.postMessage(0));
    };
    channel.port1.onmessage = check;
    requestAnimationFrame(() => channel.port2.postMessage(0));
  },

  async arrived(timeout) {
    const record = watch!;
    await until(() => record.pixels >= 0, timeout, 'the pixels of the remote mark');
    return { doc: record.doc, pixels: record.pixels };
  },

  async stroke(points, hz) {
    await useTool('ink');
    const times: number[] = [];
    const interval = 1000 / hz;
    const start = performance.now();
    for (let i = 0; i < points.length; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      times.push(now());
      pointer(i === 0 ? 'pointerdown' : 'pointermove', client(points[i]!), 1);
    }
    pointer('pointerup', client(points[points.length - 1]!), 0);
    return times;
  },

  watchLiveInk() {
    live = [];
    liveStroke = undefined;
    if (liveWatching) return;
    liveWatching = true;
    const poll = () => {
      const t = now();
      const drawing = layer().input.remoteDrawings(1)[0];
      if (drawing) {
        liveStroke = drawing.id;
        for (let i = live.length; i < drawing.points.length; i++) live.push(t);
      }
      // The last points may come only with the stored stroke (pointer-up cancels the last share).
      const stored = liveStroke ? readAnnotation(session!.doc, liveStroke) : undefined;
      if (stored?.kind === 'ink') for (let i = live.length; i < stored.geometry.points.length; i++) live.push(t);
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  },

  async liveInkTimes(count, timeout) {
    const start = performance.now();
    while (live.length < count && performance.now() - start < timeout) await frame();
    return Array.from({ length: count }, (_, i) => live[i] ?? -1);
  },

  marks() {
    return readAnnotations(session!.doc).length;
  },
};

(window as unknown as { hsBench: SyncBench }).hsBench = bench;
