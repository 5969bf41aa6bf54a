/**
 * The shape of a Huishen room: one Y.Doc per review session with these root types.
 *
 * | root | type | holds |
 * | --- | --- | --- |
 * | `meta` | Y.Map | schema version, generation id, case number/title/cause, created, time zone |
 * | `venues` | Y.Map<Y.Map> | venue id → name, level, colour |
 * | `evidence` | Y.Map<Y.Map> | evidence id → title, kind, mime, bytes, SHA-256, pages, … |
 * | `evidenceOrder` | Y.Array<string> | evidence ids in display order |
 * | `annotations` | Y.Map<Y.Map> | annotation id → `core` (the record as created, binary) and its latest edits (`geometry`, `style`, `text`, `stamp`) |
 * | `briefing` | Y.Map | `presenter` (user id) and `position` (node, evidence, page, region) |
 * | `outline` | Y.Map<Y.Map> | outline node id → kind, title, body, anchors |
 * | `outlineOrder` | Y.Array<string> | outline node ids in order |
 * | `timeline` | Y.Array<Y.Map> | append-only entries |
 * | `camera` | Y.Map | `freeze` (the still every venue is frozen on) and `freezeRequest` (see `camera.ts`) |
 *
 * Outline nodes live in root types of their own rather than nested inside `briefing`: two peers
 * that lazily created a nested map at the same key would each lose the other's nodes, while root
 * types are created on access and always merge.
 *
 * Records are Y.Maps of plain values (one field per independently editable property), so that a
 * move and a recolour of one annotation made at the same time both survive. Annotations, by far
 * the most numerous records, pack their fields as created into one binary `core` and keep one key
 * per later edit (see `annotation-store.ts`), which makes a late join several times cheaper.
 */
import * as Y from 'yjs';

/**
 * Current schema version, stored in `meta.schemaVersion`. Version 2 stores each annotation as
 * `core` plus edit keys (see `annotation-store.ts`); `migrations.ts` upgrades version-1 rooms.
 */
export const SCHEMA_VERSION = 2;

/** Names of every root type; anything else in a room is refused by the server. */
export const ROOT_NAMES = [
  'meta',
  'venues',
  'evidence',
  'evidenceOrder',
  'annotations',
  'briefing',
  'outline',
  'outlineOrder',
  'timeline',
  'camera',
] as const;
export type RootName = (typeof ROOT_NAMES)[number];

/** Which Yjs type each root is. */
export const ROOT_KINDS: Record<RootName, 'map' | 'array'> = {
  meta: 'map',
  venues: 'map',
  evidence: 'map',
  evidenceOrder: 'array',
  annotations: 'map',
  briefing: 'map',
  outline: 'map',
  outlineOrder: 'array',
  timeline: 'array',
  camera: 'map',
};

/**
 * The root types of a room document. Values are `unknown`: anything in them may come from a
 * peer, so it is read through the record validators.
 */
export interface Roots {
  meta: Y.Map<unknown>;
  venues: Y.Map<unknown>;
  evidence: Y.Map<unknown>;
  evidenceOrder: Y.Array<unknown>;
  annotations: Y.Map<unknown>;
  briefing: Y.Map<unknown>;
  outline: Y.Map<unknown>;
  outlineOrder: Y.Array<unknown>;
  timeline: Y.Array<unknown>;
  camera: Y.Map<unknown>;
}

/** Returns the room's root types (creating them on first access, as Yjs does). */
export function roots(doc: Y.Doc): Roots {
  return {
    meta: doc.getMap('meta'),
    venues: doc.getMap('venues'),
    evidence: doc.getMap('evidence'),
    evidenceOrder: doc.getArray('evidenceOrder'),
    annotations: doc.getMap('annotations'),
    briefing: doc.getMap('briefing'),
    outline: doc.getMap('outline'),
    outlineOrder: doc.getArray('outlineOrder'),
    timeline: doc.getArray('timeline'),
    camera: doc.getMap('camera'),
  };
}

/** True when `name` is one of the room's root types. */
export function isRootName(name: string): name is RootName {
  return (ROOT_NAMES as readonly string[]).includes(name);
}
