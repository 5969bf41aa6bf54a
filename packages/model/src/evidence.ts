/**
 * Evidence items: PDF case files, images and document-camera stills. The bytes live in the
 * server's content-addressed store; the record carries their SHA-256 so every venue can check
 * that it shows the same file.
 */
import * as v from 'valibot';
import type * as Y from 'yjs';
import { newId } from './ids.js';
import type { LocalOrigin } from './origins.js';
import { createRecord, moveInOrder, readCollection, readOrder, recordMap, removeFromOrder, writeFields } from './records.js';
import { roots } from './schema.js';
import { checkInput, idSchema, InvalidInputError, pageSchema, timeSchema, titleSchema, type InvalidRecord } from './validate.js';

export const EVIDENCE_KINDS = ['pdf', 'image', 'still'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_MIMES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
export type EvidenceMime = (typeof EVIDENCE_MIMES)[number];

/** Largest evidence file the model accepts (the server may set a lower limit). */
export const MAX_EVIDENCE_BYTES = 2 ** 36;

export const sha256Schema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256'));

/** What describes the file itself; given by whoever adds it. */
const fileEntries = {
  title: v.pipe(titleSchema, v.minLength(1)),
  kind: v.picklist(EVIDENCE_KINDS),
  mime: v.picklist(EVIDENCE_MIMES),
  bytes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_EVIDENCE_BYTES)),
  sha256: sha256Schema,
  pages: pageSchema,
  capturedAt: v.optional(timeSchema),
};

export const evidenceSchema = v.pipe(
  v.object({
    id: idSchema,
    ...fileEntries,
    venue: idSchema,
    addedBy: idSchema,
    addedAt: timeSchema,
    /** Pages the chair locked against annotation. */
    lockedPages: v.optional(v.pipe(v.array(pageSchema), v.maxLength(10_000))),
    updatedAt: v.optional(timeSchema),
  }),
  v.check((e) => (e.kind === 'pdf') === (e.mime === 'application/pdf'), 'kind and mime disagree'),
  v.check((e) => e.kind === 'pdf' || e.pages === 1, 'images have one page'),
);
export type Evidence = v.InferOutput<typeof evidenceSchema>;

/** What a caller gives to add evidence; the rest comes from the origin. */
export const newEvidenceSchema = v.object({ id: v.optional(idSchema), ...fileEntries });
export type NewEvidence = v.InferInput<typeof newEvidenceSchema>;

/** Reads every valid evidence item in display order. */
export function readEvidence(doc: Y.Doc, report?: (invalid: InvalidRecord) => void): Evidence[] {
  const { evidence, evidenceOrder } = roots(doc);
  const items = readCollection(evidence.entries(), evidenceSchema, 'evidence', report);
  const byTime = [...items.values()].sort((a, b) => a.addedAt - b.addedAt || (a.id < b.id ? -1 : 1)).map((e) => e.id);
  return readOrder(evidenceOrder, new Set(items.keys()), byTime).map((id) => items.get(id)!);
}

/** Adds an evidence item at the end of the list; returns its id. */
export function addEvidence(doc: Y.Doc, input: NewEvidence, origin: LocalOrigin): string {
  const item = checkInput('addEvidence', newEvidenceSchema, input);
  if ((item.kind === 'pdf') !== (item.mime === 'application/pdf')) throw new InvalidInputError('addEvidence', ['kind and mime disagree']);
  if (item.kind !== 'pdf' && item.pages !== 1) throw new InvalidInputError('addEvidence', ['images have one page']);
  const id = item.id ?? newId();
  const { evidence, evidenceOrder } = roots(doc);
  if (evidence.has(id)) throw new InvalidInputError('addEvidence', [`evidence ${id} exists`]);
  doc.transact(() => {
    createRecord(evidence, id, {
      ...item,
      id,
      venue: origin.actor.venue,
      addedBy: origin.actor.userId,
      addedAt: origin.now(),
    });
    evidenceOrder.push([id]);
  }, origin);
  return id;
}

/** The evidence item with this SHA-256, if the room has one (duplicates are recognised by hash). */
export function findEvidenceByHash(doc: Y.Doc, sha256: string): Evidence | undefined {
  return readEvidence(doc).find((e) => e.sha256 === sha256);
}

export const evidencePatchSchema = v.object({
  title: v.optional(v.pipe(titleSchema, v.minLength(1))),
  pages: v.optional(pageSchema),
  capturedAt: v.optional(timeSchema),
});

/** Updates an evidence item's editable fields. */
export function updateEvidence(doc: Y.Doc, id: string, patch: v.InferInput<typeof evidencePatchSchema>, origin: LocalOrigin): void {
  const fields = checkInput('updateEvidence', evidencePatchSchema, patch);
  const map = recordMap(roots(doc).evidence, id);
  if (!map) throw new InvalidInputError('updateEvidence', [`no evidence ${id}`]);
  doc.transact(() => writeFields(map, { ...fields, updatedAt: origin.now() }), origin);
}

/** Locks or unlocks a page against annotation (chair only). */
export function setPageLocked(doc: Y.Doc, id: string, page: number, locked: boolean, origin: LocalOrigin): void {
  const map = recordMap(roots(doc).evidence, id);
  if (!map) throw new InvalidInputError('setPageLocked', [`no evidence ${id}`]);
  const current = map.get('lockedPages');
  const pages = new Set(Array.isArray(current) ? current.filter((p): p is number => typeof p === 'number') : []);
  if (locked) pages.add(page);
  else pages.delete(page);
  doc.transact(() => writeFields(map, { lockedPages: [...pages].sort((a, b) => a - b), updatedAt: origin.now() }), origin);
}

/** True when the chair locked this page. */
export function isPageLocked(doc: Y.Doc, evidenceId: string, page: number): boolean {
  const locked = recordMap(roots(doc).evidence, evidenceId)?.get('lockedPages');
  return Array.isArray(locked) && locked.includes(page);
}

/** Removes an evidence item (its annotations stay, pointing at nothing, and are not shown). */
export function removeEvidence(doc: Y.Doc, id: string, origin: LocalOrigin): void {
  const { evidence, evidenceOrder } = roots(doc);
  doc.transact(() => {
    evidence.delete(id);
    removeFromOrder(evidenceOrder, id);
  }, origin);
}

/** Moves an evidence item to `toIndex` in the display order. */
export function moveEvidence(doc: Y.Doc, id: string, toIndex: number, origin: LocalOrigin): void {
  const readable = readEvidence(doc).map((e) => e.id);
  if (!readable.includes(id)) throw new InvalidInputError('moveEvidence', [`no evidence ${id}`]);
  doc.transact(() => moveInOrder(roots(doc).evidenceOrder, id, toIndex, readable), origin);
}
