/**
 * Shared validation pieces. Everything a peer writes reaches us as untrusted data: readers turn a
 * shared type into a plain value with {@link readFields}, then check it with a valibot schema. A
 * record that fails is skipped and reported; nothing here throws on bad data.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { FORBIDDEN_KEYS, ID_PATTERN } from './ids.js';

/** Longest free text (annotation text, timeline entry, outline body). */
export const MAX_TEXT = 10_000;
/** Longest short text (titles, names). */
export const MAX_TITLE = 500;
/** Most points in one ink stroke. */
export const MAX_INK_POINTS = 10_000;
/** Most quads in one highlight. */
export const MAX_QUADS = 1_000;
/** Largest absolute coordinate in PDF user space (points); real pages are below 15,000. */
export const MAX_COORD = 1_000_000;
/** Highest page number. */
export const MAX_PAGE = 100_000;

export const idSchema = v.pipe(
  v.string(),
  v.regex(ID_PATTERN, 'must be an id'),
  v.check((s) => !FORBIDDEN_KEYS.has(s), 'must not be a prototype key'),
);
export const titleSchema = v.pipe(v.string(), v.maxLength(MAX_TITLE));
export const textSchema = v.pipe(v.string(), v.maxLength(MAX_TEXT));
export const timeSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
/** `#rrggbb`. */
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
/** A language tag such as `zh-CN`, `zh-TW`, `en`. */
export const LANG_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
export const colorSchema = v.pipe(v.string(), v.regex(COLOR_PATTERN, 'must be #rrggbb'));
export const pageSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PAGE));
export const coordSchema = v.pipe(v.number(), v.finite(), v.minValue(-MAX_COORD), v.maxValue(MAX_COORD));
/** `[x, y]` in PDF user space of the unrotated page. */
export const pointSchema = v.tuple([coordSchema, coordSchema]);
/** `[x1, y1, x2, y2]` with x1 ≤ x2 and y1 ≤ y2, PDF user space of the unrotated page. */
export const rectSchema = v.pipe(
  v.tuple([coordSchema, coordSchema, coordSchema, coordSchema]),
  v.check(([x1, y1, x2, y2]) => x1 <= x2 && y1 <= y2, 'rect must be normalised (x1 ≤ x2, y1 ≤ y2)'),
);
/** A language tag such as `zh-CN`, `zh-TW`, `en`. */
export const langSchema = v.pipe(v.string(), v.regex(LANG_PATTERN, 'must be a language tag'));

/** The result of reading one record: the value, or why it was skipped. */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; id: string; issues: string[] };

/** A problem found while reading remote data; readers collect them instead of throwing. */
export interface InvalidRecord {
  /** Which collection the record was in (`annotations`, `timeline`, …). */
  collection: string;
  /** The record's key (or index, for array collections). */
  id: string;
  /** Human-readable reasons, for logs and developer tools. */
  issues: string[];
}

/**
 * True when `value` (a decoded Yjs value) contains a prototype key or an object whose prototype
 * is not `Object.prototype` (lib0's decoder assigns keys with `obj[key] =`, so an encoded
 * `__proto__` key turns into a changed prototype rather than an own key).
 */
export function hasForbiddenKeys(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > 32) return true;
  if (Array.isArray(value)) {
    // Plain loop: ink strokes hold thousands of numbers, and most elements are not objects.
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object' && hasForbiddenKeys(item, depth + 1)) return true;
    }
    return false;
  }
  if (value instanceof Uint8Array) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return true;
  for (const key in value) {
    if (FORBIDDEN_KEYS.has(key)) return true;
    if (hasForbiddenKeys((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** True for a finite number within ±{@link MAX_COORD}. */
export function isCoord(n: unknown): n is number {
  return typeof n === 'number' && n >= -MAX_COORD && n <= MAX_COORD;
}

/**
 * Copies the fields of a record map into a fresh null-prototype object. Nested shared types
 * become `undefined` (records hold only plain values); prototype keys are reported.
 */
export function readFields(map: Y.Map<unknown>): { fields: Record<string, unknown>; forbidden: boolean } {
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let forbidden = false;
  map.forEach((value, key) => {
    if (FORBIDDEN_KEYS.has(key)) {
      forbidden = true;
      return;
    }
    if (value instanceof Y.AbstractType) return;
    if (hasForbiddenKeys(value)) forbidden = true;
    fields[key] = value;
  });
  return { fields, forbidden };
}

/** Flattens valibot issues into short strings such as `geometry.rect.0: Invalid type`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.slice(0, 8).map((issue) => {
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/**
 * Validates plain fields against a schema. Returns the typed value or the issues; never throws.
 */
export function parseRecord<TSchema extends v.GenericSchema>(
  schema: TSchema,
  fields: Record<string, unknown>,
  forbidden: boolean,
  id: string,
): ReadResult<v.InferOutput<TSchema>> {
  if (forbidden) return { ok: false, id, issues: ['contains a prototype key'] };
  const result = v.safeParse(schema, fields);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, id, issues: describeIssues(result.issues) };
}

/** Reads and validates one record map. */
export function readRecord<TSchema extends v.GenericSchema>(
  schema: TSchema,
  map: unknown,
  id: string,
): ReadResult<v.InferOutput<TSchema>> {
  if (!(map instanceof Y.Map)) return { ok: false, id, issues: ['record is not a map'] };
  const { fields, forbidden } = readFields(map as Y.Map<unknown>);
  return parseRecord(schema, fields, forbidden, id);
}

/** Thrown by operations when the caller's input is invalid (a local programming error). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly operation: string,
    readonly issues: string[],
  ) {
    super(`${operation}: invalid input: ${issues.join('; ')}`);
  }
}

/** Validates operation input; throws {@link InvalidInputError} with every issue. */
export function checkInput<TSchema extends v.GenericSchema>(
  operation: string,
  schema: TSchema,
  input: unknown,
): v.InferOutput<TSchema> {
  if (hasForbiddenKeys(input)) throw new InvalidInputError(operation, ['contains a prototype key']);
  const result = v.safeParse(schema, input);
  if (!result.success) throw new InvalidInputError(operation, describeIssues(result.issues));
  return result.output;
}
