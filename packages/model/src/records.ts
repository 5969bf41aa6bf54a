/**
 * Helpers shared by the record modules: reading a collection of record maps through a schema,
 * writing only the fields that changed (so concurrent edits of different fields merge), and
 * keeping an ordered list of ids (`evidenceOrder`, `outlineOrder`) sane under concurrent moves.
 */
import type * as v from 'valibot';
import * as Y from 'yjs';
import { readRecord, type InvalidRecord } from './validate.js';

const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));

/** Sets each field whose value differs; `undefined` deletes the field. */
export function writeFields(map: Y.Map<unknown>, fields: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) {
      if (map.has(key)) map.delete(key);
    } else if (!sameValue(map.get(key), value)) {
      map.set(key, value);
    }
  }
}

/** Creates a record map with the given fields under `id`. */
export function createRecord(collection: Y.Map<unknown>, id: string, fields: Readonly<Record<string, unknown>>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
  collection.set(id, map);
  return map;
}

/** The record map under `id`, or `undefined` when absent or not a map. */
export function recordMap(collection: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined {
  const map = collection.get(id);
  return map instanceof Y.Map ? (map as Y.Map<unknown>) : undefined;
}

/**
 * Reads records (`[key, record map]` pairs, e.g. `ymap.entries()`) through `schema`. A record is kept only when it is
 * valid and its `id` field equals its key; others are reported and skipped.
 */
export function readCollection<TSchema extends v.GenericSchema>(
  entries: Iterable<[string, unknown]>,
  schema: TSchema,
  name: string,
  report?: (invalid: InvalidRecord) => void,
): Map<string, v.InferOutput<TSchema>> {
  const out = new Map<string, v.InferOutput<TSchema>>();
  for (const [key, map] of entries) {
    const result = readRecord(schema, map, key);
    if (!result.ok) report?.({ collection: name, id: key, issues: result.issues });
    else if ((result.value as { id?: unknown }).id !== key) report?.({ collection: name, id: key, issues: ['id does not match key'] });
    else out.set(key, result.value);
  }
  return out;
}

/**
 * Reads an ordered id list against the ids that exist: unknown ids and repeats (left by two
 * peers moving the same item at once) are dropped, and existing ids missing from the list are
 * appended in the order given by `fallbackOrder`.
 */
export function readOrder(order: Y.Array<unknown>, existing: ReadonlySet<string>, fallbackOrder: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of order.toArray()) {
    if (typeof id === 'string' && existing.has(id) && !seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  for (const id of fallbackOrder) if (!seen.has(id) && existing.has(id)) out.push(id);
  return out;
}

/** Removes every occurrence of `id` from an ordered list. */
export function removeFromOrder(order: Y.Array<unknown>, id: string): void {
  const items = order.toArray();
  for (let i = items.length - 1; i >= 0; i--) if (items[i] === id) order.delete(i, 1);
}

/**
 * Moves `id` so that it is at position `toIndex` of the *readable* order (what {@link readOrder}
 * returns). Cleans out repeats and unknown ids on the way.
 */
export function moveInOrder(order: Y.Array<unknown>, id: string, toIndex: number, readable: readonly string[]): void {
  const target = readable.filter((x) => x !== id);
  const index = Math.max(0, Math.min(Math.trunc(toIndex), target.length));
  target.splice(index, 0, id);
  const current = order.toArray();
  if (current.length === target.length && current.every((x, i) => x === target[i])) return;
  order.delete(0, order.length);
  order.insert(0, target);
}
