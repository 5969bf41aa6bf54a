import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import * as encoding from 'lib0/encoding';
import { CloseCode, LocalOrigin, MessageType, appendEntry, readTimeline } from '@huishen/model';
import { startServer, token, until } from './support/server.js';
import { TestClient } from './support/client.js';

const frame = (...parts: Array<(e: encoding.Encoder) => void>): Uint8Array => {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
};
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);
const raw = (b: number[]) => (e: encoding.Encoder) => encoding.writeUint8Array(e, Uint8Array.from(b));

test('limits close only the offending connection, each with its own code', async () => {
  const t = await startServer({
    limits: { maxMessageBytes: 4096, messagesPerSecond: 20, messageBurst: 40, maxConnectionsPerRoom: 3, maxRooms: 4, authTimeoutMs: 300, roomIdleMs: 60_000 },
  });
  try {
    // A bystander room that must keep working throughout.
    const chair = { userId: 'c1', name: 'Name c1', venue: 'city', role: 'chair' } as const;
    const bystander = TestClient.connect(t.url, 'bystander', await token('bystander', 'c1', 'chair'));
    const watcher = TestClient.connect(t.url, 'bystander', await token('bystander', 'w1', 'observer'));
    await Promise.all([bystander.synced(), watcher.synced()]);
    const origin = new LocalOrigin(chair);
    let entries = 0;
    const bystanderStillWorks = async (): Promise<void> => {
      appendEntry(bystander.doc, { kind: 'comment', text: `still here ${++entries}` }, origin);
      await bystander.allSaved();
      await watcher.waitFor(() => readTimeline(watcher.doc).length === entries, `watcher has ${entries} entries`);
    };

    const closedWith = async (room: string, send: (c: TestClient) => void, code: number, what: string): Promise<void> => {
      const c = TestClient.connect(t.url, room, await token(room, 'u1', 'member'));
      await c.synced();
      send(c);
      assert.equal(await c.closed, code, what);
      await bystanderStillWorks();
    };

    await closedWith('r1', (c) => c.send(new Uint8Array(10_000)), CloseCode.tooLarge, 'frame over maxMessageBytes');
    await closedWith('r1', (c) => c.send(frame(uint(MessageType.queryAwareness), raw(new Array(4094).fill(0)))), CloseCode.badMessage, 'a frame just under the limit with trailing bytes');
    await closedWith('r1', (c) => { for (let i = 0; i < 200; i++) c.send(frame(uint(MessageType.queryAwareness))); }, CloseCode.rateLimited, 'too many messages');
    await closedWith('r1', (c) => c.send(Uint8Array.from([0x07])), CloseCode.badMessage, 'unknown message type');
    await closedWith('r1', (c) => c.send(new Uint8Array(0)), CloseCode.badMessage, 'empty frame');
    await closedWith('r1', (c) => c.send(frame(uint(MessageType.auth), uint(0))), CloseCode.badMessage, 'auth message from a client');
    await closedWith('r1', (c) => c.send(frame(uint(MessageType.sync), uint(2), uint(100), raw([1, 2]))), CloseCode.badMessage, 'truncated update');
    await closedWith('r1', (c) => c.send(frame(uint(MessageType.sync), uint(2), bytes(new Uint8Array(0)))), CloseCode.badMessage, 'zero-length update');
    await closedWith('r1', (c) => c.send(frame(uint(MessageType.sync), uint(9), bytes(new Uint8Array(3)))), CloseCode.badMessage, 'unknown sync type');
    await closedWith('r1', (c) => c.send(frame(uint(MessageType.sync), uint(0), bytes(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])))), CloseCode.badMessage, 'state vector with a huge count');
    await closedWith('r1', (c) => c.send(frame(uint(MessageType.awareness), bytes(Uint8Array.from([5, 1])))), CloseCode.badMessage, 'truncated awareness');
    await closedWith('r1', (c) => c.ws.send('hello'), CloseCode.badMessage, 'text frame');

    // Room full: three fit, the fourth is refused.
    const members = await Promise.all([1, 2, 3].map(async (i) => TestClient.connect(t.url, 'full', await token('full', `m${i}`, 'member'))));
    await Promise.all(members.map((m) => m.synced()));
    const fourth = TestClient.connect(t.url, 'full', await token('full', 'm4', 'member'));
    assert.equal(await fourth.closed, CloseCode.roomFull, 'max connections per room');
    await Promise.all(members.map((m) => m.close()));

    // Max rooms: bystander, r1 and full are loaded; one more fits, the next does not.
    const r4 = TestClient.connect(t.url, 'r4', await token('r4', 'u', 'member'));
    await r4.synced();
    const r5 = TestClient.connect(t.url, 'r5', await token('r5', 'u', 'member'));
    assert.equal(await r5.closed, CloseCode.roomFull, 'max rooms');
    await r4.close();

    // Unauthenticated time limit: a TCP connection that never upgrades is cut.
    await new Promise<void>((resolve, reject) => {
      const s = connect(Number(new URL(t.http).port), '127.0.0.1', () => s.write('GET /r1?token=x HTTP/1.1\r\nHost: x\r\n'));
      s.on('close', () => resolve());
      s.on('error', reject);
    });
    assert.equal(t.server.metrics.get('huishen_auth_timeouts_total'), 1);

    await bystanderStillWorks();
    assert.equal(bystander.rejected.length, 0);
    await Promise.all([bystander.close(), watcher.close()]);
  } finally {
    await t.stop();
  }
});

test('healthz and metrics answer over HTTP', async () => {
  const t = await startServer();
  try {
    const c = TestClient.connect(t.url, 'm', await token('m', 'u1', 'chair'));
    await c.synced();
    const health = await fetch(`${t.http}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { rooms: number }).rooms, 1);
    const metrics = await (await fetch(`${t.http}/metrics`)).text();
    for (const name of ['huishen_rooms 1', 'huishen_connections 1', 'huishen_messages_received_total', 'huishen_bytes_received_total', 'huishen_store_append_seconds_bucket', 'huishen_store_append_seconds_count']) {
      assert.ok(metrics.includes(name), name);
    }
    assert.equal((await fetch(`${t.http}/nope`)).status, 404);
    await c.close();
    await until(() => t.server.connectionCount() === 0, 'closed');
  } finally {
    await t.stop();
  }
});
