/** Small builders for model tests: actors, origins and a room with one evidence item. */
import * as Y from 'yjs';
import { addEvidence, initRoom, LocalOrigin, SERVER_ORIGIN, type Actor, type Role } from '@huishen/model';

/** An actor of `role` in `venue`, with a readable id. */
export function actor(role: Role, userId = `${role}1`, venue = role === 'presenter' ? 'county' : 'city'): Actor {
  return { userId, name: `${role} ${userId}`, venue, role };
}

/** A fixed clock, so records compare equal across runs. */
export function clock(start = 1_700_000_000_000): () => number {
  let t = start;
  return () => (t += 1000);
}

/** A LocalOrigin for an actor with a deterministic clock. */
export function origin(a: Actor): LocalOrigin {
  return new LocalOrigin(a, clock());
}

/** A fake SHA-256 (64 lower-case hex digits) derived from a number. */
export function sha(n: number): string {
  return n.toString(16).padStart(64, '0');
}

/** A room with schema/generation and one 10-page PDF added by the chair. */
export function roomWithEvidence(): { doc: Y.Doc; evidenceId: string; chair: LocalOrigin } {
  const doc = new Y.Doc();
  initRoom(doc, { generation: 'gen1', now: 1 }, SERVER_ORIGIN);
  const chair = origin(actor('chair'));
  const evidenceId = addEvidence(
    doc,
    { id: 'ev1', title: '讯问笔录', kind: 'pdf', mime: 'application/pdf', bytes: 1234, sha256: sha(1), pages: 10 },
    chair,
  );
  return { doc, evidenceId, chair };
}

/** The update a peer makes: clones `doc`, runs `f` on the clone, returns the diff. */
export function updateFrom(doc: Y.Doc, f: (peer: Y.Doc) => void): Uint8Array {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(peer);
  f(peer);
  return Y.encodeStateAsUpdate(peer, before);
}
