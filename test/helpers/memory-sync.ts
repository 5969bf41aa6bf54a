/**
 * In-memory sync for tests and stories: connects Y.Docs (and their awarenesses) so that every
 * update of one is applied to the others, as a relay server would, with no network. The
 * convergence tests use the lower-level {@link Network}, which queues updates and lets the test
 * decide delivery order, duplication, delay and disconnection.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

const REMOTE = Symbol('memory-sync');

/** Connects docs (and optionally awarenesses) live; returns a function that disconnects them. */
export function connectDocs(docs: Y.Doc[], awarenesses: awarenessProtocol.Awareness[] = []): () => void {
  for (let i = 0; i < docs.length; i++) {
    for (let j = 0; j < docs.length; j++) if (i !== j) Y.applyUpdate(docs[j]!, Y.encodeStateAsUpdate(docs[i]!), REMOTE);
  }
  const offs = docs.map((doc, i) => {
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      docs.forEach((other, j) => j !== i && Y.applyUpdate(other, update, REMOTE));
    };
    doc.on('update', onUpdate);
    return () => doc.off('update', onUpdate);
  });
  const awarenessOffs = awarenesses.map((awareness, i) => {
    const onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === REMOTE) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]);
      awarenesses.forEach((other, j) => j !== i && awarenessProtocol.applyAwarenessUpdate(other, update, REMOTE));
    };
    awareness.on('update', onUpdate);
    return () => awareness.off('update', onUpdate);
  });
  for (let i = 0; i < awarenesses.length; i++) {
    const update = awarenessProtocol.encodeAwarenessUpdate(awarenesses[i]!, [...awarenesses[i]!.getStates().keys()]);
    awarenesses.forEach((other, j) => j !== i && awarenessProtocol.applyAwarenessUpdate(other, update, REMOTE));
  }
  return () => [...offs, ...awarenessOffs].forEach((off) => off());
}

/**
 * A network of peers whose updates are queued per receiver; the test delivers them in any
 * order, duplicates, delays and drops links. Yjs must converge whatever the order.
 */
export class Network {
  readonly docs: Y.Doc[];
  /** queues[i] holds updates waiting to be delivered to peer i. */
  readonly queues: Uint8Array[][];
  readonly online: boolean[];

  constructor(count: number) {
    this.docs = Array.from({ length: count }, () => new Y.Doc());
    this.queues = this.docs.map(() => []);
    this.online = this.docs.map(() => true);
    this.docs.forEach((doc, i) => {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE || !this.online[i]) return;
        this.queues.forEach((queue, j) => j !== i && this.online[j] && queue.push(update));
      });
    });
  }

  /** Delivers the update at `index` of peer `to`'s queue (removing it unless `duplicate`). */
  deliver(to: number, index: number, duplicate = false): void {
    const queue = this.queues[to]!;
    const update = duplicate ? queue[index] : queue.splice(index, 1)[0];
    if (update) Y.applyUpdate(this.docs[to]!, update, REMOTE);
  }

  /** Takes a peer off the network: it keeps working locally; nothing reaches or leaves it. */
  disconnect(i: number): void {
    this.online[i] = false;
    this.queues[i] = [];
  }

  /** Brings a peer back and runs the sync handshake with every online peer (state-vector diffs). */
  reconnect(i: number): void {
    this.online[i] = true;
    this.docs.forEach((other, j) => {
      if (j === i || !this.online[j]) return;
      this.queues[j]!.push(Y.encodeStateAsUpdate(this.docs[i]!, Y.encodeStateVector(other)));
      this.queues[i]!.push(Y.encodeStateAsUpdate(other, Y.encodeStateVector(this.docs[i]!)));
    });
  }

  /** Reconnects everyone and delivers everything. */
  settle(): void {
    this.docs.forEach((_, i) => !this.online[i] && this.reconnect(i));
    while (this.queues.some((q) => q.length > 0)) {
      this.queues.forEach((queue, i) => {
        while (queue.length > 0) this.deliver(i, 0);
      });
    }
  }
}
