/**
 * The annotation tools as data: their names, keyboard shortcuts, and how a gesture (a drag from
 * one user-space point to another, or a keyboard "place here") becomes the geometry of a new mark.
 * Also the bounds and hit test the layer culls and selects with. No DOM, no Yjs: all in PDF user
 * space of the unrotated page.
 */
import { geometryBounds, type Annotation, type AnnotationKind, type Geometry, type InkPoint, type Rect } from '@huishen/model';
import { PIN_RADIUS, STAMP_FONT_SIZE } from './paint.js';

/** Every tool of the layer: `select` plus one per annotation kind. */
export const ANNOTATION_TOOLS = ['select', 'highlight', 'rect', 'ellipse', 'arrow', 'ink', 'note', 'pin', 'stamp', 'callout'] as const;
export type AnnotationTool = (typeof ANNOTATION_TOOLS)[number];

/** Single-key shortcuts (no modifier) of the tools. */
export const TOOL_SHORTCUTS: Readonly<Record<AnnotationTool, string>> = {
  select: 'v',
  highlight: 'h',
  rect: 'r',
  ellipse: 'o',
  arrow: 'a',
  ink: 'p',
  note: 'n',
  pin: 'm',
  stamp: 's',
  callout: 'c',
};

/** True for a known tool name. */
export function isAnnotationTool(value: unknown): value is AnnotationTool {
  return typeof value === 'string' && (ANNOTATION_TOOLS as readonly string[]).includes(value);
}

/** The tool whose shortcut is `key` (case-insensitive), if any. */
export function toolForKey(key: string): AnnotationTool | undefined {
  const k = key.toLowerCase();
  return ANNOTATION_TOOLS.find((tool) => TOOL_SHORTCUTS[tool] === k);
}

/** Tools that create marks by dragging a box or a line. */
export const DRAG_TOOLS: ReadonlySet<AnnotationTool> = new Set(['rect', 'ellipse', 'arrow', 'callout', 'note']);
/** Tools that create a mark by a click at a point. */
export const POINT_TOOLS: ReadonlySet<AnnotationTool> = new Set(['pin', 'stamp']);

/** Default size of a note, in points (a click without drag, or keyboard creation). */
export const NOTE_SIZE = 120;
/** Default size of shapes placed with the keyboard, in points. */
export const KEYBOARD_SHAPE_SIZE = 72;

const normal = (a: readonly [number, number], b: readonly [number, number]): Rect => [
  Math.min(a[0], b[0]),
  Math.min(a[1], b[1]),
  Math.max(a[0], b[0]),
  Math.max(a[1], b[1]),
];

/**
 * The geometry of a new mark of `kind` dragged from `start` to `end` (user space). A note
 * dragged less than a few points gets its default size, placed below-right of the click (in user
 * space of a y-up page: `yUp` says which way "below" is).
 */
export function geometryFromDrag(kind: Exclude<AnnotationKind, 'highlight' | 'ink'>, start: readonly [number, number], end: readonly [number, number], yUp = true): Geometry {
  switch (kind) {
    case 'arrow':
      return { from: [start[0], start[1]], to: [end[0], end[1]] };
    case 'pin':
    case 'stamp':
      return { at: [end[0], end[1]] };
    case 'note':
      if (Math.abs(end[0] - start[0]) < 4 && Math.abs(end[1] - start[1]) < 4) {
        return { rect: normal(start, [start[0] + NOTE_SIZE, start[1] + (yUp ? -NOTE_SIZE * 0.6 : NOTE_SIZE * 0.6)]) };
      }
      return { rect: normal(start, end) };
    default:
      return { rect: normal(start, end) };
  }
}

/** Whether a drag is big enough to be a mark (and not a slip of the hand), in CSS pixels. */
export function isRealDrag(kind: AnnotationKind, cssDistance: number): boolean {
  if (kind === 'pin' || kind === 'stamp' || kind === 'note') return true;
  return cssDistance >= 3;
}

/** The geometry of a mark of `kind` placed with the keyboard, centred on `at`. */
export function geometryAt(kind: Exclude<AnnotationKind, 'highlight'>, at: readonly [number, number]): Geometry {
  const h = KEYBOARD_SHAPE_SIZE / 2;
  const [x, y] = at;
  switch (kind) {
    case 'arrow':
      return { from: [x - h, y - h], to: [x + h, y + h] };
    case 'pin':
    case 'stamp':
      return { at: [x, y] };
    case 'ink':
      return { points: [[x - h, y, 0.5], [x, y + h / 2, 0.5], [x + h, y, 0.5]] as InkPoint[] };
    case 'note':
      return { rect: [x - NOTE_SIZE / 2, y - NOTE_SIZE * 0.3, x + NOTE_SIZE / 2, y + NOTE_SIZE * 0.3] };
    default:
      return { rect: [x - h, y - h * 0.75, x + h, y + h * 0.75] };
  }
}

const boundsCache = new WeakMap<Annotation, Rect>();

/**
 * The user-space box an annotation's pixels can touch: its geometry's bounds widened by the line
 * width and, for marks drawn upright (stamps, pins), by their size on every side (they keep
 * upright on a rotated page, so either axis may be the long one). Cached per record object.
 */
export function annotationBounds(a: Annotation): Rect {
  const cached = boundsCache.get(a);
  if (cached) return cached;
  const [x1, y1, x2, y2] = geometryBounds(a.geometry);
  let pad = a.style.width * 2 + 2;
  if (a.kind === 'ink') pad = a.style.width * 1.6 + 2;
  if (a.kind === 'arrow') pad = 4 * a.style.width + 8;
  if (a.kind === 'pin') pad = PIN_RADIUS * 3.2;
  if (a.kind === 'stamp') {
    const chars = 6 + String(a.stamp?.number ?? '').length;
    pad = ((chars + 2) * STAMP_FONT_SIZE) / 2;
  }
  const out: Rect = [x1 - pad, y1 - pad, x2 + pad, y2 + pad];
  boundsCache.set(a, out);
  return out;
}

/** Whether two normalised rectangles overlap. */
export function intersects(a: Rect, b: Rect): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The union of normalised rectangles, or `undefined` for none. */
export function unionRect(rects: readonly Rect[]): Rect | undefined {
  if (rects.length === 0) return undefined;
  let [x1, y1, x2, y2] = rects[0]!;
  for (const r of rects) {
    x1 = Math.min(x1, r[0]);
    y1 = Math.min(y1, r[1]);
    x2 = Math.max(x2, r[2]);
    y2 = Math.max(y2, r[3]);
  }
  return [x1, y1, x2, y2];
}

function distanceToSegment(p: readonly [number, number], a: readonly [number, number], b: readonly [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Whether `point` (user space) is on annotation `a`, within `tolerance` user units. */
export function hits(a: Annotation, point: readonly [number, number], tolerance: number): boolean {
  const b = annotationBounds(a);
  if (point[0] < b[0] - tolerance || point[0] > b[2] + tolerance || point[1] < b[1] - tolerance || point[1] > b[3] + tolerance) return false;
  switch (a.kind) {
    case 'arrow':
      return distanceToSegment(point, a.geometry.from, a.geometry.to) <= tolerance + a.style.width;
    case 'ink': {
      const pts = a.geometry.points;
      if (pts.length === 1) return Math.hypot(point[0] - pts[0]![0], point[1] - pts[0]![1]) <= tolerance + a.style.width;
      for (let i = 1; i < pts.length; i++) {
        if (distanceToSegment(point, [pts[i - 1]![0], pts[i - 1]![1]], [pts[i]![0], pts[i]![1]]) <= tolerance + a.style.width) return true;
      }
      return false;
    }
    default:
      return true; // boxes, stamps and pins are picked anywhere inside their bounds
  }
}

/** The topmost annotation at `point` (the last drawn wins), if any. */
export function hitTest(annotations: readonly Annotation[], point: readonly [number, number], tolerance: number): Annotation | undefined {
  for (let i = annotations.length - 1; i >= 0; i--) if (hits(annotations[i]!, point, tolerance)) return annotations[i];
  return undefined;
}
