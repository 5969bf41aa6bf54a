/**
 * Page geometry: the one place that converts between PDF user space of the *unrotated* page (the
 * space annotations and presence are stored in; points, y up) and CSS pixels of a page box as the
 * viewer lays it out (origin at the box's top-left, y down) at any scale and rotation.
 *
 * How to think about it: a page has a view box `[x1, y1, x2, y2]` (pdf.js's `page.view`, the
 * CropBox clipped to the MediaBox; the origin need not be 0,0). Converting is two steps:
 *
 * 1. flip and scale into the *unrotated* box: `u = (x − x1)·s`, `v = (y2 − y)·s`;
 * 2. turn that box clockwise by the rotation (0/90/180/270) about its top-left corner and move
 *    it back into the positive quadrant.
 *
 * The inverse undoes step 2 then step 1. Every layer (canvas, text, annotations, cursors) uses
 * this module, so a mark drawn at one zoom and rotation lands on the same spot at every other.
 * Images use their pixel grid as user space with y down; give them `yDown: true`.
 */

/** A point `[x, y]`. */
export type GeometryPoint = readonly [number, number];

/** A rectangle in PDF user space, `[x1, y1, x2, y2]` (any corner order). */
export type PdfRect = readonly [number, number, number, number];

/** A rectangle in CSS pixels of the page box. */
export interface CssRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** A rotation the viewer supports, clockwise in degrees. */
export type Rotation = 0 | 90 | 180 | 270;

/** How one page is shown: what the conversions need. */
export interface PageGeometry {
  /** The page's view box in user space, `[x1, y1, x2, y2]` (pdf.js `page.view`). */
  readonly view: PdfRect;
  /** CSS pixels per user-space unit (for PDFs: zoom × 96/72 × UserUnit). */
  readonly scale: number;
  /** Total clockwise rotation of the shown page: the page's own `/Rotate` plus the view's. */
  readonly rotation: number;
  /**
   * True when user space has y growing downwards (images and camera stills, whose user space is
   * their pixel grid). PDFs have y up, the default.
   */
  readonly yDown?: boolean;
}

/** CSS pixels per PDF point at 100 % zoom: PDF points are 1/72 in, CSS pixels 1/96 in. */
export const PDF_TO_CSS_UNITS = 96 / 72;

/** `rotation` brought into 0, 90, 180 or 270 (multiples of 90 only; others round to the nearest). */
export function normalizeRotation(rotation: number): Rotation {
  const quarter = Math.round((Number.isFinite(rotation) ? rotation : 0) / 90);
  return ((((quarter % 4) + 4) % 4) * 90) as Rotation;
}

/** Width and height of the unrotated page in user units. */
function unrotatedSize(view: PdfRect): [number, number] {
  return [Math.abs(view[2] - view[0]), Math.abs(view[3] - view[1])];
}

/** Size of the page box in CSS pixels (width and height swap at 90 and 270 degrees). */
export function pageBoxSize(geometry: PageGeometry): { width: number; height: number } {
  const [w, h] = unrotatedSize(geometry.view);
  const swap = normalizeRotation(geometry.rotation) % 180 !== 0;
  return swap
    ? { width: h * geometry.scale, height: w * geometry.scale }
    : { width: w * geometry.scale, height: h * geometry.scale };
}

/** A user-space point → CSS pixels of the page box. */
export function pdfToCss(geometry: PageGeometry, point: GeometryPoint): [number, number] {
  const { view, scale } = geometry;
  const left = Math.min(view[0], view[2]);
  const bottom = Math.min(view[1], view[3]);
  const top = Math.max(view[1], view[3]);
  const [w, h] = unrotatedSize(view);
  const u = (point[0] - left) * scale;
  const v = (geometry.yDown ? point[1] - bottom : top - point[1]) * scale;
  const W = w * scale;
  const H = h * scale;
  switch (normalizeRotation(geometry.rotation)) {
    case 90:
      return [H - v, u];
    case 180:
      return [W - u, H - v];
    case 270:
      return [v, W - u];
    default:
      return [u, v];
  }
}

/** CSS pixels of the page box → a user-space point. */
export function cssToPdf(geometry: PageGeometry, point: GeometryPoint): [number, number] {
  const { view, scale } = geometry;
  const left = Math.min(view[0], view[2]);
  const bottom = Math.min(view[1], view[3]);
  const top = Math.max(view[1], view[3]);
  const [w, h] = unrotatedSize(view);
  const W = w * scale;
  const H = h * scale;
  const [a, b] = point;
  let u: number;
  let v: number;
  switch (normalizeRotation(geometry.rotation)) {
    case 90:
      [u, v] = [b, H - a];
      break;
    case 180:
      [u, v] = [W - a, H - b];
      break;
    case 270:
      [u, v] = [W - b, a];
      break;
    default:
      [u, v] = [a, b];
  }
  const x = left + u / scale;
  const y = geometry.yDown ? bottom + v / scale : top - v / scale;
  return [x, y];
}

/** A user-space rectangle → the CSS rectangle that covers it in the page box. */
export function pdfRectToCss(geometry: PageGeometry, rect: PdfRect): CssRect {
  const [ax, ay] = pdfToCss(geometry, [rect[0], rect[1]]);
  const [bx, by] = pdfToCss(geometry, [rect[2], rect[3]]);
  return { left: Math.min(ax, bx), top: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
}

/** A CSS rectangle of the page box → the normalised user-space rectangle `[x1, y1, x2, y2]` (x1 ≤ x2, y1 ≤ y2). */
export function cssRectToPdf(geometry: PageGeometry, rect: CssRect): [number, number, number, number] {
  const [ax, ay] = cssToPdf(geometry, [rect.left, rect.top]);
  const [bx, by] = cssToPdf(geometry, [rect.left + rect.width, rect.top + rect.height]);
  return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
}

/**
 * A CSS rectangle as percentages of the page box (`left`, `top`, `width`, `height` in 0–100),
 * for layers that position marks in percentages so that one CSS variable rescales them.
 */
export function cssRectToPercent(geometry: PageGeometry, rect: CssRect): CssRect {
  const box = pageBoxSize(geometry);
  return {
    left: (rect.left / box.width) * 100,
    top: (rect.top / box.height) * 100,
    width: (rect.width / box.width) * 100,
    height: (rect.height / box.height) * 100,
  };
}

/**
 * The CSS `transform` that turns a layer laid out for the *unrotated* page (top-left origin,
 * unrotated width × height) into the rotated page box; use with `transform-origin: 0 0`.
 */
export function rotationTransform(rotation: number): string {
  switch (normalizeRotation(rotation)) {
    case 90:
      return 'rotate(90deg) translateY(-100%)';
    case 180:
      return 'rotate(180deg) translate(-100%, -100%)';
    case 270:
      return 'rotate(270deg) translateX(-100%)';
    default:
      return 'none';
  }
}
