/**
 * Schema migrations. A room records the schema version that created it (`meta.schemaVersion`).
 * Readers accept every version up to {@link SCHEMA_VERSION}; a room written by a newer version is
 * opened read-only by older clients rather than being rewritten in a shape they do not know.
 *
 * A migration is a function from version n to n+1 that runs once, by the server, inside one
 * transaction.
 *
 * - 1 → 2: annotations move from one map key per field to `core` plus edit keys (see
 *   `annotation-store.ts`). Each valid record map is rewritten in place; records that were
 *   invalid stay as they are (readers skip them either way). Readers and operations also accept
 *   a version-1 record met in an unmigrated room, and an edit upgrades the record it touches.
 */
import * as Y from 'yjs';
import { readAnnotationRecord, upgradeAnnotationRecord } from './annotations.js';
import { CORE_KEY } from './annotation-store.js';
import { roots, SCHEMA_VERSION } from './schema.js';

export type Migration = (doc: Y.Doc) => void;

/** Version 1 → 2: annotations stored as `core` plus edit keys. */
function packAnnotations(doc: Y.Doc): void {
  roots(doc).annotations.forEach((map, id) => {
    if (!(map instanceof Y.Map) || map.has(CORE_KEY)) return;
    const record = readAnnotationRecord(map, id);
    if (record.ok) upgradeAnnotationRecord(map as Y.Map<unknown>, record.value);
  });
}

/** `MIGRATIONS[n]` upgrades a room from version n to n + 1. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 1: packAnnotations };

/** The schema version stored in the room (1 when not recorded). */
export function storedSchemaVersion(doc: Y.Doc): number {
  const value = roots(doc).meta.get('schemaVersion');
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1;
}

/** 'current', 'older' (migrate), or 'newer' (this code must not write to it). */
export function compareSchema(doc: Y.Doc): 'current' | 'older' | 'newer' {
  const version = storedSchemaVersion(doc);
  return version === SCHEMA_VERSION ? 'current' : version < SCHEMA_VERSION ? 'older' : 'newer';
}

/**
 * Upgrades a room to {@link SCHEMA_VERSION}. Returns the versions applied. Throws when the room
 * is newer than this code or a step is missing.
 */
export function migrate(doc: Y.Doc, origin: unknown = null): number[] {
  let version = storedSchemaVersion(doc);
  if (version > SCHEMA_VERSION) throw new Error(`room schema ${version} is newer than ${SCHEMA_VERSION}`);
  const applied: number[] = [];
  doc.transact(() => {
    while (version < SCHEMA_VERSION) {
      const step = MIGRATIONS[version];
      if (!step) throw new Error(`no migration from schema ${version}`);
      step(doc);
      version += 1;
      applied.push(version);
    }
    if (applied.length > 0) roots(doc).meta.set('schemaVersion', version);
  }, origin);
  return applied;
}
