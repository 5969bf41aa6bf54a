/**
 * Reading untrusted JSON-LD safely: one pass that refuses what is not plain JSON (prototype keys,
 * exotic objects, non-finite numbers, huge strings, deep nesting) before any field is looked at,
 * then small accessors that never throw. The importer reads Web Annotations through these.
 */
import { FORBIDDEN_KEYS } from '../ids.js';
import { WEB_ANNOTATION_CONTEXT, HUISHEN_VOCAB } from './web-annotation-vocab.js';

/** Limits on imported JSON: enough for a collection of thousands of annotations with long ink strokes. */
export const IMPORT_LIMITS = Object.freeze({
  /** Deepest nesting of objects and arrays. */
  depth: 24,
  /** Most values (objects, arrays, strings, numbers, …) in one input. */
  values: 2_000_000,
  /** Longest string (an SVG of a 10,000-point stroke fits). */
  string: 1_000_000,
  /** Longest key. */
  key: 200,
  /** Longest JSON text accepted by the importers. */
  text: 64 * 1024 * 1024,
});

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property, or `undefined` (inherited properties are never read). */
export function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A short, printable version of a value for an issue message. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

/**
 * Checks that `value` is plain JSON within {@link IMPORT_LIMITS}; returns the first problem, or
 * `undefined`. Nothing is read from the value before this passes.
 */
export function checkJson(value: unknown): string | undefined {
  let count = 0;
  const visit = (x: unknown, depth: number, path: string): string | undefined => {
    if (++count > IMPORT_LIMITS.values) return 'too many values';
    if (x === null || typeof x === 'boolean') return undefined;
    if (typeof x === 'number') return Number.isFinite(x) ? undefined : `${path}: ${x} is not a finite number`;
    if (typeof x === 'string') return x.length > IMPORT_LIMITS.string ? `${path}: string longer than ${IMPORT_LIMITS.string} characters` : undefined;
    if (typeof x !== 'object') return `${path}: ${typeof x} is not JSON`;
    if (depth >= IMPORT_LIMITS.depth) return `${path}: nested deeper than ${IMPORT_LIMITS.depth}`;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const problem = visit(x[i], depth + 1, `${path}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    const proto: unknown = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null) return `${path}: not a plain object`;
    for (const key of Object.keys(x)) {
      if (FORBIDDEN_KEYS.has(key)) return `${path}: prototype key "${key}"`;
      if (key.length > IMPORT_LIMITS.key) return `${path}: key longer than ${IMPORT_LIMITS.key} characters`;
      const problem = visit((x as JsonObject)[key], depth + 1, `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
  try {
    return visit(value, 0, '$');
  } catch (_error) {
    return 'unreadable value';
  }
}

/** Parses JSON text within the limits; returns the value or the problem. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; issue: string } {
  if (text.length > IMPORT_LIMITS.text) return { ok: false, issue: 'JSON text too long' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (_error) {
    return { ok: false, issue: 'not JSON' };
  }
}

/** What a `@context` says, as far as the importer cares. */
export interface ContextInfo {
  /** The Web Annotation context is one of the contexts. */
  anno: boolean;
  /** The `huishen` prefix is bound to {@link HUISHEN_VOCAB}. */
  huishen: boolean;
}

/** Reads a `@context` value; returns what it declares or why it is refused. */
export function readContext(value: unknown, notes: string[]): ContextInfo | { issue: string } {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > 16) return { issue: '@context must hold 1 to 16 contexts' };
  const info: ContextInfo = { anno: false, huishen: false };
  for (const entry of list) {
    if (entry === WEB_ANNOTATION_CONTEXT) info.anno = true;
    else if (typeof entry === 'string') notes.push(`context ${show(entry)} was not fetched; terms it defines are ignored`);
    else if (isObject(entry)) {
      const prefix = own(entry, 'huishen');
      if (prefix === HUISHEN_VOCAB) info.huishen = true;
      else if (prefix !== undefined) return { issue: `@context binds huishen to ${show(prefix)}, not ${HUISHEN_VOCAB}` };
    } else return { issue: `@context entry ${show(entry)} is neither an IRI nor an object` };
  }
  if (!info.anno) return { issue: `@context does not include ${WEB_ANNOTATION_CONTEXT}` };
  return info;
}

/** One value or the first of a one-element array (JSON-LD allows either); `undefined` for longer arrays. */
export function single(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.length === 1 ? value[0] : undefined;
}

/** `value` as a list (JSON-LD's one-or-many). */
export function many(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** True when `value` is `type` or an array containing it. */
export function hasType(value: unknown, type: string): boolean {
  return value === type || (Array.isArray(value) && value.includes(type));
}
