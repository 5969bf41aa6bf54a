/**
 * The browser side of `annotations.frame-time` (see `../annotations.ts`): one page, one scene.
 *
 * An in-memory room (two Y.Docs relayed synchronously, as a server would) holds a 1600 × 2000
 * image evidence item with 2,000 mixed annotations on its one page. `<hs-evidence-viewer>` shows
 * it; then for `seconds` the script pans (scrolls a little every frame) and zooms (a step every
 * 40 frames), while the second client moves one of its marks every 10 ms (100 remote edits per
 * second). Frame times are the gaps between animation frames; long tasks come from the Long
 * Tasks API.
 *
 * `ours`: the viewer's own annotation layer (canvas per page, culling, region repaint).
 * `anchor`: the naive approach — the viewer with `no-annotations`, and one SVG element per mark
 * in one SVG over the page, all kept in the DOM (no culling), an edited mark's element updated.
 */
import * as Y from 'yjs';
import {
  addAnnotation,
  addEvidence,
  createUndoManager,
  initRoom,
  LocalOrigin,
  moveAnnotation,
  readAnnotations,
  roots,
  SERVER_ORIGIN,
  type Actor,
  type Annotation,
  type AnnotationKind,
  type Geometry,
  type NewAnnotation,
} from '@huishen/model';
import { pdfToCss, roomContext, type HsEvidenceViewer, type RoomContextValue } from '@huishen/elements';
import { paintAnnotations } from '@huishen/elements/annotation-layer/paint.js';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import { ContextProvider } from '@lit/context';

const LOCAL: Actor = { userId: 'u1', name: '县院承办人', venue: 'county', role: 'presenter' };
const REMOTE: Actor = { userId: 'u2', name: '市院检察官', venue: 'city', role: 'member' };
const W = 1600;
const H = 2000;
const KINDS: AnnotationKind[] = ['rect', 'ellipse', 'arrow', 'ink', 'highlight', 'note', 'pin', 'stamp', 'callout'];

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function markOf(kind: AnnotationKind, r: () => number): Omit<NewAnnotation, 'evidenceId'> {
  const x = 40 + r() * (W - 240);
  const y = 40 + r() * (H - 240);
  const w = 20 + r() * 160;
  const h = 15 + r() * 100;
  let geometry: Geometry;
  switch (kind) {
    case 'arrow':
      geometry = { from: [x, y], to: [x + w, y + h] };
      break;
    case 'ink':
      geometry = { points: Array.from({ length: 24 }, (_, i) => [x + i * (w / 24), y + Math.sin(i / 3) * h * 0.3, 0.5] as [number, number, number]) };
      break;
    case 'highlight':
      geometry = { quads: [[x, y, x + w, y, x, y + 14, x + w, y + 14]] };
      break;
    case 'pin':
    case 'stamp':
      geometry = { at: [x, y] };
      break;
    default:
      geometry = { rect: [x, y, x + w, y + h] };
  }
  return {
    page: 1,
    kind,
    geometry,
    ...(kind === 'note' ? { text: '证人证言与书证不一致' } : {}),
    ...(kind === 'stamp' ? { stamp: { code: 'exhibit' as const, number: Math.floor(r() * 90) + 1 } } : {}),
  } as Omit<NewAnnotation, 'evidenceId'>;
}

class BenchRoom extends HTMLElement {
  readonly provider = new ContextProvider(this, { context: roomContext });
}
customElements.define('bench-room', BenchRoom);

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Builds the room: local doc + remote doc relayed both ways; 2,000 marks, a tenth of them the remote's. */
async function scene(): Promise<{ room: RoomContextValue; remote: Y.Doc; remoteIds: string[] }> {
  const doc = new Y.Doc();
  const remote = new Y.Doc();
  doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(remote, u, 'relay'));
  remote.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(doc, u, 'relay'));
  initRoom(doc, { generation: 'g1', now: 1 }, SERVER_ORIGIN);
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fafafa';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#9e9e9e';
  for (let y = 60; y < H; y += 24) ctx.fillRect(60, y, W - 120, 8);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const hash = await sha256(bytes);
  const url = URL.createObjectURL(blob);
  const local = new LocalOrigin(LOCAL);
  addEvidence(doc, { id: 'ev', title: 'scan', kind: 'image', mime: 'image/png', bytes: bytes.byteLength, sha256: hash, pages: 1 }, local);
  const r = random(7);
  const remoteOrigin = new LocalOrigin(REMOTE);
  const remoteIds: string[] = [];
  doc.transact(() => {
    for (let i = 0; i < 1800; i++) addAnnotation(doc, { evidenceId: 'ev', ...markOf(KINDS[i % KINDS.length]!, r) }, local);
  }, local);
  remote.transact(() => {
    for (let i = 0; i < 200; i++) remoteIds.push(addAnnotation(remote, { evidenceId: 'ev', ...markOf(KINDS[i % KINDS.length]!, r) }, remoteOrigin));
  }, remoteOrigin);
  return { room: { doc, origin: local, undoManager: createUndoManager(doc, local), evidenceUrl: () => url }, remote, remoteIds };
}

/** The naive anchor: every mark one SVG element, all in the DOM, positioned in user space by the viewBox. */
class SvgScene {
  readonly svg: SVGSVGElement;
  readonly #elements = new Map<string, SVGGraphicsElement>();
  constructor(annotations: readonly Annotation[]) {
    const ns = 'http://www.w3.org/2000/svg';
    this.svg = document.createElementNS(ns, 'svg');
    this.svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    this.svg.setAttribute('preserveAspectRatio', 'none');
    this.svg.style.cssText = 'position:absolute;inset:0;width:100%;height:100%;pointer-events:none;overflow:visible';
    for (const a of annotations) this.set(a);
  }

  set(a: Annotation): void {
    const ns = 'http://www.w3.org/2000/svg';
    const old = this.#elements.get(a.id);
    let el: SVGGraphicsElement;
    const g = a.geometry as Record<string, unknown>;
    if (a.kind === 'ink') {
      el = document.createElementNS(ns, 'polyline');
      el.setAttribute('points', (g['points'] as number[][]).map((p) => `${p[0]},${p[1]}`).join(' '));
      el.setAttribute('fill', 'none');
      el.setAttribute('stroke', a.style.color);
    } else if (a.kind === 'arrow') {
      el = document.createElementNS(ns, 'line');
      const [from, to] = [g['from'] as number[], g['to'] as number[]];
      el.setAttribute('x1', String(from[0]));
      el.setAttribute('y1', String(from[1]));
      el.setAttribute('x2', String(to[0]));
      el.setAttribute('y2', String(to[1]));
      el.setAttribute('stroke', a.style.color);
    } else if (a.kind === 'pin' || a.kind === 'stamp') {
      el = document.createElementNS(ns, 'text');
      const at = g['at'] as number[];
      el.setAttribute('x', String(at[0]));
      el.setAttribute('y', String(at[1]));
      el.setAttribute('fill', a.style.color);
      el.textContent = a.kind === 'stamp' ? `证据编号 ${a.stamp?.number ?? ''}` : '📍';
    } else if (a.kind === 'highlight') {
      el = document.createElementNS(ns, 'polygon');
      const q = (g['quads'] as number[][])[0]!;
      el.setAttribute('points', `${q[0]},${q[1]} ${q[2]},${q[3]} ${q[6]},${q[7]} ${q[4]},${q[5]}`);
      el.setAttribute('fill', a.style.color);
      el.setAttribute('fill-opacity', String(a.style.opacity));
    } else {
      const [x1, y1, x2, y2] = g['rect'] as number[];
      el = document.createElementNS(ns, a.kind === 'ellipse' ? 'ellipse' : 'rect');
      if (a.kind === 'ellipse') {
        el.setAttribute('cx', String((x1! + x2!) / 2));
        el.setAttribute('cy', String((y1! + y2!) / 2));
        el.setAttribute('rx', String((x2! - x1!) / 2));
        el.setAttribute('ry', String((y2! - y1!) / 2));
      } else {
        el.setAttribute('x', String(x1));
        el.setAttribute('y', String(y1));
        el.setAttribute('width', String(x2! - x1!));
        el.setAttribute('height', String(y2! - y1!));
      }
      el.setAttribute('fill', a.kind === 'note' ? a.style.color : 'none');
      el.setAttribute('stroke', a.style.color);
    }
    el.setAttribute('stroke-width', String(a.style.width));
    if (old) old.replaceWith(el);
    else this.svg.append(el);
    this.#elements.set(a.id, el);
  }
}

export interface FrameReport {
  /** Ours only: painting all 2,000 marks of the page afresh at 100 %, median of 5, in ms. */
  fullPaint: number | undefined;
  frames: number[];
  longTasks: number[];
  edits: number;
  marks: number;
  drawnCheck: boolean;
}

async function run(mode: 'ours' | 'anchor', seconds: number): Promise<FrameReport> {
  const { room, remote, remoteIds } = await scene();
  const host = document.createElement('bench-room') as BenchRoom;
  host.provider.setValue(room);
  const viewer = document.createElement('hs-evidence-viewer') as HsEvidenceViewer;
  viewer.setAttribute('evidence-id', 'ev');
  viewer.setAttribute('zoom', '0.5');
  if (mode === 'anchor') viewer.setAttribute('no-annotations', '');
  viewer.style.cssText = '--hs-evidence-viewer-height: 780px; display: block; width: 980px';
  host.append(viewer);
  document.body.append(host);
  const start = performance.now();
  while (viewer.status !== 'ready') {
    if (performance.now() - start > 20_000) throw new Error(`viewer stuck in ${viewer.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  let svg: SvgScene | undefined;
  if (mode === 'anchor') {
    svg = new SvgScene(readAnnotations(room.doc, { evidenceId: 'ev' }));
    viewer.pageElement(1)!.append(svg.svg);
    roots(room.doc).annotations.observeDeep((events) => {
      for (const e of events) {
        const id = e.path[0] ?? [...e.changes.keys.keys()][0];
        const a = typeof id === 'string' ? readAnnotations(room.doc, { evidenceId: 'ev' }).find((x) => x.id === id) : undefined;
        if (a) svg!.set(a);
      }
    });
  } else {
    while (!viewer.annotationLayer?.overlay(1)) await new Promise((r) => requestAnimationFrame(r));
  }
  await new Promise((r) => setTimeout(r, 300));
  // Check the scene is drawn: ours has pixels at a mark's corner on its marks canvas.
  let drawnCheck = true;
  if (mode === 'ours') {
    const layer = viewer.annotationLayer!;
    layer.flush();
    const a = layer.annotations(1).filter((x) => x.kind === 'rect').sort((p, q) => (p.geometry as { rect: number[] }).rect[1]! - (q.geometry as { rect: number[] }).rect[1]!)[0]!; // the topmost: in view
    const [x1, y1] = (a.geometry as { rect: number[] }).rect as [number, number];
    const [cx, cy] = pdfToCss(viewer.pageGeometry(1)!, [x1, y1]);
    const canvas = layer.overlay(1)!.marksCanvas;
    const f = canvas.width / viewer.pageElement(1)!.getBoundingClientRect().width;
    const data = canvas.getContext('2d')!.getImageData(Math.round(cx * f) - 2, Math.round(cy * f) - 2, 5, 5).data;
    drawnCheck = data.some((v, i) => i % 4 === 3 && v > 0);
  }
  let fullPaint: number | undefined;
  if (mode === 'ours') {
    const marks = viewer.annotationLayer!.annotations(1);
    const geometry = { ...viewer.pageGeometry(1)!, scale: 1, rotation: 0 };
    const canvas = document.createElement('canvas');
    canvas.width = W;
    canvas.height = H;
    const ctx = canvas.getContext('2d')!;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      ctx.clearRect(0, 0, W, H);
      const t0 = performance.now();
      paintAnnotations(ctx, marks, geometry);
      ctx.getImageData(0, 0, 1, 1); // wait for the drawing to be done
      times.push(performance.now() - t0);
    }
    fullPaint = times.sort((a, b) => a - b)[2];
  }
  // Start measuring in a fresh task: the observer also reports the task it was created in (the
  // set-up above), which is not the scene's.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const longTasks: number[] = [];
  const measuredFrom = performance.now();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.startTime >= measuredFrom) longTasks.push(entry.duration);
  });
  observer.observe({ entryTypes: ['longtask'] });
  // The second client: 100 edits per second, each moving one of its marks a little.
  const remoteOrigin = new LocalOrigin(REMOTE);
  let edits = 0;
  const editor = setInterval(() => {
    const id = remoteIds[edits % remoteIds.length]!;
    moveAnnotation(remote, id, edits % 2 ? 3 : -3, 2, remoteOrigin);
    edits++;
  }, 10);
  const scroller = viewer.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
  const frames: number[] = [];
  let last = performance.now();
  let n = 0;
  const zooms = [0.5, 0.75, 1, 1.25, 1, 0.75];
  await new Promise<void>((done) => {
    const end = performance.now() + seconds * 1000;
    const tick = (now: number) => {
      frames.push(now - last);
      last = now;
      n++;
      // Pan: down and back up, a few pixels a frame; zoom a step every 40 frames.
      scroller.scrollTop += Math.sin(n / 30) * 18;
      scroller.scrollLeft += Math.cos(n / 45) * 6;
      if (n % 40 === 0) viewer.zoom = zooms[(n / 40) % zooms.length]!;
      if (now < end) requestAnimationFrame(tick);
      else done();
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
  clearInterval(editor);
  observer.disconnect();
  host.remove();
  return { fullPaint, frames, longTasks, edits, marks: readAnnotations(room.doc, { evidenceId: 'ev' }).length, drawnCheck };
}

(window as unknown as { hsFrameBench: { run: typeof run } }).hsFrameBench = { run };
