/**
 * In-room use: finding an evidence item's record in the room's document and where its bytes are.
 */
import { readEvidence, type Evidence } from '@huishen/model';
import type { RoomContextValue } from '../room/room-context.js';

/** Where to fetch an evidence item's bytes, and what they must hash to. */
export interface EvidenceLookup {
  readonly url: string;
  readonly init?: RequestInit;
  readonly sha256: string;
  readonly mime: string;
}

/** The record of evidence `id` in the room (validated by the model), or `undefined` if absent. */
export function findEvidenceRecord(room: RoomContextValue, id: string): Evidence | undefined {
  return readEvidence(room.doc).find((e) => e.id === id);
}

/** Where the bytes of evidence `id` come from, or `undefined` while the room has no such record. */
export function findEvidenceById(room: RoomContextValue, id: string): EvidenceLookup | undefined {
  const record = findEvidenceRecord(room, id);
  if (!record) return undefined;
  return { url: room.evidenceUrl(record.sha256), init: room.fetchInit?.(), sha256: record.sha256, mime: record.mime };
}

/**
 * Publishes this venue's integrity result for evidence `id` in the room's presence (the
 * `integrity` field of `@huishen/model`'s presence schema), keeping the results for other items.
 */
export function publishIntegrity(room: RoomContextValue | undefined, id: string, state: 'ok' | 'mismatch' | 'unchecked'): void {
  const awareness = room?.awareness;
  if (!awareness || !id) return;
  const local = awareness.getLocalState() as { integrity?: Record<string, string> } | null;
  awareness.setLocalStateField('integrity', { ...local?.integrity, [id]: state });
}
