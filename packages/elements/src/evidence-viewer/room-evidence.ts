/**
 * In-room use: finding an evidence item's record in the room's document and where its bytes are.
 */
import { appendEntry, readEvidence, readTimeline, type Evidence } from '@huishen/model';
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

/**
 * Records this venue's integrity check of evidence `id` in the discussion timeline, once per
 * venue and evidence item: `integrity-confirmed` when the bytes matched the recorded SHA-256,
 * `integrity-mismatch` when they did not. The minutes list which venues confirmed each file from
 * these entries. Observers (read-only) and a venue that already recorded the same result write
 * nothing; a mismatch after a confirmation (or the other way round) is recorded too.
 */
export function recordIntegrity(room: RoomContextValue | undefined, id: string, state: 'ok' | 'mismatch'): void {
  const origin = room?.origin;
  if (!room || !origin || !id || origin.actor.role === 'observer') return;
  const record = findEvidenceRecord(room, id);
  if (!record) return;
  const code = state === 'ok' ? 'integrity-confirmed' : 'integrity-mismatch';
  const venue = origin.actor.venue;
  let last: string | undefined;
  for (const entry of readTimeline(room.doc)) {
    if (entry.kind !== 'system' || entry.venue !== venue || entry.event.params?.['evidenceId'] !== id) continue;
    if (entry.event.code === 'integrity-confirmed' || entry.event.code === 'integrity-mismatch') last = entry.event.code;
  }
  if (last === code) return;
  try {
    appendEntry(room.doc, { kind: 'system', event: { code, params: { evidenceId: id, title: record.title } } }, origin);
  } catch {
    // A title the entry schema refuses must not break showing the file; the presence result stands.
  }
}
