/**
 * Annotations: marks on a page of an evidence item. Geometry is stored in PDF user space of the
 * *unrotated* page (points, y up, as pdf.js's annotation layer does), never in screen pixels, so a
 * mark stays where it was put at any zoom, rotation or screen size. Images and stills use their
 * pixel grid as user space.
 *
 * This module holds the operations and re-exports the record's schema (`annotation-schema.ts`)
 * and readers (`annotation-read.ts`). A record is a Y.Map holding the record as created (`core`)
 * and, once edited, one key per independently editable property (`geometry`, `style`, `text`,
 * `stamp`); see `annotation-store.ts` for the encoding and why. Two venues moving and recolouring
 * the same mark at once both win.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { checkRecord, readStored } from './annotation-read.js';
import {
  annotationSchema,
  DEFAULT_STYLES,
  geometrySchemas,
  stampSchema,
  styleSchema,
  type Annotation,
  type AnnotationKind,
  type Geometry,
  type InkPoint,
  type NewAnnotation,
  type Point,
  type Quad,
  type Rect,
  type Stamp,
  type StoredAnnotation,
  type Style,
} from './annotation-schema.js';
import { CORE_KEY, encodeCore, encodeEdit, encodeGeometryEdit, GEOMETRY_KEY, type JsonEditKey } from './annotation-store.js';
import { newId } from './ids.js';
import type { LocalOrigin } from './origins.js';
import { createRecord, recordMap } from './records.js';
import { roots } from './schema.js';
import { checkInput, InvalidInputError, langSchema, textSchema } from './validate.js';

export * from './annotation-schema.js';
export { annotationFromStored, readAnnotation, readAnnotationRecord, readAnnotations, type AnnotationQuery } from './annotation-read.js';

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
  const record = {
    ...checked,
    text,
    lang: text === undefined ? undefined : checked.lang,
    id,
    author: origin.actor.userId,
    authorName: origin.actor.name,
    venue: origin.actor.venue,
    createdAt: now,
    modifiedAt: now,
  };
  doc.transact(() => createRecord(annotations, id, { [CORE_KEY]: encodeCore(record) }), origin);
  return id;
}

/** A record about to be edited: its map, its current fields, and whether it is still schema 1. */
interface Editable {
  map: Y.Map<unknown>;
  fields: Record<string, unknown>;
  legacy: Annotation | undefined;
}

function editable(doc: Y.Doc, id: string, operation: string): Editable {
  const map = recordMap(roots(doc).annotations, id);
  if (!map) throw new InvalidInputError(operation, [`no annotation ${id}`]);
  const decoded = readStored(map);
  if (!decoded.ok) throw new InvalidInputError(operation, [`annotation ${id} is unreadable: ${decoded.issues.join('; ')}`]);
  if (map.has(CORE_KEY)) return { map, fields: decoded.fields, legacy: undefined };
  // A schema-1 record is rewritten as schema 2 by the edit itself; only a valid one can be.
  const legacy = checkRecord(decoded, id);
  if (!legacy.ok) throw new InvalidInputError(operation, [`annotation ${id} is invalid: ${legacy.issues.join('; ')}`]);
  return { map, fields: decoded.fields, legacy: legacy.value };
}

/**
 * Rewrites a schema-1 record map as schema 2, in place (the same map, so concurrent edits of it
 * still land): every field key is removed and the record goes into `core`.
 */
export function upgradeAnnotationRecord(map: Y.Map<unknown>, record: Annotation): void {
  for (const key of [...map.keys()]) map.delete(key);
  map.set(CORE_KEY, encodeCore(record));
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes one edit key with the edit's time (which becomes `modifiedAt`). An edit that changes
 * nothing writes nothing, so it cannot overwrite someone else's concurrent edit of that key.
 */
function writeEdit(doc: Y.Doc, target: Editable, key: JsonEditKey | typeof GEOMETRY_KEY, value: unknown, current: unknown, origin: LocalOrigin): void {
  if (sameJson(value, current)) return;
  doc.transact(() => {
    if (target.legacy) upgradeAnnotationRecord(target.map, target.legacy);
    const at = origin.now();
    target.map.set(key, key === GEOMETRY_KEY ? encodeGeometryEdit(String(target.fields['kind']), value as Geometry, at) : encodeEdit(at, value));
  }, origin);
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

/** The schema of the geometry of `kind` (`undefined` for an unknown kind). */
function geometrySchemaOf(kind: unknown): v.GenericSchema | undefined {
  return typeof kind === 'string' && Object.hasOwn(geometrySchemas, kind) ? geometrySchemas[kind as AnnotationKind] : undefined;
}

/**
 * Moves an annotation by (dx, dy) points. Only the geometry is read and checked: a move is the
 * most frequent write in a session (every drag), so it does not validate the whole record.
 */
export function moveAnnotation(doc: Y.Doc, id: string, dx: number, dy: number, origin: LocalOrigin): void {
  const target = editable(doc, id, 'moveAnnotation');
  const schema = geometrySchemaOf(target.fields['kind']);
  const current = target.fields['geometry'];
  if (!schema || !v.is(schema, current)) throw new InvalidInputError('moveAnnotation', [`annotation ${id} has no valid geometry`]);
  const moved = translateGeometry(current as Geometry, dx, dy);
  // Built here from checked numbers, so only the range needs checking again.
  if (!v.is(schema, moved)) throw new InvalidInputError('moveAnnotation', ['the move leaves the allowed coordinate range']);
  writeEdit(doc, target, 'geometry', moved, current, origin);
}

/** Replaces an annotation's geometry (resize, reshape); checked against its kind. */
export function setAnnotationGeometry(doc: Y.Doc, id: string, geometry: Geometry, origin: LocalOrigin): void {
  const target = editable(doc, id, 'setAnnotationGeometry');
  const schema = geometrySchemaOf(target.fields['kind']);
  if (!schema) throw new InvalidInputError('setAnnotationGeometry', [`unknown kind ${String(target.fields['kind'])}`]);
  const checked = checkInput('setAnnotationGeometry', schema, geometry) as Geometry;
  writeEdit(doc, target, 'geometry', checked, target.fields['geometry'], origin);
}

/** Changes colour, width or opacity. */
export function restyleAnnotation(doc: Y.Doc, id: string, style: Partial<Style>, origin: LocalOrigin): void {
  const target = editable(doc, id, 'restyleAnnotation');
  const current = v.safeParse(styleSchema, target.fields['style']);
  const base = current.success ? current.output : (DEFAULT_STYLES[target.fields['kind'] as AnnotationKind] ?? DEFAULT_STYLES.rect);
  const next = checkInput('restyleAnnotation', styleSchema, { ...base, ...style });
  writeEdit(doc, target, 'style', next, target.fields['style'], origin);
}

/** Sets (or with `''`, clears) an annotation's text; `lang` records the language it was written in. */
export function setAnnotationText(doc: Y.Doc, id: string, text: string, origin: LocalOrigin, lang?: string): void {
  const target = editable(doc, id, 'setAnnotationText');
  checkInput('setAnnotationText', textSchema, text);
  if (lang !== undefined) checkInput('setAnnotationText', langSchema, lang);
  const next = text === '' ? {} : lang === undefined ? { text } : { text, lang };
  const { text: currentText, lang: currentLang } = target.fields;
  const current = currentText === undefined ? {} : currentLang === undefined ? { text: currentText } : { text: currentText, lang: currentLang };
  writeEdit(doc, target, 'text', next, current, origin);
}

/** Sets a stamp's code and number. */
export function setStamp(doc: Y.Doc, id: string, stamp: Stamp, origin: LocalOrigin): void {
  const target = editable(doc, id, 'setStamp');
  if (target.fields['kind'] !== 'stamp') throw new InvalidInputError('setStamp', ['not a stamp']);
  const checked = checkInput('setStamp', stampSchema, stamp);
  writeEdit(doc, target, 'stamp', checked, target.fields['stamp'], origin);
}

/** Removes an annotation. */
export function removeAnnotation(doc: Y.Doc, id: string, origin: LocalOrigin): void {
  doc.transact(() => roots(doc).annotations.delete(id), origin);
}
