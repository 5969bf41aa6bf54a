/**
 * The fast path of annotation validation. A late joiner validates every record of the room, and
 * valibot's object schemas (a dataset per field, a new output object per record) made that the
 * largest part of reading a 10k-mark room. {@link createAnnotationCheck} answers one question
 * with plain comparisons: is this record *certainly* valid, exactly as it is? When it says yes,
 * the record is used as it is; otherwise the reader runs `annotationSchema` (the reference), which
 * reports the issues and strips unknown keys.
 *
 * The check must never accept what the schema refuses; it may refuse more (unknown keys, odd
 * shapes) since those fall back to the schema. `test/model/annotation-store.test.ts` holds both
 * to that over valid records and every single-field spoiling of them.
 */
import { isId } from './ids.js';
import { COLOR_PATTERN, isCoord, LANG_PATTERN, MAX_INK_POINTS, MAX_PAGE, MAX_QUADS, MAX_TEXT, MAX_TITLE } from './validate.js';

type Fields = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isInteger = (value: unknown, min: number, max: number): boolean => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const isString = (value: unknown, min: number, max: number): boolean => typeof value === 'string' && value.length >= min && value.length <= max;
const isTime = (value: unknown): boolean => isInteger(value, 0, 8.64e15);
const optional = (value: unknown, check: Check): boolean => value === undefined || check(value);

/** True when every own enumerable key of `value` is in `keys`. */
function keysWithin(value: Fields, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}

/**
 * True for an array of `min`..`max` arrays of `width` elements each passing `check`. A plain
 * loop that allocates nothing: ink strokes and highlight quads are the bulk of a room's numbers.
 */
export function isNumberTuples(value: unknown, width: number, min: number, max: number, check: (tuple: unknown[]) => boolean): boolean {
  if (!Array.isArray(value) || value.length < min || value.length > max) return false;
  for (let i = 0; i < value.length; i++) {
    const tuple: unknown = value[i];
    if (!Array.isArray(tuple) || tuple.length !== width || !check(tuple)) return false;
  }
  return true;
}

/** Ink points: `[x, y, pressure 0..1]`. */
export const isInkPoints = (value: unknown): boolean =>
  isNumberTuples(value, 3, 1, MAX_INK_POINTS, (p) => isCoord(p[0]) && isCoord(p[1]) && typeof p[2] === 'number' && p[2] >= 0 && p[2] <= 1);
/** Highlight quads: eight coordinates each. */
export const isQuads = (value: unknown): boolean => isNumberTuples(value, 8, 1, MAX_QUADS, (q) => q.every(isCoord));

const isPoint = (p: unknown): boolean => Array.isArray(p) && p.length === 2 && isCoord(p[0]) && isCoord(p[1]);
const isRect = (r: unknown): boolean =>
  Array.isArray(r) && r.length === 4 && isCoord(r[0]) && isCoord(r[1]) && isCoord(r[2]) && isCoord(r[3]) && r[0] <= r[2] && r[1] <= r[3];

const only = (...keys: string[]): ReadonlySet<string> => new Set(keys);
const RECT_GEOMETRY: Check = (g) => isObject(g) && keysWithin(g, only('rect')) && isRect(g['rect']);
const POINT_GEOMETRY: Check = (g) => isObject(g) && keysWithin(g, only('at')) && isPoint(g['at']);
const GEOMETRY: Readonly<Record<string, Check>> = {
  rect: RECT_GEOMETRY,
  ellipse: RECT_GEOMETRY,
  callout: RECT_GEOMETRY,
  note: RECT_GEOMETRY,
  arrow: (g) => isObject(g) && keysWithin(g, only('from', 'to')) && isPoint(g['from']) && isPoint(g['to']),
  pin: POINT_GEOMETRY,
  stamp: POINT_GEOMETRY,
  ink: (g) => isObject(g) && keysWithin(g, only('points')) && isInkPoints(g['points']),
  highlight: (g) => isObject(g) && keysWithin(g, only('quads')) && isQuads(g['quads']),
};

const RECORD_KEYS = only('id', 'evidenceId', 'page', 'kind', 'geometry', 'style', 'text', 'lang', 'quote', 'stamp', 'author', 'authorName', 'venue', 'createdAt', 'modifiedAt');
const STYLE_KEYS = only('color', 'width', 'opacity');
const QUOTE_KEYS = only('exact', 'prefix', 'suffix');
const STAMP_KEYS = only('code', 'number');

function isStyle(s: unknown): boolean {
  if (!isObject(s) || !keysWithin(s, STYLE_KEYS)) return false;
  const { color, width, opacity } = s;
  return typeof color === 'string' && COLOR_PATTERN.test(color) && typeof width === 'number' && width >= 0.1 && width <= 100 && typeof opacity === 'number' && opacity >= 0 && opacity <= 1;
}

const isQuote: Check = (q) =>
  isObject(q) && keysWithin(q, QUOTE_KEYS) && isString(q['exact'], 1, 10_000) && optional(q['prefix'], (p) => isString(p, 0, 200)) && optional(q['suffix'], (s) => isString(s, 0, 200));

/**
 * Builds the check for the given stamp codes (passed in, so that this module needs nothing from
 * `annotations.ts`). The returned function never throws.
 */
export function createAnnotationCheck(stampCodes: ReadonlySet<string>): (fields: Fields) => boolean {
  const isStamp: Check = (s) => isObject(s) && keysWithin(s, STAMP_KEYS) && typeof s['code'] === 'string' && stampCodes.has(s['code']) && optional(s['number'], (n) => isInteger(n, 0, 999_999));
  return (r) => {
    const kind = r['kind'];
    const geometry = typeof kind === 'string' && Object.hasOwn(GEOMETRY, kind) ? GEOMETRY[kind] : undefined;
    return (
      geometry !== undefined &&
      keysWithin(r, RECORD_KEYS) &&
      isId(r['id']) &&
      isId(r['evidenceId']) &&
      isInteger(r['page'], 1, MAX_PAGE) &&
      geometry(r['geometry']) &&
      isStyle(r['style']) &&
      optional(r['text'], (t) => isString(t, 0, MAX_TEXT)) &&
      optional(r['lang'], (l) => typeof l === 'string' && LANG_PATTERN.test(l)) &&
      (kind === 'highlight' ? optional(r['quote'], isQuote) : r['quote'] === undefined) &&
      (kind === 'stamp' ? isStamp(r['stamp']) : r['stamp'] === undefined) &&
      isId(r['author']) &&
      isString(r['authorName'], 0, MAX_TITLE) &&
      isId(r['venue']) &&
      isTime(r['createdAt']) &&
      isTime(r['modifiedAt'])
    );
  };
}
