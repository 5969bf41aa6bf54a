/**
 * The annotation record: its kinds, geometry, style, quote and stamp, and the valibot schemas that
 * are the reference for what a valid record is (readers take a faster path first, see
 * `annotation-check.ts`). Re-exported by `annotations.ts`.
 */
import * as v from 'valibot';
import { isInkPoints, isQuads } from './annotation-check.js';
import {
  colorSchema,
  idSchema,
  langSchema,
  MAX_INK_POINTS,
  MAX_QUADS,
  pageSchema,
  pointSchema,
  rectSchema,
  textSchema,
  timeSchema,
  titleSchema,
} from './validate.js';

export const ANNOTATION_KINDS = ['highlight', 'rect', 'ellipse', 'arrow', 'ink', 'note', 'pin', 'stamp', 'callout'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** Exhibit stamps. The label shown comes from the i18n layer (证据编号, 已出示, 已质证, …). */
export const STAMP_CODES = ['exhibit', 'shown', 'examined', 'disputed', 'key'] as const;
export type StampCode = (typeof STAMP_CODES)[number];

/** Simplified-Chinese stamp labels, used where no i18n layer exists (exports). */
export const STAMP_LABELS_ZH: Readonly<Record<StampCode, string>> = {
  exhibit: '证据编号',
  shown: '已出示',
  examined: '已质证',
  disputed: '有异议',
  key: '重点',
};

export type Point = [number, number];
export type Rect = [number, number, number, number];
/**
 * Eight numbers: the four corners of one highlighted line as a PDF QuadPoints entry writes them
 * (as Acrobat does): top-left, top-right, bottom-left, bottom-right.
 */
export type Quad = [number, number, number, number, number, number, number, number];
/** `[x, y, pressure]`, pressure in 0..1 (0.5 when the device reports none). */
export type InkPoint = [number, number, number];

// Ink strokes and highlight quads are checked with plain loops that allocate nothing (a valibot
// tuple per point made reading a 10k-mark room several times slower).
const inkPointsSchema = v.custom<InkPoint[]>(isInkPoints, `ink needs 1 to ${MAX_INK_POINTS} points [x, y, pressure 0..1] with finite coordinates`);
const quadsSchema = v.custom<Quad[]>(isQuads, `a highlight needs 1 to ${MAX_QUADS} quads of 8 finite coordinates`);

/** Geometry of each kind. */
export const geometrySchemas = {
  highlight: v.object({ quads: quadsSchema }),
  rect: v.object({ rect: rectSchema }),
  ellipse: v.object({ rect: rectSchema }),
  callout: v.object({ rect: rectSchema }),
  note: v.object({ rect: rectSchema }),
  arrow: v.object({ from: pointSchema, to: pointSchema }),
  ink: v.object({ points: inkPointsSchema }),
  pin: v.object({ at: pointSchema }),
  stamp: v.object({ at: pointSchema }),
} as const satisfies Record<AnnotationKind, v.GenericSchema>;

export type Geometry<K extends AnnotationKind = AnnotationKind> = v.InferOutput<(typeof geometrySchemas)[K]>;

export const styleSchema = v.object({
  color: colorSchema,
  /** Stroke width in PDF points. */
  width: v.pipe(v.number(), v.finite(), v.minValue(0.1), v.maxValue(100)),
  opacity: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)),
});
export type Style = v.InferOutput<typeof styleSchema>;

/** Default style per kind. */
export const DEFAULT_STYLES: Readonly<Record<AnnotationKind, Style>> = {
  highlight: { color: '#ffd400', width: 1, opacity: 0.4 },
  rect: { color: '#e53935', width: 2, opacity: 1 },
  ellipse: { color: '#e53935', width: 2, opacity: 1 },
  arrow: { color: '#e53935', width: 2, opacity: 1 },
  ink: { color: '#1e88e5', width: 2, opacity: 1 },
  note: { color: '#fbc02d', width: 1, opacity: 1 },
  pin: { color: '#8e24aa', width: 1, opacity: 1 },
  stamp: { color: '#c62828', width: 2, opacity: 1 },
  callout: { color: '#00897b', width: 2, opacity: 1 },
};

/** A W3C-style text-quote anchor for highlights: the exact text and a little context. */
export const quoteSchema = v.object({
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(10_000)),
  prefix: v.optional(v.pipe(v.string(), v.maxLength(200))),
  suffix: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
export type TextQuote = v.InferOutput<typeof quoteSchema>;

export const stampSchema = v.object({
  code: v.picklist(STAMP_CODES),
  number: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999_999))),
});
export type Stamp = v.InferOutput<typeof stampSchema>;

const baseEntries = {
  id: idSchema,
  evidenceId: idSchema,
  page: pageSchema,
  style: styleSchema,
  text: v.optional(textSchema),
  lang: v.optional(langSchema),
  author: idSchema,
  authorName: titleSchema,
  venue: idSchema,
  createdAt: timeSchema,
  modifiedAt: timeSchema,
};

function kindSchema<K extends AnnotationKind>(kind: K) {
  return v.object({
    ...baseEntries,
    kind: v.literal(kind),
    geometry: geometrySchemas[kind],
    quote: kind === 'highlight' ? v.optional(quoteSchema) : v.optional(v.never()),
    stamp: kind === 'stamp' ? stampSchema : v.optional(v.never()),
  });
}

/** The record schema of each kind (what `annotationSchema` picks from by `kind`). */
export const annotationSchemasByKind = {
  highlight: kindSchema('highlight'),
  rect: kindSchema('rect'),
  ellipse: kindSchema('ellipse'),
  callout: kindSchema('callout'),
  note: kindSchema('note'),
  arrow: kindSchema('arrow'),
  ink: kindSchema('ink'),
  pin: kindSchema('pin'),
  stamp: kindSchema('stamp'),
} as const satisfies Record<AnnotationKind, v.GenericSchema>;

/** The stored annotation record. */
export const annotationSchema = v.variant('kind', [
  annotationSchemasByKind.highlight,
  annotationSchemasByKind.rect,
  annotationSchemasByKind.ellipse,
  annotationSchemasByKind.callout,
  annotationSchemasByKind.note,
  annotationSchemasByKind.arrow,
  annotationSchemasByKind.ink,
  annotationSchemasByKind.pin,
  annotationSchemasByKind.stamp,
]);

export type StoredAnnotation = v.InferOutput<typeof annotationSchema>;
/** An annotation as read from the room. */
export type Annotation<K extends AnnotationKind = AnnotationKind> = Extract<StoredAnnotation, { kind: K }>;

/** What a caller gives to add an annotation; author, venue and times come from the origin. */
export interface NewAnnotation<K extends AnnotationKind = AnnotationKind> {
  id?: string;
  evidenceId: string;
  page: number;
  kind: K;
  geometry: Geometry<K>;
  style?: Style;
  text?: string;
  lang?: string;
  quote?: TextQuote;
  stamp?: Stamp;
}
