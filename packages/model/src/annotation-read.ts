/**
 * Reading annotations: stored values are decoded (`annotation-store.ts`), checked on the fast
 * path (`annotation-check.ts`) or against the schema, and matched with the evidence they point
 * at. Nothing here throws on what a peer wrote. Re-exported by `annotations.ts`.
 */
import * as Y from 'yjs';
import { createAnnotationCheck } from './annotation-check.js';
import { annotationSchema, annotationSchemasByKind, STAMP_CODES, type Annotation, type AnnotationKind } from './annotation-schema.js';
import { CORE_KEY, decodeAnnotation, type Decoded } from './annotation-store.js';
import { roots } from './schema.js';
import { hasForbiddenKeys, parseRecord, readFields, type InvalidRecord, type ReadResult } from './validate.js';

/** Reading filter. */
export interface AnnotationQuery {
  evidenceId?: string;
  page?: number;
}

/** The fast path of {@link annotationSchema} (see `annotation-check.ts`). */
const isCertainlyValid = createAnnotationCheck(new Set(STAMP_CODES));

type Wanted = (fields: Record<string, unknown>) => boolean;

const PROTOTYPE_KEY: Extract<Decoded, { ok: false }> = { ok: false, issues: ['contains a prototype key'] };

/**
 * The plain, not yet validated fields of a stored record: schema 2 (`core` plus edits, see
 * `annotation-store.ts`) or, in a room not yet migrated, schema 1 (one map key per field).
 * `undefined` when `wanted` refuses the record's fields as created (see `decodeAnnotation`).
 */
function storedFields(map: unknown, wanted?: Wanted): Decoded | undefined {
  if (!(map instanceof Y.Map)) return { ok: false, issues: ['record is not a map'] };
  const record = map as Y.Map<unknown>;
  if (record.has(CORE_KEY)) return decodeAnnotation((key) => record.get(key), wanted);
  const { fields, forbidden } = readFields(record);
  if (forbidden) return PROTOTYPE_KEY;
  // An ordinary object, as the fast validation path returns what it is given.
  return !wanted || wanted(fields) ? { ok: true, fields: { ...fields } } : undefined;
}

/** The plain fields of a record map, not yet validated (see `storedFields`). */
export const readStored = (map: unknown): Decoded => storedFields(map)!;

/**
 * The plain fields of an annotation from the plain values of its record map (as the server's
 * update inspection sees them before and after a change). Schema-1 fields are returned as they
 * are; the caller has screened them for prototype keys.
 */
export function annotationFromStored(stored: Readonly<Record<string, unknown>>): Decoded {
  if (stored[CORE_KEY] === undefined) return { ok: true, fields: { ...stored } };
  const decoded = decodeAnnotation((key) => (Object.hasOwn(stored, key) ? stored[key] : undefined))!;
  return decoded.ok && hasForbiddenKeys(decoded.fields) ? PROTOTYPE_KEY : decoded;
}

/**
 * Validates decoded fields as the record under key `id`. Never throws. Readers validate every
 * record of a room, so this is the hot path of a late join: a record the fast check accepts is
 * used as it is; any other goes through the kind's own schema (`annotationSchema` would try the
 * kinds one by one), which reports its issues and strips unknown keys.
 */
export function checkRecord(decoded: Decoded, id: string): ReadResult<Annotation> {
  if (!decoded.ok) return { ok: false, id, issues: decoded.issues };
  if (isCertainlyValid(decoded.fields)) {
    const value = decoded.fields as Annotation;
    return value.id === id ? { ok: true, value } : { ok: false, id, issues: ['id does not match key'] };
  }
  // Only known keys pass the fast path, so only here can a prototype key hide in the fields.
  if (hasForbiddenKeys(decoded.fields)) return { ok: false, id, issues: PROTOTYPE_KEY.issues };
  const kind = decoded.fields['kind'];
  const schema = typeof kind === 'string' && Object.hasOwn(annotationSchemasByKind, kind) ? annotationSchemasByKind[kind as AnnotationKind] : annotationSchema;
  const result = parseRecord(schema as typeof annotationSchema, decoded.fields, false, id);
  if (result.ok && result.value.id !== id) return { ok: false, id, issues: ['id does not match key'] };
  return result;
}

/** Page counts of the evidence items, for checking where annotations point. */
function pageCounts(doc: Y.Doc): Map<string, number> {
  const pagesOf = new Map<string, number>();
  roots(doc).evidence.forEach((map, id) => {
    const pages = map instanceof Y.Map ? map.get('pages') : undefined;
    if (typeof pages === 'number') pagesOf.set(id, pages);
  });
  return pagesOf;
}

/**
 * Reads the valid annotations (optionally of one evidence item or page), oldest first.
 * Annotations whose evidence does not exist, or whose page is beyond the evidence's page count,
 * are reported and skipped. Filtered reads skip records they cannot decode without reporting them.
 */
export function readAnnotations(doc: Y.Doc, query: AnnotationQuery = {}, report?: (invalid: InvalidRecord) => void): Annotation[] {
  const pagesOf = pageCounts(doc);
  const { evidenceId, page } = query;
  const filtered = evidenceId !== undefined || page !== undefined;
  // Evidence and page never change after creation, so the filter looks at the core fields only.
  const wanted: Wanted | undefined = filtered ? (f) => (evidenceId === undefined || f['evidenceId'] === evidenceId) && (page === undefined || f['page'] === page) : undefined;
  const out: Annotation[] = [];
  roots(doc).annotations.forEach((map, id) => {
    const decoded = storedFields(map, wanted);
    if (decoded === undefined || (filtered && !decoded.ok)) return;
    const result = checkRecord(decoded, id);
    if (!result.ok) return report?.({ collection: 'annotations', id, issues: result.issues });
    const annotation = result.value;
    const pages = pagesOf.get(annotation.evidenceId);
    if (pages === undefined) report?.({ collection: 'annotations', id, issues: ['points at missing evidence'] });
    else if (annotation.page > pages) report?.({ collection: 'annotations', id, issues: ['page beyond the evidence'] });
    else out.push(annotation);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/**
 * Validates one record map (either schema) as the annotation under key `id`, without looking at
 * its evidence. Never throws.
 */
export function readAnnotationRecord(map: unknown, id: string): ReadResult<Annotation> {
  return checkRecord(readStored(map), id);
}

/** Reads one annotation, or `undefined` when absent, invalid, or pointing at no evidence page. */
export function readAnnotation(doc: Y.Doc, id: string): Annotation | undefined {
  const { annotations, evidence } = roots(doc);
  const result = checkRecord(readStored(annotations.get(id)), id);
  if (!result.ok) return undefined;
  const record = evidence.get(result.value.evidenceId);
  const pages = record instanceof Y.Map ? record.get('pages') : undefined;
  return typeof pages === 'number' && result.value.page <= pages ? result.value : undefined;
}
