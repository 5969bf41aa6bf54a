/**
 * Adding a file to the room as evidence: type by magic bytes (never by the file name), SHA-256,
 * duplicate check, upload to the room's evidence store, page count, then the model operation.
 * Kept apart from the element so the rules are testable and the element stays a view.
 */
import { addEvidence, appendEntry, decide, findEvidenceByHash, readPresenterId, type Evidence } from '@huishen/model';
import { openPdf } from '../pdf/engine.js';
import type { RoomContextValue } from '../room/room-context.js';

/** The evidence types a room accepts, by their first bytes. */
type Detected = { kind: 'pdf'; mime: 'application/pdf' } | { kind: 'image'; mime: 'image/jpeg' | 'image/png' | 'image/webp' };

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);

/** The kind and MIME type of `head` (the file's first bytes), or `undefined` when not accepted. */
export function detectEvidenceType(head: Uint8Array): Detected | undefined {
  // "%PDF-" may follow a little garbage (up to 1 KB is allowed by readers); look a short way in.
  for (let i = 0; i <= Math.min(1019, head.length - 5); i++) if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d], i)) return { kind: 'pdf', mime: 'application/pdf' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mime: 'image/png' };
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return { kind: 'image', mime: 'image/webp' };
  return undefined;
}

/** Lower-case hex SHA-256 of `bytes`. */
async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether the room's local actor may add evidence now (the server decides the same way). */
export function mayAddEvidence(room: RoomContextValue | undefined): boolean {
  const actor = room?.origin?.actor;
  if (!room || !actor || !room.uploadEvidence) return false;
  const change = { target: 'evidence', id: 'new', after: { addedBy: actor.userId, venue: actor.venue }, fields: [] } as const;
  return decide(actor, change, { presenterId: readPresenterId(room.doc) }).allowed;
}

/** Why a file was not added. */
export class AddEvidenceError extends Error {
  readonly code: 'unsupported' | 'not-allowed' | 'damaged' | 'upload';
  constructor(code: AddEvidenceError['code'], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AddEvidenceError';
    this.code = code;
  }
}

/** The outcome of {@link addEvidenceFile}: the item, and whether it was already in the room. */
export interface AddedEvidence {
  readonly evidence: Evidence;
  readonly duplicate: boolean;
}

/**
 * Adds `file` to the room: rejects what is not a PDF/JPEG/PNG/WebP, recognises a file already in
 * the room by its SHA-256 (nothing is uploaded or added then), uploads the bytes, counts a PDF's
 * pages and registers the item. The title is the file name without its extension.
 */
export async function addEvidenceFile(room: RoomContextValue, file: Blob & { readonly name?: string }): Promise<AddedEvidence> {
  const origin = room.origin;
  if (!origin || !room.uploadEvidence || !mayAddEvidence(room)) throw new AddEvidenceError('not-allowed', 'this participant may not add evidence');
  const buffer = await file.arrayBuffer();
  const type = detectEvidenceType(new Uint8Array(buffer, 0, Math.min(buffer.byteLength, 1024)));
  if (!type) throw new AddEvidenceError('unsupported', 'not a PDF, JPEG, PNG or WebP file');
  const hash = await sha256(buffer);
  const existing = findEvidenceByHash(room.doc, hash);
  if (existing) return { evidence: existing, duplicate: true };
  let pages = 1;
  if (type.kind === 'pdf') {
    try {
      const pdf = await openPdf({ data: new Uint8Array(buffer) });
      pages = pdf.numPages;
      await pdf.destroy();
    } catch (cause) {
      throw new AddEvidenceError('damaged', cause instanceof Error ? cause.message : String(cause), { cause });
    }
  }
  try {
    await room.uploadEvidence(new Blob([buffer], { type: type.mime }));
  } catch (cause) {
    throw new AddEvidenceError('upload', cause instanceof Error ? cause.message : String(cause), { cause });
  }
  const title = (file.name ?? '').replace(/\.[A-Za-z0-9]{1,5}$/, '').trim() || hash.slice(0, 12);
  // The record and its timeline entry ("evidence added") in one transaction.
  let id = '';
  room.doc.transact(() => {
    id = addEvidence(room.doc, { title: title.slice(0, 200), kind: type.kind, mime: type.mime, bytes: buffer.byteLength, sha256: hash, pages }, origin);
    appendEntry(room.doc, { kind: 'system', event: { code: 'evidence-added', params: { evidenceId: id, title: title.slice(0, 200) } } }, origin);
  }, origin);
  const evidence = findEvidenceByHash(room.doc, hash);
  if (!evidence || evidence.id !== id) throw new AddEvidenceError('upload', 'the evidence record was not readable after adding it');
  return { evidence, duplicate: false };
}
