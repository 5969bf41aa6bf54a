/**
 * Fuzz: well over 10,000 random, truncated and mutated frames against a live server, from several
 * connections at once, while a bystander room keeps syncing. The server must never crash, never
 * close with 4500 (an internal error means an input reached code that threw), and the bystander's
 * state must stay exactly right. Seeded: set HUISHEN_SEED to replay.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, LocalOrigin, MessageType, addAnnotation, addEvidence, appendEntry, readTimeline, setCaseInfo, type Actor } from '@huishen/model';
import { startServer, token } from './support/server.js';
import { TestClient } from './support/client.js';
import { seededRandom } from '../helpers/random.js';

const TARGET = 10_000;
const WORKERS = 8;


const msg = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};
const HUGE = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f];

/** Valid frames of every kind, built from real model operations. */
function corpus(): Uint8Array[] {
  const actor: Actor = { userId: 'fuzzer', name: 'Name fuzzer', venue: 'city', role: 'chair' };
  const origin = new LocalOrigin(actor);
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const evidenceId = addEvidence(doc, { title: 'E', kind: 'pdf', mime: 'application/pdf', bytes: 10, sha256: 'd'.repeat(64), pages: 3 }, origin);
  addAnnotation(doc, { evidenceId, page: 1, kind: 'rect', geometry: { rect: [1, 2, 3, 4] } } as never, origin);
  appendEntry(doc, { kind: 'comment', text: '模糊测试' }, origin);
  setCaseInfo(doc, { caseTitle: 'fuzz' }, origin);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalStateField('user', { id: 'fuzzer', name: 'Name fuzzer', venue: 'city', role: 'chair', color: '#112233', colorLight: '#aabbcc' });
  const frames = [
    ...updates.map((u) => msg((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeUpdate(e, u)))),
    msg((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeSyncStep1(e, doc))),
    msg((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeSyncStep2(e, doc))),
    msg((e) => (encoding.writeVarUint(e, MessageType.awareness), encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])))),
    msg((e) => encoding.writeVarUint(e, MessageType.queryAwareness)),
    // Known hostile shapes: zero-length updates, huge lengths and counts.
    Uint8Array.from([0, 2, 0]),
    Uint8Array.from([0, 1, 0]),
    Uint8Array.from([0, 2, ...HUGE]),
    Uint8Array.from([0, 2, 10, ...HUGE, 0, 0]),
    Uint8Array.from([0, 2, 9, 1, ...HUGE]),
    Uint8Array.from([0, 0, 9, ...HUGE, 1]),
    Uint8Array.from([1, 9, ...HUGE, 1]),
    Uint8Array.from([0, 2, 2, 0, 0]),
    Uint8Array.from([0, 2, 6, 1, 1, 5, 0, 10, ...[0x80]]),
  ];
  awareness.destroy();
  return frames;
}

function mutate(rand: () => number, base: Uint8Array): Uint8Array {
  const pick = rand();
  const bytes = Array.from(base);
  const at = () => Math.floor(rand() * (bytes.length + 1));
  if (pick < 0.2) return Uint8Array.from(bytes.slice(0, at())); // truncated
  if (pick < 0.45) {
    for (let i = 0, n = 1 + Math.floor(rand() * 4); i < n && bytes.length > 0; i++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
    return Uint8Array.from(bytes); // flipped bytes
  }
  if (pick < 0.6) {
    bytes.splice(at(), 0, ...HUGE.slice(Math.floor(rand() * 4))); // a huge varUint inserted
    return Uint8Array.from(bytes);
  }
  if (pick < 0.7) {
    bytes.splice(at(), Math.floor(rand() * 4)); // bytes removed
    return Uint8Array.from(bytes);
  }
  if (pick < 0.8) return Uint8Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)); // noise
  if (pick < 0.9) return Uint8Array.from([Math.floor(rand() * 4), ...Array.from({ length: Math.floor(rand() * 24) }, () => Math.floor(rand() * 256))]);
  return base; // valid frames too
}

const MARKER = Uint8Array.from([0, 0, 1, 0]); // sync step 1 with an empty state vector

test(`fuzz: ${TARGET}+ hostile frames while a bystander room keeps syncing`, async (t) => {
  const seed = Number(process.env['HUISHEN_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  t.diagnostic(`seed ${seed}`);
  const rand = seededRandom(seed);
  const server = await startServer({ limits: { messagesPerSecond: 100_000, messageBurst: 100_000, maxMessageBytes: 64 * 1024, roomIdleMs: 60_000 } });
  const frames = corpus();
  try {
    const chair: Actor = { userId: 'calm-chair', name: 'Name calm-chair', venue: 'city', role: 'chair' };
    const writer = TestClient.connect(server.url, 'calm', await token('calm', chair.userId, 'chair'));
    const watcher = TestClient.connect(server.url, 'calm', await token('calm', 'calm-watch', 'observer'));
    await Promise.all([writer.synced(), watcher.synced()]);
    let fuzzing = true;
    let bystanderWrites = 0;
    const bystander = (async () => {
      const origin = new LocalOrigin(chair);
      while (fuzzing) {
        appendEntry(writer.doc, { kind: 'comment', text: `calm ${bystanderWrites++}` }, origin);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    let delivered = 0;
    const codes = new Map<number, number>();
    const tokens = await Promise.all(Array.from({ length: WORKERS }, (_, i) => token(`fuzz-${i}`, `f${i}`, i % 2 === 0 ? 'chair' : 'member')));
    const worker = async (i: number): Promise<void> => {
      while (delivered < TARGET) {
        const ws = new WebSocket(`${server.url}/fuzz-${i}?token=${tokens[i]}`);
        let wake: (() => void) | undefined;
        let closed = false;
        ws.on('message', (data: Buffer) => {
          if (data[0] === 0 && data[1] === 1) wake?.();
        });
        ws.on('close', (code) => {
          closed = true;
          codes.set(code, (codes.get(code) ?? 0) + 1);
          wake?.();
        });
        ws.on('error', () => {});
        await new Promise<void>((resolve) => ws.once('open', () => resolve()).once('close', () => resolve()));
        while (!closed && delivered < TARGET) {
          const frame = mutate(rand, frames[Math.floor(rand() * frames.length)]!);
          const answered = new Promise<void>((resolve) => (wake = resolve));
          ws.send(frame);
          ws.send(MARKER);
          await answered;
          delivered++;
        }
        if (!closed) ws.close();
        await new Promise<void>((resolve) => (closed ? resolve() : ws.once('close', () => resolve())));
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i)));
    fuzzing = false;
    await bystander;
    t.diagnostic(`delivered ${delivered} frames; close codes ${JSON.stringify(Object.fromEntries(codes))}; bystander wrote ${bystanderWrites}`);

    assert.ok(delivered >= TARGET);
    assert.equal(codes.get(CloseCode.internalError) ?? 0, 0, 'no input made the server throw');
    for (const code of codes.keys()) assert.ok([1000, 1005, CloseCode.badMessage, CloseCode.tooLarge].includes(code as never), `unexpected close code ${code}`);
    await writer.allSaved();
    assert.equal(writer.rejected.length, 0);
    await watcher.waitFor(() => readTimeline(watcher.doc).length === bystanderWrites, 'watcher has every bystander entry');
    const expected = Array.from({ length: bystanderWrites }, (_, i) => `calm ${i}`);
    for (const doc of [watcher.doc, writer.doc, server.server.roomDoc('calm')!]) {
      assert.deepEqual(readTimeline(doc).map((e) => (e.kind === 'comment' ? e.text : '?')), expected);
    }
    await Promise.all([writer.close(), watcher.close()]);
  } finally {
    await server.stop();
  }
});
