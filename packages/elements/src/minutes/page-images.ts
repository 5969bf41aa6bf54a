/**
 * The minutes' page images: each page the bundle lists, rendered from the room's evidence store
 * with pdf.js (through the viewer's engine adapter) or decoded as an image, with its annotations
 * burnt in by the same painter the live annotation layer uses. Browser only (canvas).
 *
 * Evidence bytes are checked against the record's SHA-256 before anything is drawn: the minutes
 * never show a page of a different file under the recorded hash.
 */
import type { Annotation, MinutesBundle, StampCode } from '@huishen/model';
import { paintAnnotations } from '../annotation-layer/paint.js';
import { openPdf } from '../pdf/engine.js';
import { PDF_TO_CSS_UNITS, type PageGeometry } from '../pdf/geometry.js';
import type { RoomContextValue } from '../room/room-context.js';
import { pageKey, type MinutesPageImage } from './minutes-html.js';

/** Options of {@link renderMinutesPages}. */
export interface MinutesPagesOptions {
  /** Zoom of the page images (1 = 96 dpi CSS pixels). Default 1.5 (print quality at A4 width). */
  scale?: number | undefined;
  /** `image/jpeg` (default, small) or `image/png` (lossless). */
  imageType?: 'image/jpeg' | 'image/png' | undefined;
  /** Stamp labels in the reader's language. */
  stampLabel?: ((code: StampCode) => string) | undefined;
  signal?: AbortSignal | undefined;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | undefined> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return undefined; // not a secure context: cannot check
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function fetchChecked(room: RoomContextValue, sha256: string, signal: AbortSignal | undefined): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch(room.evidenceUrl(sha256), { ...room.fetchInit?.(), ...(signal ? { signal } : {}) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const actual = await sha256Hex(bytes);
  if (actual !== undefined && actual !== sha256) throw new Error(`SHA-256 mismatch (${actual})`);
  return bytes;
}

function encode(canvas: HTMLCanvasElement, type: string): MinutesPageImage {
  return { src: canvas.toDataURL(type, 0.88), width: canvas.width, height: canvas.height };
}

function release(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
}

/**
 * Renders every page `bundle.pages` lists. Returns images by page key; a page that could not be
 * rendered (file missing, hash mismatch, damaged) gets `{ error }` instead, so the minutes still
 * say which page was meant.
 */
export async function renderMinutesPages(
  bundle: MinutesBundle,
  room: RoomContextValue,
  options: MinutesPagesOptions = {},
): Promise<Map<string, MinutesPageImage>> {
  const scale = options.scale ?? 1.5;
  const type = options.imageType ?? 'image/jpeg';
  const paint = { ...(options.stampLabel ? { stampLabel: options.stampLabel } : {}) };
  const out = new Map<string, MinutesPageImage>();
  const annotations = new Map(bundle.annotations.map((a) => [a.id, a]));
  const byEvidence = new Map<string, typeof bundle.pages>();
  for (const p of bundle.pages) byEvidence.set(p.evidenceId, [...(byEvidence.get(p.evidenceId) ?? []), p]);

  for (const evidence of bundle.evidence) {
    const pages = byEvidence.get(evidence.id);
    if (!pages) continue;
    const marks = (ids: readonly string[]) => ids.map((id) => annotations.get(id)).filter((a): a is Annotation => a !== undefined);
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await fetchChecked(room, evidence.sha256, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      for (const p of pages) out.set(pageKey(p.evidenceId, p.page), { error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (evidence.kind === 'pdf') {
      let doc;
      try {
        doc = await openPdf({ data: bytes, transfer: true, ...(options.signal ? { signal: options.signal } : {}) });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        for (const p of pages) out.set(pageKey(p.evidenceId, p.page), { error: error instanceof Error ? error.message : String(error) });
        continue;
      }
      try {
        for (const p of pages) {
          const page = await doc.getPage(p.page);
          const geometry: PageGeometry = { view: page.view, scale: scale * PDF_TO_CSS_UNITS * page.userUnit, rotation: page.rotate };
          const viewport = page.viewport(geometry.scale, geometry.rotation);
          const canvas = document.createElement('canvas');
          canvas.width = Math.max(1, Math.floor(viewport.width));
          canvas.height = Math.max(1, Math.floor(viewport.height));
          await page.render(canvas, viewport, 1, options.signal);
          const ctx = canvas.getContext('2d')!;
          paintAnnotations(ctx, marks(p.annotationIds), geometry, paint);
          out.set(pageKey(p.evidenceId, p.page), encode(canvas, type));
          release(canvas);
          page.cleanup();
        }
      } finally {
        await doc.destroy();
      }
    } else {
      try {
        const bitmap = await createImageBitmap(new Blob([bytes], { type: evidence.mime }));
        const geometry: PageGeometry = { view: [0, 0, bitmap.width, bitmap.height], scale: 1, rotation: 0, yDown: true };
        const canvas = document.createElement('canvas');
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        bitmap.close();
        for (const p of pages) paintAnnotations(ctx, marks(p.annotationIds), geometry, paint);
        const image = encode(canvas, type);
        release(canvas);
        for (const p of pages) out.set(pageKey(p.evidenceId, p.page), image);
      } catch (error) {
        for (const p of pages) out.set(pageKey(p.evidenceId, p.page), { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return out;
}
