/**
 * Marks not (yet) in the document: previews of a gesture, peers' strokes in progress, a mark
 * being dragged or resized. Pure functions from a gesture to an {@link Annotation}-shaped value
 * the painter draws like any stored mark.
 */
import {
  DEFAULT_STYLES,
  translateGeometry,
  type Annotation,
  type AnnotationKind,
  type Geometry,
  type Rect,
  type Stamp,
  type Style,
} from '@huishen/model';
import { cssRectToPdf, cssToPdf, pdfRectToCss, pdfToCss, type PageGeometry } from '../pdf/geometry.js';

/** An annotation-shaped value for drawing only (never written). */
export function draftAnnotation(kind: AnnotationKind, page: number, geometry: Geometry, style: Style, extra: { id?: string; stamp?: Stamp; text?: string } = {}): Annotation {
  return {
    id: extra.id ?? 'draft',
    evidenceId: 'draft',
    page,
    kind,
    geometry,
    style,
    author: 'draft',
    authorName: '',
    venue: 'draft',
    createdAt: 0,
    modifiedAt: 0,
    ...(kind === 'stamp' ? { stamp: extra.stamp ?? { code: 'exhibit' } } : {}),
    ...(extra.text ? { text: extra.text } : {}),
  } as Annotation;
}

/** The style of a new mark: the kind's default, with the chosen colour and width when set. */
export function styleFor(kind: AnnotationKind, color: string, width: number): Style {
  const base = DEFAULT_STYLES[kind];
  return { ...base, color: /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : base.color, width: width > 0 ? Math.min(100, Math.max(0.1, width)) : base.width };
}

/** A screen (CSS pixel) offset as a user-space offset on a page shown with `geometry`. */
export function cssDeltaToUser(geometry: PageGeometry, dx: number, dy: number): [number, number] {
  const [ax, ay] = cssToPdf(geometry, [0, 0]);
  const [bx, by] = cssToPdf(geometry, [dx, dy]);
  return [bx - ax, by - ay];
}

/** Kinds whose size can be changed (by the corner handle or Alt+arrows). */
export function isResizable(kind: AnnotationKind): boolean {
  return kind === 'rect' || kind === 'ellipse' || kind === 'callout' || kind === 'note' || kind === 'arrow';
}

/**
 * Where the resize handle of `a` is, in CSS pixels of the page box: the bottom-right corner of a
 * box as shown (whatever the rotation), or an arrow's head.
 */
export function handlePoint(a: Annotation, geometry: PageGeometry): [number, number] | undefined {
  if (a.kind === 'arrow') return pdfToCss(geometry, a.geometry.to);
  if (a.kind === 'rect' || a.kind === 'ellipse' || a.kind === 'callout' || a.kind === 'note') {
    const box = pdfRectToCss(geometry, a.geometry.rect);
    return [box.left + box.width, box.top + box.height];
  }
  return undefined;
}

/**
 * The geometry of `a` with its handle dragged to `to` (CSS pixels of the page box): the box's
 * shown top-left corner stays, or the arrow's tail.
 */
export function resizedGeometry(a: Annotation, geometry: PageGeometry, to: readonly [number, number]): Geometry | undefined {
  if (a.kind === 'arrow') return { from: a.geometry.from, to: cssToPdf(geometry, to) };
  if (a.kind === 'rect' || a.kind === 'ellipse' || a.kind === 'callout' || a.kind === 'note') {
    const box = pdfRectToCss(geometry, a.geometry.rect);
    const left = Math.min(box.left, to[0]);
    const top = Math.min(box.top, to[1]);
    const rect: Rect = cssRectToPdf(geometry, { left, top, width: Math.max(2, Math.abs(to[0] - box.left)), height: Math.max(2, Math.abs(to[1] - box.top)) });
    return { rect };
  }
  return undefined;
}

/** The geometry of `a` moved by a CSS pixel offset. */
export function movedGeometry(a: Annotation, geometry: PageGeometry, dx: number, dy: number): Geometry {
  const [ux, uy] = cssDeltaToUser(geometry, dx, dy);
  return translateGeometry(a.geometry, ux, uy);
}

/** `point` (user space) kept inside the page's view box. */
export function clampToPage(geometry: PageGeometry, point: readonly [number, number]): [number, number] {
  const [x1, y1, x2, y2] = geometry.view;
  return [Math.min(Math.max(x1, x2), Math.max(Math.min(x1, x2), point[0])), Math.min(Math.max(y1, y2), Math.max(Math.min(y1, y2), point[1]))];
}
