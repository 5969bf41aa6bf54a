/**
 * How an annotation is stored (schema 2). The public model speaks of {@link Annotation} records;
 * this module turns them into the few values a record's Y.Map holds, and back.
 *
 * A late joiner pays for every Yjs item, and for every number Yjs decodes one by one, so a record
 * keeps as few items as concurrency allows, and numbers travel as raw float64s:
 *
 * | key | holds | written by |
 * | --- | --- | --- |
 * | `core` | binary: the record as created (or migrated), see {@link encodeCore} | `addAnnotation`, the 1 → 2 migration |
 * | `geometry` | binary: `[time, …coordinates]`, see {@link encodeGeometryEdit} | `moveAnnotation`, `setAnnotationGeometry` |
 * | `style` | JSON `{"at": time, "value": style}` | `restyleAnnotation` |
 * | `text` | JSON `{"at": time, "value": {"text"?, "lang"?}}` (`{}` clears) | `setAnnotationText` |
 * | `stamp` | JSON `{"at": time, "value": stamp}` | `setStamp` |
 *
 * A fresh annotation is two items (the record map and `core`), against about thirteen with one
 * key per field and thousands of numbers for an ink stroke. An edit writes only its own key and
 * takes precedence over `core`, so a move and a recolour made at the same time both survive,
 * exactly as with one key per field; the record's `modifiedAt` is the latest of
 * `core.modifiedAt` and the edits' times. Numbers are kept as float64: nothing is rounded.
 *
 * Measured on the 10k bench room: geometry as JSON text made reading 2–3 times slower (JSON.parse
 * of numbers), and a JSON-string `core` beside a binary `geometry` (three items per mark) made
 * the whole late join about 30 % slower than one binary `core`.
 *
 * Everything here treats stored values as untrusted: decoding returns issues and never throws;
 * the decoded fields still have to be validated against the record schema, and screened for
 * prototype keys, by the caller.
 */
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { hasForbiddenKeys, MAX_INK_POINTS, MAX_QUADS } from './validate.js';

/** The key holding the record as created. */
export const CORE_KEY = 'core';
/** The key holding the latest geometry edit (binary). */
export const GEOMETRY_KEY = 'geometry';
/** Keys holding the latest edit of one property each as JSON, with the edit's time. */
export const JSON_EDIT_KEYS = ['style', 'text', 'stamp'] as const;
export type JsonEditKey = (typeof JSON_EDIT_KEYS)[number];
const STORED_KEYS: ReadonlySet<string> = new Set([CORE_KEY, GEOMETRY_KEY, ...JSON_EDIT_KEYS]);

/** True for the keys a schema-2 annotation record may hold. */
export function isStoredAnnotationKey(key: string): boolean {
  return STORED_KEYS.has(key);
}

/**
 * Longest stored JSON text, in UTF-16 units (or UTF-8 bytes inside `core`). The largest valid
 * record (three 10,000-character texts, fully escaped) stays well below it.
 */
export const MAX_STORED_JSON = 1_000_000;

/** The result of decoding stored values into the plain fields of an annotation. */
export type Decoded = { ok: true; fields: Record<string, unknown> } | { ok: false; issues: string[] };
type Parsed<T> = { ok: true; value: T } | { ok: false; issue: string };

/** Words that may be prototype keys; a JSON text without them cannot hold one. */
const SUSPECT = /__proto__|constructor|prototype/;

/**
 * Parses one stored JSON text; never throws. With `screen` (the default) a value holding a
 * prototype key is refused here; `core` is screened by the reader instead (see `checkRecord`),
 * where the fast path's known-keys check makes scanning every record's text unnecessary.
 */
export function parseStored(value: unknown, key: string, screen = true): Parsed<unknown> {
  if (typeof value !== 'string') return { ok: false, issue: `${key}: must be a JSON string` };
  if (value.length > MAX_STORED_JSON) return { ok: false, issue: `${key}: longer than ${MAX_STORED_JSON} characters` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { ok: false, issue: `${key}: not valid JSON` };
  }
  // JSON.parse makes `__proto__` an own key (no pollution), but such a record is refused anyway.
  if (screen && SUSPECT.test(value) && hasForbiddenKeys(parsed)) return { ok: false, issue: `${key}: contains a prototype key` };
  return { ok: true, value: parsed };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for an integer time in milliseconds, as `timeSchema` accepts. */
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 8.64e15;

// ---------------------------------------------------------------------------------------------
// Geometry as numbers

/** How a kind's geometry is laid out as numbers: fixed tuples, or a list of tuples. */
type Layout = { fixed: readonly (readonly [string, number])[]; count: number } | { list: string; width: number; max: number };
const RECT: Layout = { fixed: [['rect', 4]], count: 4 };
const POINT: Layout = { fixed: [['at', 2]], count: 2 };
const LAYOUTS: Readonly<Record<string, Layout>> = {
  rect: RECT,
  ellipse: RECT,
  callout: RECT,
  note: RECT,
  arrow: { fixed: [['from', 2], ['to', 2]], count: 4 },
  pin: POINT,
  stamp: POINT,
  ink: { list: 'points', width: 3, max: MAX_INK_POINTS },
  highlight: { list: 'quads', width: 8, max: MAX_QUADS },
};
const layoutOf = (kind: unknown): Layout | undefined => (typeof kind === 'string' && Object.hasOwn(LAYOUTS, kind) ? LAYOUTS[kind] : undefined);

/** The geometry's numbers in layout order: `rect`; `from`, `to`; `at`; every point or quad. */
function flatten(kind: string, geometry: Readonly<Record<string, unknown>>): number[] {
  const layout = layoutOf(kind);
  if (!layout) throw new TypeError(`no geometry layout for kind ${kind}`);
  const numbers: number[] = [];
  if ('fixed' in layout) for (const [key] of layout.fixed) numbers.push(...(geometry[key] as number[]));
  else for (const tuple of geometry[layout.list] as number[][]) numbers.push(...tuple);
  return numbers;
}

/** Reads `count` float64s at `offset` back into the geometry of `kind`; checks the layout only. */
function readGeometry(kind: unknown, view: DataView, offset: number, count: number): Parsed<Record<string, unknown>> {
  const layout = layoutOf(kind);
  if (!layout) return { ok: false, issue: 'geometry: unknown kind' };
  const geometry: Record<string, unknown> = {};
  if ('fixed' in layout) {
    if (count !== layout.count) return { ok: false, issue: `geometry: ${kind as string} needs ${layout.count} numbers` };
    for (const [key, n] of layout.fixed) {
      geometry[key] = readTuple(view, offset, n);
      offset += n * 8;
    }
    return { ok: true, value: geometry };
  }
  const { width, max } = layout;
  if (count === 0 || count % width !== 0 || count / width > max) return { ok: false, issue: `geometry: needs 1 to ${max} tuples of ${width} numbers` };
  const list = new Array<number[]>(count / width);
  for (let t = 0; t < list.length; t++, offset += width * 8) list[t] = readTuple(view, offset, width);
  geometry[layout.list] = list;
  return { ok: true, value: geometry };
}

/**
 * `n` float64s at `offset`. The common widths are built as array literals, which V8 allocates
 * once as packed doubles (filling a `new Array(n)` reallocates it as its element kind changes):
 * a 10k-mark room has hundreds of thousands of these tuples.
 */
function readTuple(view: DataView, o: number, n: number): number[] {
  switch (n) {
    case 2:
      return [view.getFloat64(o, true), view.getFloat64(o + 8, true)];
    case 3:
      return [view.getFloat64(o, true), view.getFloat64(o + 8, true), view.getFloat64(o + 16, true)];
    case 4:
      return [view.getFloat64(o, true), view.getFloat64(o + 8, true), view.getFloat64(o + 16, true), view.getFloat64(o + 24, true)];
    case 8:
      return [
        view.getFloat64(o, true),
        view.getFloat64(o + 8, true),
        view.getFloat64(o + 16, true),
        view.getFloat64(o + 24, true),
        view.getFloat64(o + 32, true),
        view.getFloat64(o + 40, true),
        view.getFloat64(o + 48, true),
        view.getFloat64(o + 56, true),
      ];
    default: {
      const tuple: number[] = [];
      for (let i = 0; i < n; i++) tuple.push(view.getFloat64(o + i * 8, true));
      return tuple;
    }
  }
}

const viewOf = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The `geometry` value of an edit made at `at`: float64s, little-endian, the time first, then the
 * coordinates in layout order (`rect`; `from`, `to`; `at`; every ink point `x, y, pressure`;
 * every quad's eight numbers). The geometry must already be valid for the kind.
 */
export function encodeGeometryEdit(kind: string, geometry: Readonly<Record<string, unknown>>, at: number): Uint8Array {
  const numbers = [at, ...flatten(kind, geometry)];
  const bytes = new Uint8Array(numbers.length * 8);
  const view = viewOf(bytes);
  for (let i = 0; i < numbers.length; i++) view.setFloat64(i * 8, numbers[i]!, true);
  return bytes;
}

function decodeGeometryEdit(kind: unknown, value: unknown): Parsed<{ at: number; geometry: Record<string, unknown> }> {
  if (!(value instanceof Uint8Array) || value.byteLength % 8 !== 0 || value.byteLength < 8) return { ok: false, issue: 'geometry: must be float64 bytes' };
  const view = viewOf(value);
  const at = view.getFloat64(0, true);
  if (!isTime(at)) return { ok: false, issue: 'geometry: the edit time must be a time' };
  const geometry = readGeometry(kind, view, 8, value.byteLength / 8 - 1);
  return geometry.ok ? { ok: true, value: { at, geometry: geometry.value } } : geometry;
}

// ---------------------------------------------------------------------------------------------
// The record as created

/**
 * The `core` value of a new (or migrated) record: a little-endian uint32 byte length, the record
 * without its geometry as UTF-8 JSON, then the geometry's float64s (little-endian, layout order).
 * The record must be valid.
 */
export function encodeCore(record: Readonly<Record<string, unknown>>): Uint8Array {
  const { geometry, ...rest } = record;
  const json = encodeUtf8(JSON.stringify(rest));
  const numbers = flatten(String(record['kind']), geometry as Record<string, unknown>);
  const bytes = new Uint8Array(4 + json.byteLength + numbers.length * 8);
  const view = viewOf(bytes);
  view.setUint32(0, json.byteLength, true);
  bytes.set(json, 4);
  for (let i = 0, offset = 4 + json.byteLength; i < numbers.length; i++, offset += 8) view.setFloat64(offset, numbers[i]!, true);
  return bytes;
}

/** Decodes `core` into the record's fields (a fresh object), its geometry included unless `withGeometry` is false. */
function decodeCore(value: unknown, withGeometry: boolean, wanted?: (fields: Record<string, unknown>) => boolean): Parsed<Record<string, unknown>> | undefined {
  if (!(value instanceof Uint8Array) || value.byteLength < 4) return { ok: false, issue: 'core: must be bytes' };
  const view = viewOf(value);
  const length = view.getUint32(0, true);
  const rest = value.byteLength - 4 - length;
  if (length > MAX_STORED_JSON || rest < 0 || rest % 8 !== 0) return { ok: false, issue: 'core: malformed' };
  let text: string;
  try {
    text = decodeUtf8(value.subarray(4, 4 + length)); // lib0's decoder is fatal on bad UTF-8
  } catch {
    return { ok: false, issue: 'core: not UTF-8' };
  }
  const json = parseStored(text, CORE_KEY, false);
  if (!json.ok) return json;
  if (!isPlainObject(json.value)) return { ok: false, issue: 'core: must hold a JSON object' };
  // A fresh object from JSON.parse (prototype keys in it are plain own keys): used as it is.
  const fields = json.value;
  if (wanted && !wanted(fields)) return undefined;
  if (withGeometry) {
    const geometry = readGeometry(fields['kind'], view, 4 + length, rest / 8);
    if (!geometry.ok) return geometry;
    fields['geometry'] = geometry.value;
  }
  return { ok: true, value: fields };
}

/**
 * Decodes a schema-2 record from its stored values (`get` returns the value at a key, or
 * `undefined`). Unknown keys are ignored (a newer schema may add some). The result still has to
 * be validated against `annotationSchema`. With `wanted`, a record whose fields as created it
 * refuses (a filtered read: another evidence item or page) is not decoded further: `undefined`.
 */
export function decodeAnnotation(get: (key: string) => unknown, wanted?: (fields: Record<string, unknown>) => boolean): Decoded | undefined {
  const geometryEdit = get(GEOMETRY_KEY);
  const core = decodeCore(get(CORE_KEY), geometryEdit === undefined, wanted);
  if (!core) return undefined;
  if (!core.ok) return { ok: false, issues: [core.issue] };
  const fields = core.value;
  let modifiedAt = fields['modifiedAt'];
  if (geometryEdit !== undefined) {
    const edit = decodeGeometryEdit(fields['kind'], geometryEdit);
    if (!edit.ok) return { ok: false, issues: [edit.issue] };
    fields['geometry'] = edit.value.geometry;
    if (typeof modifiedAt === 'number' && edit.value.at > modifiedAt) modifiedAt = edit.value.at;
  }
  for (const key of JSON_EDIT_KEYS) {
    const raw = get(key);
    if (raw === undefined) continue;
    const edit = parseStored(raw, key);
    if (!edit.ok) return { ok: false, issues: [edit.issue] };
    const envelope = edit.value;
    if (!isPlainObject(envelope) || !isTime(envelope['at']) || !('value' in envelope)) {
      return { ok: false, issues: [`${key}: must be {"at": time, "value": …}`] };
    }
    const value = envelope['value'];
    if (key === 'text') {
      if (!isPlainObject(value)) return { ok: false, issues: ['text: value must be {"text"?, "lang"?}'] };
      if (value['text'] === undefined) delete fields['text'];
      else fields['text'] = value['text'];
      if (value['lang'] === undefined) delete fields['lang'];
      else fields['lang'] = value['lang'];
    } else {
      fields[key] = value;
    }
    if (typeof modifiedAt === 'number' && envelope['at'] > modifiedAt) modifiedAt = envelope['at'];
  }
  fields['modifiedAt'] = modifiedAt;
  return { ok: true, fields };
}

/** The stored value of a JSON edit (`style`, `text`, `stamp`) made at `at`. */
export function encodeEdit(at: number, value: unknown): string {
  return JSON.stringify({ at, value });
}
