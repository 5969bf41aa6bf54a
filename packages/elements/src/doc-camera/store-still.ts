/**
 * Putting a captured still into the room: the bytes into the evidence store (through the room's
 * `uploadEvidence`, checked against our own SHA-256), then one transaction that adds the evidence
 * record (kind `still`, capture time; venue and operator come from the origin), records
 * `still-captured` in the timeline and, when asked, freezes every venue on it.
 */
import { addEvidence, appendEntry, freezeCamera, type LocalOrigin } from '@huishen/model';
import type { RoomContextValue } from '../room/room-context.js';
import type { Still } from './still.js';

/**
 * Stores `still` in `room` as evidence titled `title`, written by `origin`; resolves with the
 * evidence id. Rejects when the room has no evidence upload.
 */
export async function storeStill(
  room: RoomContextValue,
  origin: LocalOrigin,
  still: Still,
  title: string,
  options: { freeze?: boolean | undefined; requestedBy?: string | undefined } = {},
): Promise<string> {
  if (!room.uploadEvidence) throw new Error('this room has no evidence upload');
  const stored = await room.uploadEvidence(still.blob);
  if (stored !== still.sha256) throw new Error(`the evidence store answered ${stored} for a still hashed ${still.sha256}`);
  const { doc } = room;
  let evidenceId = '';
  doc.transact(() => {
    evidenceId = addEvidence(doc, { title, kind: 'still', mime: 'image/png', bytes: still.blob.size, sha256: still.sha256, pages: 1, capturedAt: still.capturedAt }, origin);
    appendEntry(doc, { kind: 'system', event: { code: 'still-captured', params: { evidenceId, title, width: still.width, height: still.height } } }, origin);
    if (options.freeze) freezeCamera(doc, evidenceId, origin, options.requestedBy);
  }, origin);
  return evidenceId;
}
