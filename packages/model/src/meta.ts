/**
 * Case information (`meta`) and the room's identity: schema version and generation id. The
 * server writes `schemaVersion` and `generation` when it creates a room; the chair or presenter
 * edit the case fields.
 */
import * as v from 'valibot';
import type * as Y from 'yjs';
import { newGeneration } from './ids.js';
import type { LocalOrigin } from './origins.js';
import { roots, SCHEMA_VERSION } from './schema.js';
import { checkInput, describeIssues, readFields, timeSchema, titleSchema, type InvalidRecord } from './validate.js';

/** Case fields anyone may read. */
export const caseInfoSchema = v.object({
  caseNumber: v.optional(v.pipe(v.string(), v.maxLength(100))),
  caseTitle: v.optional(titleSchema),
  cause: v.optional(titleSchema),
  /** IANA time zone of the room (times in the minutes are shown in it), e.g. `Asia/Shanghai`. */
  timeZone: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/), v.maxLength(64))),
});
export type CaseInfo = v.InferOutput<typeof caseInfoSchema>;

/** Everything in `meta`, as read. */
export interface Meta extends CaseInfo {
  schemaVersion?: number;
  generation?: string;
  createdAt?: number;
}

const metaSchema = v.object({
  ...caseInfoSchema.entries,
  schemaVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  generation: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))),
  createdAt: v.optional(timeSchema),
});

/**
 * Reads `meta`. Each field is checked on its own so one bad field does not hide the others;
 * bad fields are reported and left out.
 */
export function readMeta(doc: Y.Doc, report?: (invalid: InvalidRecord) => void): Meta {
  const { fields, forbidden } = readFields(roots(doc).meta);
  if (forbidden) report?.({ collection: 'meta', id: 'meta', issues: ['contains a prototype key'] });
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(metaSchema.entries)) {
    if (!(key in fields)) continue;
    const result = v.safeParse(schema, fields[key]);
    if (result.success) {
      if (result.output !== undefined) out[key] = result.output;
    } else report?.({ collection: 'meta', id: key, issues: describeIssues(result.issues) });
  }
  return out as Meta;
}

/**
 * Creates a room from nothing: schema version, a fresh generation and the creation time. Does
 * nothing when the room already has a generation. Returns the room's generation.
 */
export function initRoom(doc: Y.Doc, input: { generation?: string; now?: number } = {}, origin: unknown = null): string {
  const { meta } = roots(doc);
  const existing = meta.get('generation');
  if (typeof existing === 'string') return existing;
  const generation = input.generation ?? newGeneration();
  doc.transact(() => {
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('generation', generation);
    meta.set('createdAt', input.now ?? Date.now());
  }, origin);
  return generation;
}

/** Sets case fields; `undefined` leaves a field alone, `''` clears it. */
export function setCaseInfo(doc: Y.Doc, input: CaseInfo, origin: LocalOrigin): void {
  const info = checkInput('setCaseInfo', caseInfoSchema, input);
  const { meta } = roots(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(info)) {
      if (value === undefined) continue;
      if (value === '') meta.delete(key);
      else meta.set(key, value);
    }
  }, origin);
}

