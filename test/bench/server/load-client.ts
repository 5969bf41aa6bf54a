/**
 * The load clients of the server benchmarks, identical for ours and the anchor.
 *
 * How to think about it: a {@link LoadClient} writes real timeline comments, made by the model
 * in a private doc that holds only its own entries (so every update passes the rights check),
 * and never applies what it receives. Its updates are made *before* the timed part
 * ({@link LoadClient.prepare}); sending one is a single `ws.send`. Each comment's text carries a
 * marker `@<client>@<write>@`; the {@link DeliveryClock} notes when each write was sent and,
 * when another client sees the marker in a relayed update, records the latency. So the clients
 * cost little and the same for both servers, and what is measured is the server.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { LocalOrigin, appendEntry, type Actor } from '@huishen/model';
import { mintToken } from '@huishen/server';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

/** The HS256 secret both the bench and the server under test use. */
export const SECRET = 'bench-secret-0123456789abcdef';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Send times of the writes sent while measuring, and the latencies of their deliveries (a write
 * sent during a warm-up and delivered late is not counted).
 */
export class DeliveryClock {
  measuring = false;
  readonly latencies: number[] = [];
  /** Deliveries per measured write key (`client:write`). */
  readonly seen = new Map<string, number>();
  private readonly sentAt = new Map<string, number>();

  sent(key: string, at: number): void {
    if (this.measuring) this.sentAt.set(key, at);
  }

  delivered(key: string, at: number): void {
    if (!this.measuring) return;
    const sent = this.sentAt.get(key);
    if (sent === undefined) return;
    this.latencies.push(at - sent);
    this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
  }

  /** Starts a new measurement (drops earlier latencies). */
  start(): void {
    this.latencies.length = 0;
    this.seen.clear();
    this.sentAt.clear();
    this.measuring = true;
  }
}

const MARKER = /@(\d+)@(\d+)@/g;

/** One light client; see the module comment. */
export class LoadClient {
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  /** Writes sent, highest **saved** received, **rejected** received. */
  writes = 0;
  saved = 0;
  rejected = 0;
  private readonly doc = new Y.Doc();
  private readonly origin: LocalOrigin;
  private readonly frames: Uint8Array[] = [];
  private made = 0;

  constructor(
    url: string,
    room: string,
    token: string,
    readonly index: number,
    actor: Actor,
    private readonly clock: DeliveryClock,
  ) {
    this.origin = new LocalOrigin(actor);
    // ext=huishen asks ours for saved/rejected (the anchor ignores the parameter).
    this.ws = new WebSocket(`${url}/${room}?token=${token}&ext=huishen`);
    this.ws.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        this.ws.send(Uint8Array.from([0, 0, 1, 0])); // sync step 1 with an empty state vector
        resolve();
      });
      this.ws.once('error', reject);
    });
    this.ws.on('message', (data: Buffer) => {
      const at = performance.now();
      if (data[0] === 0 && data[1] === 2) {
        for (const m of data.toString('latin1').matchAll(MARKER)) {
          if (Number(m[1]) !== this.index) this.clock.delivered(`${m[1]}:${m[2]}`, at);
        }
      } else if (data[0] === 101) {
        this.saved = Math.max(this.saved, decoding.readVarUint(decoding.createDecoder(data.subarray(1))));
      } else if (data[0] === 102) this.rejected++;
    });
  }

  /** Makes `count` more update frames, ready to send. */
  prepare(count: number): void {
    let update: Uint8Array | undefined;
    const take = (u: Uint8Array): void => void (update = u);
    this.doc.on('update', take);
    for (let i = 0; i < count; i++) {
      const n = ++this.made;
      appendEntry(this.doc, { kind: 'comment', text: `@${this.index}@${n}@ ${'意见'.repeat(6)}` }, this.origin);
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update!);
      this.frames.push(encoding.toUint8Array(e));
    }
    this.doc.off('update', take);
  }

  /** Sends the next prepared update; returns its key (`client:write`). */
  send(): string {
    const frame = this.frames.shift();
    if (frame === undefined) throw new Error('LoadClient: no prepared update left (call prepare first)');
    const n = ++this.writes;
    const key = `${this.index}:${n}`;
    this.clock.sent(key, performance.now());
    this.ws.send(frame);
    return key;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

let clientIndex = 0;

/** Connects `count` members (city venue) to `room`. */
export async function connectClients(url: string, room: string, count: number, clock: DeliveryClock): Promise<LoadClient[]> {
  const clients: LoadClient[] = [];
  for (let i = 0; i < count; i++) {
    const index = ++clientIndex;
    const actor: Actor = { userId: `b${index}`, name: `Bench ${index}`, venue: 'city', role: 'member' };
    const token = await mintToken(SECRET, { room, userId: actor.userId, name: actor.name, venue: actor.venue, role: 'member', ttlSeconds: 3600 });
    clients.push(new LoadClient(url, room, token, index, actor, clock));
  }
  await Promise.all(clients.map((c) => c.opened));
  return clients;
}

/**
 * Each client sends `perSecond` updates a second for `ms`, each starting at a random phase. The
 * updates are prepared first, outside the timed part. Returns the keys sent.
 */
export async function drive(clients: readonly LoadClient[], perSecond: number, ms: number): Promise<string[]> {
  const period = 1000 / perSecond;
  const each = Math.ceil(ms / period);
  for (const c of clients) c.prepare(each);
  const keys: string[] = [];
  const start = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      let due = start + Math.random() * period;
      for (let i = 0; i < each; i++, due += period) {
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        keys.push(c.send());
      }
    }),
  );
  return keys;
}

export function closeAll(clients: readonly LoadClient[]): Promise<void[]> {
  return Promise.all(clients.map((c) => c.close()));
}
