/**
 * The callout magnifier: a region of a page drawn larger in a floating box, with the page's marks
 * on it. The page's pixels come from the viewer's page canvas (or the image of an image item), so
 * the box shows exactly what the page shows, only bigger.
 */
import type { Annotation, Rect } from '@huishen/model';
import { pdfRectToCss, type PageGeometry } from '../pdf/geometry.js';
import { paintAnnotations, userToCssMatrix, type PaintOptions } from './paint.js';

/** Widest magnified picture, in CSS pixels. */
const MAX_WIDTH = 480;
/** Magnification, unless that would exceed {@link MAX_WIDTH}. */
const ZOOM = 2;

/**
 * Draws `region` (user space) of the page `pageElement` shown with `geometry`, magnified, into a
 * new canvas (its CSS size set, its backing store at the device pixel ratio).
 */
export function magnify(
  pageElement: HTMLElement,
  geometry: PageGeometry,
  region: Rect,
  annotations: readonly Annotation[],
  options: Omit<PaintOptions, 'deviceScale'> = {},
): HTMLCanvasElement {
  const box = pdfRectToCss(geometry, region);
  const k = Math.max(0.5, Math.min(ZOOM, MAX_WIDTH / Math.max(1, box.width)));
  const dpr = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.className = 'magnified';
  canvas.width = Math.max(1, Math.round(box.width * k * dpr));
  canvas.height = Math.max(1, Math.round(box.height * k * dpr));
  canvas.style.width = `${canvas.width / dpr}px`;
  canvas.style.height = `${canvas.height / dpr}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const source = pageElement.querySelector<HTMLCanvasElement | HTMLImageElement>('canvas.canvas, img.image');
  const page = pageElement.getBoundingClientRect();
  if (source && page.width > 0 && page.height > 0) {
    const sw = source instanceof HTMLCanvasElement ? source.width : source.naturalWidth;
    const sh = source instanceof HTMLCanvasElement ? source.height : source.naturalHeight;
    if (source instanceof HTMLCanvasElement) {
      // The page canvas covers the page box: map the CSS box onto its pixels.
      const fx = sw / page.width;
      const fy = sh / page.height;
      ctx.drawImage(source, box.left * fx, box.top * fy, box.width * fx, box.height * fy, 0, 0, canvas.width, canvas.height);
    } else if (sw > 0 && sh > 0) {
      // An image's user space is its pixel grid: draw it through the page's own transform.
      ctx.save();
      ctx.scale(k * dpr, k * dpr);
      ctx.translate(-box.left, -box.top);
      ctx.transform(...userToCssMatrix(geometry));
      ctx.drawImage(source, 0, 0);
      ctx.restore();
    }
  }
  ctx.save();
  ctx.translate(-box.left * k * dpr, -box.top * k * dpr);
  paintAnnotations(ctx, annotations, geometry, { ...options, deviceScale: k * dpr });
  ctx.restore();
  return canvas;
}
