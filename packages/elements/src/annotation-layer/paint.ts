/**
 * The annotation painter: draws stored annotations onto a 2D canvas context. Pure (no DOM besides
 * the context it is given, no state but caches keyed by the immutable geometry objects), so the
 * live layer, the minutes (page images with marks burnt in) and benches all draw marks the same way.
 *
 * How to think about it: shapes are drawn in PDF user space of the unrotated page. One affine
 * transform, read off `pdf/geometry.ts`'s `pdfToCss` (the only place that knows how user space
 * maps onto the page box), takes them to CSS pixels of the page box at any scale, rotation and
 * MediaBox origin; `deviceScale` then takes CSS pixels to canvas pixels. Line widths are in PDF
 * points, so they scale with the page. Things that carry words — stamps, pins, notes — are drawn
 * *upright* at their anchor (people read them; they do not turn with a rotated scan), sized in
 * PDF points too so they keep their place relative to the page content at every zoom.
 */
import { getStroke } from 'perfect-freehand';
import { STAMP_LABELS_ZH, type Annotation, type InkPoint, type Rect, type StampCode } from '@huishen/model';
import { pdfRectToCss, pdfToCss, type PageGeometry } from '../pdf/geometry.js';

/** Options of {@link paintAnnotations}. */
export interface PaintOptions {
  /** Canvas pixels per CSS pixel of the page box (usually `devicePixelRatio`). Default 1. */
  deviceScale?: number;
  /**
   * The label of a stamp code in the reader's language. Default: the Simplified-Chinese labels of
   * the model (证据编号, 已出示, 已质证, …).
   */
  stampLabel?: (code: StampCode) => string;
}

/** Font size of stamp labels, in PDF points. */
export const STAMP_FONT_SIZE = 12;
/** Font size of note text, in PDF points. */
export const NOTE_FONT_SIZE = 10;
/** Radius of a pin's head, in PDF points. */
export const PIN_RADIUS = 7;
const FONT_FAMILY = 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** The affine matrix `[a, b, c, d, e, f]` (as `ctx.transform` takes it) from user space to CSS pixels of the page box. */
export function userToCssMatrix(geometry: PageGeometry): [number, number, number, number, number, number] {
  const [ox, oy] = pdfToCss(geometry, [0, 0]);
  const [xx, xy] = pdfToCss(geometry, [1, 0]);
  const [yx, yy] = pdfToCss(geometry, [0, 1]);
  return [xx - ox, xy - oy, yx - ox, yy - oy, ox, oy];
}

/** Whether an ink stroke carries real pressure (a pen) or the 0.5 a mouse reports everywhere. */
function hasPressure(points: readonly InkPoint[]): boolean {
  const first = points[0]?.[2];
  return points.some((p) => p[2] !== first);
}

/** Outline of an ink stroke in user space; cached per points array (geometry is immutable once read). */
const inkPaths = new WeakMap<readonly InkPoint[], Map<number, Path2D>>();

/**
 * The filled outline of a freehand stroke (perfect-freehand), in user space, `width` points wide
 * on average. Pressure-aware when the points carry pressure; simulated from speed otherwise.
 */
export function inkOutline(points: readonly InkPoint[], width: number): Path2D {
  let byWidth = inkPaths.get(points);
  const cached = byWidth?.get(width);
  if (cached) return cached;
  const outline = getStroke(points as InkPoint[], {
    size: width * 1.6,
    thinning: 0.5,
    smoothing: 0.5,
    streamline: 0.4,
    simulatePressure: !hasPressure(points),
    last: true,
  });
  const path = new Path2D();
  if (outline.length > 0) {
    path.moveTo(outline[0]![0], outline[0]![1]);
    for (let i = 1; i < outline.length; i++) path.lineTo(outline[i]![0], outline[i]![1]);
    path.closePath();
  }
  if (!byWidth) inkPaths.set(points, (byWidth = new Map()));
  byWidth.set(width, path);
  return path;
}

/** The text of a stamp: its label and, when it has one, its number. */
export function stampText(code: StampCode, number: number | undefined, label: (code: StampCode) => string = (c) => STAMP_LABELS_ZH[c]): string {
  return number === undefined ? label(code) : `${label(code)} ${number}`;
}

/** Draws one arrow (shaft and open head) in user space. */
function arrowPath(ctx: CanvasRenderingContext2D, from: readonly [number, number], to: readonly [number, number], width: number): void {
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  const head = 4 * width + 6;
  ctx.beginPath();
  ctx.moveTo(from[0], from[1]);
  ctx.lineTo(to[0], to[1]);
  for (const side of [-1, 1]) {
    ctx.moveTo(to[0], to[1]);
    ctx.lineTo(to[0] - head * Math.cos(angle + side * 0.45), to[1] - head * Math.sin(angle + side * 0.45));
  }
  ctx.stroke();
}

/** An ellipse inscribed in `rect` as four cubic Béziers (cheaper to stroke than an arc). */
function ellipsePath(ctx: CanvasRenderingContext2D, rect: Rect): void {
  const [x1, y1, x2, y2] = rect;
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  const rx = Math.abs(x2 - x1) / 2;
  const ry = Math.abs(y2 - y1) / 2;
  const k = 0.5522847498;
  ctx.beginPath();
  ctx.moveTo(cx + rx, cy);
  ctx.bezierCurveTo(cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry);
  ctx.bezierCurveTo(cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy);
  ctx.bezierCurveTo(cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry);
  ctx.bezierCurveTo(cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy);
  ctx.closePath();
}

function rectPath(ctx: CanvasRenderingContext2D, rect: Rect): void {
  ctx.beginPath();
  ctx.rect(Math.min(rect[0], rect[2]), Math.min(rect[1], rect[3]), Math.abs(rect[2] - rect[0]), Math.abs(rect[3] - rect[1]));
}

/** Shapes drawn in user space: the transform is the page's. */
function paintShape(ctx: CanvasRenderingContext2D, a: Annotation): void {
  const { color, width } = a.style;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = width;
  // Round joins only where a line bends freely (arrows); boxes keep cheap mitred corners.
  ctx.lineJoin = a.kind === 'arrow' ? 'round' : 'miter';
  ctx.lineCap = a.kind === 'arrow' ? 'round' : 'butt';
  switch (a.kind) {
    case 'highlight':
      ctx.beginPath();
      for (const q of a.geometry.quads) {
        // QuadPoints order: top-left, top-right, bottom-left, bottom-right; go round the quad.
        ctx.moveTo(q[0], q[1]);
        ctx.lineTo(q[2], q[3]);
        ctx.lineTo(q[6], q[7]);
        ctx.lineTo(q[4], q[5]);
        ctx.closePath();
      }
      ctx.fill();
      break;
    case 'rect':
      rectPath(ctx, a.geometry.rect);
      ctx.stroke();
      break;
    case 'callout': {
      // A double frame (two solid strokes): dashes are several times dearer to rasterise.
      rectPath(ctx, a.geometry.rect);
      ctx.stroke();
      const [x1, y1, x2, y2] = a.geometry.rect;
      const inset = width * 2;
      if (Math.abs(x2 - x1) > 4 * inset && Math.abs(y2 - y1) > 4 * inset) {
        ctx.lineWidth = width / 2;
        rectPath(ctx, [Math.min(x1, x2) + inset, Math.min(y1, y2) + inset, Math.max(x1, x2) - inset, Math.max(y1, y2) - inset]);
        ctx.stroke();
      }
      break;
    }
    case 'ellipse': {
      ellipsePath(ctx, a.geometry.rect);
      ctx.stroke();
      break;
    }
    case 'arrow':
      arrowPath(ctx, a.geometry.from, a.geometry.to, width);
      break;
    case 'ink':
      ctx.fill(inkOutline(a.geometry.points, width));
      break;
    default:
      break;
  }
}

/** Breaks `text` into lines no wider than `max` (by character, so Chinese text wraps too). */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const ch of Array.from(paragraph)) {
      if (line !== '' && ctx.measureText(line + ch).width > max) {
        lines.push(line);
        if (lines.length >= maxLines) return lines;
        line = ch.trimStart();
      } else line += ch;
    }
    lines.push(line);
    if (lines.length >= maxLines) return lines;
  }
  return lines;
}

/** Marks that carry words, drawn upright in CSS pixels of the page box. */
function paintUpright(ctx: CanvasRenderingContext2D, a: Annotation, geometry: PageGeometry, label: (code: StampCode) => string): void {
  const s = geometry.scale;
  const { color } = a.style;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.textBaseline = 'middle';
  switch (a.kind) {
    case 'note': {
      const box = pdfRectToCss(geometry, a.geometry.rect);
      ctx.fillRect(box.left, box.top, box.width, box.height);
      ctx.lineWidth = Math.max(1, 0.75 * s);
      ctx.strokeStyle = 'rgb(0 0 0 / 0.35)';
      ctx.strokeRect(box.left, box.top, box.width, box.height);
      if (a.text) {
        const size = NOTE_FONT_SIZE * s;
        const pad = 3 * s;
        ctx.font = `${size}px ${FONT_FAMILY}`;
        ctx.fillStyle = '#212121';
        ctx.textAlign = 'start';
        const lines = wrap(ctx, a.text, Math.max(size, box.width - 2 * pad), Math.max(1, Math.floor((box.height - pad) / (size * 1.3))));
        ctx.save();
        ctx.beginPath();
        ctx.rect(box.left, box.top, box.width, box.height);
        ctx.clip();
        lines.forEach((line, i) => ctx.fillText(line, box.left + pad, box.top + pad + size * (0.65 + i * 1.3)));
        ctx.restore();
      }
      break;
    }
    case 'pin': {
      const [x, y] = pdfToCss(geometry, a.geometry.at);
      const r = PIN_RADIUS * s;
      // A map pin: the tip at the point, the head above it.
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.arc(x, y - 2 * r, r, Math.PI * 0.8, Math.PI * 0.2);
      ctx.closePath();
      ctx.fill();
      ctx.beginPath();
      ctx.fillStyle = '#ffffff';
      ctx.arc(x, y - 2 * r, r * 0.4, 0, Math.PI * 2);
      ctx.fill();
      break;
    }
    case 'stamp': {
      const [x, y] = pdfToCss(geometry, a.geometry.at);
      const size = STAMP_FONT_SIZE * s;
      ctx.font = `bold ${size}px ${FONT_FAMILY}`;
      ctx.textAlign = 'center';
      const text = stampText(a.stamp?.code ?? 'exhibit', a.stamp?.number, label);
      const w = ctx.measureText(text).width + size;
      const h = size * 1.8;
      ctx.lineWidth = Math.max(1, a.style.width * s);
      ctx.strokeRect(x - w / 2, y - h / 2, w, h);
      ctx.lineWidth = Math.max(0.5, a.style.width * s * 0.4);
      ctx.strokeRect(x - w / 2 + 2 * ctx.lineWidth + 1, y - h / 2 + 2 * ctx.lineWidth + 1, w - 4 * ctx.lineWidth - 2, h - 4 * ctx.lineWidth - 2);
      ctx.fillText(text, x, y);
      break;
    }
    default:
      break;
  }
}

const UPRIGHT = new Set(['note', 'pin', 'stamp']);

/**
 * Draws `annotations` (oldest first, so later marks lie on top) for a page shown with `geometry`,
 * in CSS pixels of the page box × `deviceScale`, on top of whatever transform `ctx` already has.
 * Annotations of other pages are the caller's business: every mark given is drawn.
 */
export function paintAnnotations(
  ctx: CanvasRenderingContext2D,
  annotations: readonly Annotation[],
  geometry: PageGeometry,
  options: PaintOptions = {},
): void {
  const ds = options.deviceScale ?? 1;
  const label = options.stampLabel ?? ((code: StampCode) => STAMP_LABELS_ZH[code]);
  const [a, b, c, d, e, f] = userToCssMatrix(geometry);
  for (const annotation of annotations) {
    ctx.save();
    ctx.globalAlpha *= annotation.style.opacity;
    if (UPRIGHT.has(annotation.kind)) {
      ctx.transform(ds, 0, 0, ds, 0, 0);
      paintUpright(ctx, annotation, geometry, label);
    } else {
      ctx.transform(a * ds, b * ds, c * ds, d * ds, e * ds, f * ds);
      paintShape(ctx, annotation);
    }
    ctx.restore();
  }
}
