/**
 * Helpers for annotation-layer tests: an in-memory room (one `Y.Doc`, a local origin, a per-user
 * undo manager, an awareness) holding one evidence item — a generated PDF or a PNG — shown by
 * `<hs-evidence-viewer>` with its annotation layer.
 */
import { fixture, html } from '@open-wc/testing';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  addEvidence,
  createUndoManager,
  initRoom,
  LocalOrigin,
  SERVER_ORIGIN,
  setVenue,
  type Actor,
} from '@huishen/model';
import type { HsEvidenceViewer, RoomContextValue } from '@huishen/elements';
import type { HsAnnotationLayer } from '@huishen/elements/annotation-layer/annotation-layer.js';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import { makePdf, type MadePage } from './make-pdf.js';
import { sha256, type TestRoomProvider } from './room.js';
import './room.js';
import { settled, waitFor } from './viewer.js';

export const COUNTY_PRESENTER: Actor = { userId: 'p1', name: '县院承办人', venue: 'county', role: 'presenter' };
export const CITY_MEMBER: Actor = { userId: 'm1', name: '市院检察官', venue: 'city', role: 'member' };
export const CHAIR: Actor = { userId: 'c1', name: '主持人', venue: 'city', role: 'chair' };
export const OBSERVER: Actor = { userId: 'o1', name: '列席', venue: 'city', role: 'observer' };

/** A fresh room document with two venues. */
export function newRoomDoc(): Y.Doc {
  const doc = new Y.Doc();
  initRoom(doc, { generation: 'g1', now: 1 }, SERVER_ORIGIN);
  setVenue(doc, { id: 'county', name: '某某县人民检察院', level: 'county', color: '#1e88e5' }, SERVER_ORIGIN);
  setVenue(doc, { id: 'city', name: '某某市人民检察院', level: 'city', color: '#e53935' }, SERVER_ORIGIN);
  return doc;
}

/** Adds a PDF of `pages` (or the given bytes) to the room as evidence `id`; returns the URL map for `evidenceUrl`. */
export async function addPdfEvidence(doc: Y.Doc, id: string, pages: readonly MadePage[], store: Map<string, string>): Promise<void> {
  const bytes = makePdf(pages);
  const hash = await sha256(bytes);
  store.set(hash, URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })));
  addEvidence(doc, { id, title: `证据 ${id}`, kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256: hash, pages: pages.length }, new LocalOrigin(COUNTY_PRESENTER));
}

/** Adds a PNG of `width` × `height` to the room as image evidence `id`. */
export async function addImageEvidence(doc: Y.Doc, id: string, width: number, height: number, store: Map<string, string>): Promise<void> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#f5f5f5';
  ctx.fillRect(0, 0, width, height);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const hash = await sha256(bytes);
  store.set(hash, URL.createObjectURL(blob));
  addEvidence(doc, { id, title: `照片 ${id}`, kind: 'image', mime: 'image/png', bytes: bytes.byteLength, sha256: hash, pages: 1 }, new LocalOrigin(COUNTY_PRESENTER));
}

/** A room context for `actor` on `doc`. */
export function roomFor(doc: Y.Doc, actor: Actor, store: Map<string, string>, awareness = new Awareness(doc)): RoomContextValue {
  const origin = new LocalOrigin(actor);
  return {
    doc,
    awareness,
    origin,
    undoManager: createUndoManager(doc, origin, { captureTimeout: 0 }),
    evidenceUrl: (sha) => store.get(sha) ?? '/__missing__',
  };
}

/** What {@link openViewer} gives back. */
export interface Opened {
  viewer: HsEvidenceViewer;
  layer: HsAnnotationLayer;
  room: RoomContextValue;
}

/** Shows evidence `evidenceId` of `room` in a viewer of `height` px and waits for its annotation layer. */
export async function openViewer(room: RoomContextValue, evidenceId: string, attributes: { zoom?: string; rotation?: number; height?: number; toolbar?: boolean } = {}): Promise<Opened> {
  const provider = await fixture<TestRoomProvider>(html`<hs-test-room-provider .room=${room}>
    <hs-evidence-viewer
      evidence-id=${evidenceId}
      zoom=${attributes.zoom ?? '1'}
      rotation=${String(attributes.rotation ?? 0)}
      ?annotation-toolbar=${attributes.toolbar ?? false}
      style=${`--hs-evidence-viewer-height: ${attributes.height ?? 700}px; width: 900px; display: block`}
    ></hs-evidence-viewer>
  </hs-test-room-provider>`);
  const viewer = provider.querySelector<HsEvidenceViewer>('hs-evidence-viewer')!;
  await settled(viewer);
  await waitFor(() => viewer.annotationLayer !== undefined, 5000, 'the annotation layer');
  const layer = viewer.annotationLayer!;
  await layer.updateComplete;
  await waitFor(() => layer.overlay(viewer.visiblePages[0] ?? 1) !== undefined, 5000, 'a page overlay');
  return { viewer, layer, room };
}

/** Waits two frames (a layer repaint). */
export async function frames(n = 2): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Client coordinates of a user-space point of `page`. */
export function clientPoint(viewer: HsEvidenceViewer, page: number, point: readonly [number, number], cssOf: (g: NonNullable<ReturnType<HsEvidenceViewer['pageGeometry']>>, p: readonly [number, number]) => [number, number]): [number, number] {
  const box = viewer.pageElement(page)!.getBoundingClientRect();
  const [x, y] = cssOf(viewer.pageGeometry(page)!, point);
  return [box.left + x, box.top + y];
}

/** Dispatches a pointer event sequence (down at `from`, moves, up at `to`) at client points. */
export function drag(viewer: HsEvidenceViewer, from: readonly [number, number], to: readonly [number, number], steps = 4, pointerType = 'mouse'): void {
  const target = viewer.shadowRoot!.elementFromPoint(from[0], from[1]) ?? viewer;
  const init = (x: number, y: number, buttons: number): PointerEventInit => ({
    clientX: x,
    clientY: y,
    bubbles: true,
    composed: true,
    cancelable: true,
    pointerId: 1,
    isPrimary: true,
    button: 0,
    buttons,
    pointerType,
    pressure: buttons ? 0.5 : 0,
  });
  target.dispatchEvent(new PointerEvent('pointerdown', init(from[0], from[1], 1)));
  for (let i = 1; i <= steps; i++) {
    const x = from[0] + ((to[0] - from[0]) * i) / steps;
    const y = from[1] + ((to[1] - from[1]) * i) / steps;
    target.dispatchEvent(new PointerEvent('pointermove', init(x, y, 1)));
  }
  target.dispatchEvent(new PointerEvent('pointerup', init(to[0], to[1], 0)));
}
