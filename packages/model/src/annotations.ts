/**
 * Annotations: marks on a page of an evidence item. Geometry is stored in PDF user space of the
 * *unrotated* page (points, y up, as pdf.js's annotation layer does), never in screen pixels, so a
 * mark stays where it was put at any zoom, rotation or screen size. Images and stills use their
 * pixel grid as user space.
 *
 * A record is a Y.Map with one field per independently editable property: `geometry` (moved and
 * resized), `style` (recoloured), `text` (edited). Two venues moving and recolouring the same mark
 * at once both win.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { newId } from './ids.js';
import type { LocalOrigin } from './origins.js';
import { createRecord, readCollection, recordMap, writeFields } from './records.js';
import { roots } from './schema.js';
import {
  checkInput,
  idSchema,
  InvalidInputError,
  isCoord,
  langSchema,
  MAX_INK_POINTS,
  MAX_QUADS,
  pageSchema,
  pointSchema,
  readRecord,
  rectSchema,
  textSchema,
  timeSchema,
  titleSchema,
  colorSchema,
  type InvalidRecord,
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

/**
 * Ink strokes and highlight quads are the bulk of a room's numbers, so they are checked with
 * plain loops that allocate nothing (a valibot tuple per point made reading a 10k-mark room
 * several times slower). The checked value is returned as is.
 */
function isNumberTuples(value: unknown, width: number, min: number, max: number, check: (tuple: unknown[]) => boolean): boolean {
  if (!Array.isArray(value) || value.length < min || value.length > max) return false;
  for (let i = 0; i < value.length; i++) {
    const tuple: unknown = value[i];
    if (!Array.isArray(tuple) || tuple.length !== width || !check(tuple)) return false;
  }
  return true;
}
const inkPointsSchema = v.custom<InkPoint[]>(
  (value) =>
    isNumberTuples(value, 3, 1, MAX_INK_POINTS, (p) => isCoord(p[0]) && isCoord(p[1]) && typeof p[2] === 'number' && p[2] >= 0 && p[2] <= 1),
  `ink needs 1 to ${MAX_INK_POINTS} points [x, y, pressure 0..1] with finite coordinates`,
);
const quadsSchema = v.custom<Quad[]>(
  (value) => isNumberTuples(value, 8, 1, MAX_QUADS, (q) => q.every(isCoord)),
  `a highlight needs 1 to ${MAX_QUADS} quads of 8 finite coordinates`,
);

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

/** The stored annotation record. */
export const annotationSchema = v.variant('kind', [
  kindSchema('highlight'),
  kindSchema('rect'),
  kindSchema('ellipse'),
  kindSchema('callout'),
  kindSchema('note'),
  kindSchema('arrow'),
  kindSchema('ink'),
  kindSchema('pin'),
  kindSchema('stamp'),
]);

type StoredAnnotation = v.InferOutput<typeof annotationSchema>;
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

/** Reading filter. */
export interface AnnotationQuery {
  evidenceId?: string;
  page?: number;
}

/**
 * Reads the valid annotations (optionally of one evidence item or page), oldest first.
 * Annotations whose evidence does not exist, or whose page is beyond the evidence's page count,
 * are reported and skipped.
 */
export function readAnnotations(doc: Y.Doc, query: AnnotationQuery = {}, report?: (invalid: InvalidRecord) => void): Annotation[] {
  const { annotations, evidence } = roots(doc);
  const pagesOf = new Map<string, number>();
  evidence.forEach((map, id) => {
    const pages = map instanceof Y.Map ? map.get('pages') : undefined;
    if (typeof pages === 'number') pagesOf.set(id, pages);
  });
  const filtered = query.evidenceId !== undefined || query.page !== undefined;
  const entries = [...annotations.entries()].filter(([, map]) =>
    map instanceof Y.Map
      ? (query.evidenceId === undefined || map.get('evidenceId') === query.evidenceId) && (query.page === undefined || map.get('page') === query.page)
      : !filtered, // what is not a record map is reported by unfiltered reads only
  );
  const out: Annotation[] = [];
  for (const annotation of readCollection(entries, annotationSchema, 'annotations', report).values()) {
    const pages = pagesOf.get(annotation.evidenceId);
    if (pages === undefined) report?.({ collection: 'annotations', id: annotation.id, issues: ['points at missing evidence'] });
    else if (annotation.page > pages) report?.({ collection: 'annotations', id: annotation.id, issues: ['page beyond the evidence'] });
    else out.push(annotation);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Reads one annotation, or `undefined` when absent, invalid, or pointing at no evidence page. */
export function readAnnotation(doc: Y.Doc, id: string): Annotation | undefined {
  const { annotations, evidence } = roots(doc);
  const result = readRecord(annotationSchema, annotations.get(id), id);
  if (!result.ok || result.value.id !== id) return undefined;
  const record = evidence.get(result.value.evidenceId);
  const pages = record instanceof Y.Map ? record.get('pages') : undefined;
  return typeof pages === 'number' && result.value.page <= pages ? result.value : undefined;
}

function checkNew(input: NewAnnotation): StoredAnnotation extends infer T ? Omit<T, 'author' | 'authorName' | 'venue' | 'createdAt' | 'modifiedAt'> : never {
  const probe = {
    ...input,
    id: input.id ?? 'probe',
    style: input.style ?? DEFAULT_STYLES[input.kind as AnnotationKind] ?? DEFAULT_STYLES.rect,
    author: 'probe',
    authorName: '',
    venue: 'probe',
    createdAt: 0,
    modifiedAt: 0,
  };
  return checkInput('addAnnotation', annotationSchema, probe);
}

/** Adds an annotation; returns its id. */
export function addAnnotation<K extends AnnotationKind>(doc: Y.Doc, input: NewAnnotation<K>, origin: LocalOrigin): string {
  const checked = checkNew(input as NewAnnotation);
  const { annotations, evidence } = roots(doc);
  const evidenceMap = recordMap(evidence, checked.evidenceId);
  if (!evidenceMap) throw new InvalidInputError('addAnnotation', [`no evidence ${checked.evidenceId}`]);
  const pages = evidenceMap.get('pages');
  if (typeof pages === 'number' && checked.page > pages) throw new InvalidInputError('addAnnotation', [`page ${checked.page} > ${pages}`]);
  const id = input.id ?? newId();
  if (annotations.has(id)) throw new InvalidInputError('addAnnotation', [`annotation ${id} exists`]);
  const now = origin.now();
  // No text means no language; '' is the same as no text (as in setAnnotationText).
  const text = checked.text === '' ? undefined : checked.text;
  doc.transact(() => {
    createRecord(annotations, id, {
      ...checked,
      text,
      lang: text === undefined ? undefined : checked.lang,
      id,
      author: origin.actor.userId,
      authorName: origin.actor.name,
      venue: origin.actor.venue,
      createdAt: now,
      modifiedAt: now,
    });
  }, origin);
  return id;
}

function requireMap(doc: Y.Doc, id: string, operation: string): Y.Map<unknown> {
  const map = recordMap(roots(doc).annotations, id);
  if (!map) throw new InvalidInputError(operation, [`no annotation ${id}`]);
  return map;
}

/** Translates every coordinate of a geometry by (dx, dy). */
export function translateGeometry<G extends Geometry>(geometry: G, dx: number, dy: number): G {
  const g = geometry as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(g)) {
    if (key === 'rect') {
      const [x1, y1, x2, y2] = value as Rect;
      out[key] = [x1 + dx, y1 + dy, x2 + dx, y2 + dy];
    } else if (key === 'from' || key === 'to' || key === 'at') {
      const [x, y] = value as Point;
      out[key] = [x + dx, y + dy];
    } else if (key === 'quads') {
      out[key] = (value as Quad[]).map((q) => q.map((n, i) => n + (i % 2 === 0 ? dx : dy)));
    } else if (key === 'points') {
      out[key] = (value as InkPoint[]).map(([x, y, p]) => [x + dx, y + dy, p]);
    } else out[key] = value;
  }
  return out as G;
}

/** The bounding box of a geometry. */
export function geometryBounds(geometry: Geometry): Rect {
  const xs: number[] = [];
  const ys: number[] = [];
  const g = geometry as Partial<Record<'rect' | 'from' | 'to' | 'at' | 'quads' | 'points', unknown>>;
  const add = (x: number, y: number) => {
    xs.push(x);
    ys.push(y);
  };
  if (g.rect) {
    const [x1, y1, x2, y2] = g.rect as Rect;
    add(x1, y1);
    add(x2, y2);
  }
  for (const key of ['from', 'to', 'at'] as const) if (g[key]) add(...(g[key] as Point));
  if (g.quads) for (const q of g.quads as Quad[]) for (let i = 0; i < 8; i += 2) add(q[i]!, q[i + 1]!);
  if (g.points) for (const [x, y] of g.points as InkPoint[]) add(x, y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The schema of the geometry of the record's kind (`undefined` for an unknown kind). */
function geometrySchemaOf(map: Y.Map<unknown>): v.GenericSchema | undefined {
  const kind = map.get('kind');
  return typeof kind === 'string' && Object.hasOwn(geometrySchemas, kind) ? geometrySchemas[kind as AnnotationKind] : undefined;
}

/**
 * Moves an annotation by (dx, dy) points. Only the geometry is read and checked: a move is the
 * most frequent write in a session (every drag), so it does not validate the whole record.
 */
export function moveAnnotation(doc: Y.Doc, id: string, dx: number, dy: number, origin: LocalOrigin): void {
  const map = requireMap(doc, id, 'moveAnnotation');
  const schema = geometrySchemaOf(map);
  const current = map.get('geometry');
  if (!schema || !v.is(schema, current)) throw new InvalidInputError('moveAnnotation', [`annotation ${id} has no valid geometry`]);
  const moved = translateGeometry(current as Geometry, dx, dy);
  // Built here from checked numbers, so only the range needs checking again.
  if (!v.is(schema, moved)) throw new InvalidInputError('moveAnnotation', ['the move leaves the allowed coordinate range']);
  writeGeometry(doc, map, moved, origin);
}

function writeGeometry(doc: Y.Doc, map: Y.Map<unknown>, geometry: Geometry, origin: LocalOrigin): void {
  doc.transact(() => {
    map.set('geometry', geometry);
    map.set('modifiedAt', origin.now());
  }, origin);
}

/** Replaces an annotation's geometry (resize, reshape); checked against its kind. */
export function setAnnotationGeometry(doc: Y.Doc, id: string, geometry: Geometry, origin: LocalOrigin): void {
  const map = requireMap(doc, id, 'setAnnotationGeometry');
  const schema = geometrySchemaOf(map);
  if (!schema) throw new InvalidInputError('setAnnotationGeometry', [`unknown kind ${String(map.get('kind'))}`]);
  writeGeometry(doc, map, checkInput('setAnnotationGeometry', schema, geometry) as Geometry, origin);
}

/** Changes colour, width or opacity. */
export function restyleAnnotation(doc: Y.Doc, id: string, style: Partial<Style>, origin: LocalOrigin): void {
  const map = requireMap(doc, id, 'restyleAnnotation');
  const current = v.safeParse(styleSchema, map.get('style'));
  const base = current.success ? current.output : DEFAULT_STYLES[(map.get('kind') as AnnotationKind) ?? 'rect'] ?? DEFAULT_STYLES.rect;
  const next = checkInput('restyleAnnotation', styleSchema, { ...base, ...style });
  doc.transact(() => writeFields(map, { style: next, modifiedAt: origin.now() }), origin);
}

/** Sets (or with `''`, clears) an annotation's text; `lang` records the language it was written in. */
export function setAnnotationText(doc: Y.Doc, id: string, text: string, origin: LocalOrigin, lang?: string): void {
  const map = requireMap(doc, id, 'setAnnotationText');
  checkInput('setAnnotationText', textSchema, text);
  if (lang !== undefined) checkInput('setAnnotationText', langSchema, lang);
  doc.transact(() => writeFields(map, { text: text === '' ? undefined : text, lang: text === '' ? undefined : lang, modifiedAt: origin.now() }), origin);
}

/** Sets a stamp's code and number. */
export function setStamp(doc: Y.Doc, id: string, stamp: Stamp, origin: LocalOrigin): void {
  const map = requireMap(doc, id, 'setStamp');
  if (map.get('kind') !== 'stamp') throw new InvalidInputError('setStamp', ['not a stamp']);
  const checked = checkInput('setStamp', stampSchema, stamp);
  doc.transact(() => writeFields(map, { stamp: checked, modifiedAt: origin.now() }), origin);
}

/** Removes an annotation. */
export function removeAnnotation(doc: Y.Doc, id: string, origin: LocalOrigin): void {
  doc.transact(() => roots(doc).annotations.delete(id), origin);
}
