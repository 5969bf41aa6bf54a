/**
 * Seeds the demo room once: venues, case information, the generated evidence files (stored in the
 * room server's blob store, registered with their SHA-256), the briefing outline with anchors into
 * the evidence, and the presenter. Written straight into the room store before the server loads
 * the room, the way an administrator's import would; from then on every change goes through the
 * room server like any other.
 */
import { createHash } from 'node:crypto';
import {
  addEvidence,
  addOutlineNode,
  initRoom,
  LocalOrigin,
  setCaseInfo,
  setPresenter,
  setVenue,
  type Actor,
  type Anchor,
} from '@huishen/model';
import type { BlobStore, RoomStore } from '@huishen/server';
import * as Y from 'yjs';
import { samplePdf } from '../stories/support/sample-pdfs.js';
import { CASE_INFO, DOCUMENTS, OUTLINE, PARTICIPANTS, SCAN, VENUES, type DemoParticipant } from './case.js';
import { receiptScanPdf } from './scan.js';

/** One generated file of the demo. */
export interface DemoFile {
  readonly key: string;
  readonly title: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly sha256: string;
  readonly pages: number;
}

/** The demo's evidence files, generated (the same bytes every time). */
export function demoFiles(): DemoFile[] {
  const files = DOCUMENTS.map((d) => ({ key: d.key, title: d.title, bytes: samplePdf(d.pages.map((lines) => ({ chineseLines: lines }))), pages: d.pages.length }));
  files.push({ key: SCAN.key, title: SCAN.title, bytes: receiptScanPdf(), pages: 1 });
  return files.map((f) => ({ ...f, sha256: createHash('sha256').update(f.bytes).digest('hex') }));
}

function actorOf(p: DemoParticipant): Actor {
  return { userId: p.id, name: p.name, venue: p.venue, role: p.role };
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/**
 * Seeds `room` in `store` and the files in `blobs` unless the room already has content. Resolves
 * `true` when it seeded.
 */
export async function seedDemoRoom(room: string, store: RoomStore, blobs: BlobStore, now = Date.now()): Promise<boolean> {
  if ((await store.load(room)).length > 0) return false;
  const files = demoFiles();
  for (const file of files) await blobs.put(file.sha256, once(file.bytes), { maxBytes: file.bytes.byteLength });

  const chair = PARTICIPANTS.find((p) => p.role === 'chair')!;
  const presenter = PARTICIPANTS.find((p) => p.role === 'presenter')!;
  const byChair = new LocalOrigin(actorOf(chair), () => now);
  const byPresenter = new LocalOrigin(actorOf(presenter), () => now);
  const doc = new Y.Doc();
  initRoom(doc, { now });
  for (const venue of VENUES) setVenue(doc, venue, byChair);
  setCaseInfo(doc, CASE_INFO, byChair);
  const ids = new Map<string, string>();
  for (const file of files) {
    const id = addEvidence(doc, { title: file.title, kind: 'pdf', mime: 'application/pdf', bytes: file.bytes.byteLength, sha256: file.sha256, pages: file.pages }, byPresenter);
    ids.set(file.key, id);
  }
  for (const node of OUTLINE) {
    const anchors: Anchor[] = (node.anchors ?? []).map((a) => ({ evidenceId: ids.get(a.document)!, page: a.page, label: a.label }));
    addOutlineNode(doc, { kind: node.kind, title: node.title, body: node.body, anchors }, byPresenter);
  }
  setPresenter(doc, presenter.id, byChair);
  await store.append(room, [Y.encodeStateAsUpdate(doc)]);
  doc.destroy();
  return true;
}
