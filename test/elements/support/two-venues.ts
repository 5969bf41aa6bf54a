/**
 * Helpers for two-venue browser tests: each venue is a `connectRoom` session (its own socket and
 * IndexedDB name) shown in its own `<hs-evidence-viewer>` (with the annotation layer) and
 * `<hs-sync-status>`, side by side in the test page; strokes are drawn with the real mouse
 * (Chromium input events through `sendMouse`), so the layer sees genuine pointer events.
 */
import { fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { addEvidence } from '@huishen/model';
import type { HsEvidenceViewer, HsSyncStatus } from '@huishen/elements';
import type { HsAnnotationLayer } from '@huishen/elements/annotation-layer/annotation-layer.js';
import type { RoomSession } from '@huishen/elements/room/connect-room.js';
import { pdfToCss } from '@huishen/elements/pdf/geometry.js';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import '@huishen/elements/sync-status/hs-sync-status.js';
import '../../../stories/support/two-peer-room.js';
import { makePdf } from './make-pdf.js';
import { settled, waitFor } from './viewer.js';

/** Page size of the test evidence, in points (small enough for two viewers side by side at zoom 1). */
export const PAGE: readonly [number, number] = [360, 480];

/** One venue on screen. */
export interface Venue {
  readonly session: RoomSession;
  readonly viewer: HsEvidenceViewer;
  readonly layer: HsAnnotationLayer;
  readonly status: HsSyncStatus;
}

/** Uploads a two-page PDF through `session` and registers it; resolves with the evidence id. */
export async function addTestEvidence(session: RoomSession): Promise<string> {
  const bytes = makePdf([1, 2].map((n) => ({ mediaBox: [0, 0, PAGE[0], PAGE[1]] as const, lines: [`Exhibit page ${n}`] })));
  const sha256 = await session.uploadEvidence(new Blob([bytes], { type: 'application/pdf' }));
  return addEvidence(session.doc, { title: '证据一：讯问笔录', kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256, pages: 2 }, session.origin);
}

/** Shows the venues' viewers side by side (each at zoom 1, with its rotation) and waits for their layers. */
export async function showVenues(evidenceId: string, venues: ReadonlyArray<{ session: RoomSession; rotation?: number }>): Promise<Venue[]> {
  const root = await fixture<HTMLElement>(html`<div lang="zh-CN" style="display: flex; gap: 12px; align-items: flex-start">
    ${venues.map(
      ({ session, rotation }) => html`<hs-story-room .room=${session} style="display: block; width: 540px">
        <hs-sync-status></hs-sync-status>
        <hs-evidence-viewer evidence-id=${evidenceId} zoom="1" rotation=${String(rotation ?? 0)} style="display: block; width: 540px; --hs-evidence-viewer-height: 700px"></hs-evidence-viewer>
      </hs-story-room>`,
    )}
  </div>`);
  const out: Venue[] = [];
  const providers = [...root.querySelectorAll('hs-story-room')];
  for (let i = 0; i < venues.length; i++) {
    const viewer = providers[i]!.querySelector('hs-evidence-viewer')!;
    await settled(viewer, 20_000);
    await waitFor(() => viewer.annotationLayer !== undefined, 5000, 'the annotation layer');
    const layer = viewer.annotationLayer!;
    await layer.updateComplete;
    await waitFor(() => layer.overlay(1) !== undefined, 5000, 'the page overlay');
    out.push({ session: venues[i]!.session, viewer, layer, status: providers[i]!.querySelector('hs-sync-status')! });
  }
  return out;
}

/** Client coordinates (whole pixels) of a PDF point of `page` in `viewer`. */
export function clientAt(viewer: HsEvidenceViewer, page: number, point: readonly [number, number]): [number, number] {
  const box = viewer.pageElement(page)!.getBoundingClientRect();
  const [x, y] = pdfToCss(viewer.pageGeometry(page)!, point);
  return [Math.round(box.left + x), Math.round(box.top + y)];
}

/**
 * Drags the real mouse through the PDF points of `page` (down at the first, up at the last).
 * Resolves with the PDF points the viewer reports under the client points actually used.
 */
export async function mouseDrag(viewer: HsEvidenceViewer, page: number, points: ReadonlyArray<readonly [number, number]>): Promise<Array<[number, number]>> {
  const client = points.map((p) => clientAt(viewer, page, p));
  const expected = client.map(([x, y]) => {
    const hit = viewer.pagePointAt(x, y)!;
    return [hit.x, hit.y] as [number, number];
  });
  await sendMouse({ type: 'move', position: client[0]! });
  await sendMouse({ type: 'down' });
  for (const position of client.slice(1)) await sendMouse({ type: 'move', position });
  await sendMouse({ type: 'up' });
  return expected;
}

/** A wavy stroke of `n` points across the upper part of a page. */
export function wave(n: number, x0 = 60, y0 = 380): Array<[number, number]> {
  return Array.from({ length: n }, (_, i) => [x0 + i * (220 / (n - 1)), y0 + Math.sin(i / 2) * 20] as [number, number]);
}

/**
 * Whether the annotation layer's marks canvas of `page` has ink at the PDF point `point` (within
 * `radius` CSS pixels): the pixels of the mark, wherever rotation put them.
 */
export function inkAt(venue: Venue, page: number, point: readonly [number, number], radius = 3): boolean {
  const overlay = venue.layer.overlay(page);
  const canvas = overlay?.element.shadowRoot?.querySelector('canvas');
  if (!canvas) return false;
  const box = venue.viewer.pageElement(page)!.getBoundingClientRect();
  const [x, y] = pdfToCss(venue.viewer.pageGeometry(page)!, point);
  const sx = canvas.width / box.width;
  const sy = canvas.height / box.height;
  const r = Math.ceil(radius * sx);
  const data = canvas.getContext('2d')!.getImageData(Math.round(x * sx) - r, Math.round(y * sy) - r, 2 * r + 1, 2 * r + 1).data;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
  return false;
}
