/**
 * Schema migrations. A room records the schema version that created it (`meta.schemaVersion`).
 * Readers accept every version up to {@link SCHEMA_VERSION}; a room written by a newer version is
 * opened read-only by older clients rather than being rewritten in a shape they do not know.
 *
 * A migration is a function from version n to n+1 that runs once, by the server, inside one
 * transaction. Version 1 is the first shape, so the list is empty; the entry point exists so that
 * the next change to the schema has one place to go.
 */
import type * as Y from 'yjs';
import { roots, SCHEMA_VERSION } from './schema.js';

export type Migration = (doc: Y.Doc) => void;

/** `MIGRATIONS[n]` upgrades a room from version n to n + 1. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

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
