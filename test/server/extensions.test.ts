/**
 * Huishen's extension messages (hello 100, saved 101, rejected 102) are opt-in with `ext=huishen`:
 * a stock y-websocket client, which has no handler for them, is sent none, and still syncs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalOrigin, MessageType, appendEntry, readTimeline, type Actor } from '@huishen/model';
import { startServer, stockClient, token, until } from './support/server.js';
import { TestClient } from './support/client.js';

const chair: Actor = { userId: 'chair1', name: 'Name chair1', venue: 'city', role: 'chair' };
const member: Actor = { userId: 'member1', name: 'Name member1', venue: 'county', role: 'member' };
const observer: Actor = { userId: 'obs1', name: 'Name obs1', venue: 'county', role: 'observer' };
const texts = (doc: Parameters<typeof readTimeline>[0]) => readTimeline(doc).map((e) => (e.kind === 'comment' ? e.text : '?'));
const extensionTypes = (types: readonly number[]) => types.filter((t) => t >= 100);

test('a stock client without ext=huishen gets no message type ≥ 100 and still syncs both ways', async () => {
  const t = await startServer();
  try {
    const c = TestClient.connect(t.url, 'ext-1', await token('ext-1', chair.userId, 'chair'));
    await c.synced();
    appendEntry(c.doc, { kind: 'comment', text: 'before' }, new LocalOrigin(chair));
    await c.allSaved();

    const s = stockClient(t.url, 'ext-1', await token('ext-1', member.userId, 'member', { venue: 'county' }), undefined, { ext: false });
    await until(() => s.provider.synced && texts(s.doc).length === 1, 'stock client synced');
    appendEntry(s.doc, { kind: 'comment', text: 'from stock' }, new LocalOrigin(member));
    await c.waitFor(() => texts(c.doc).includes('from stock'), 'chair sees the stock write');
    appendEntry(c.doc, { kind: 'comment', text: 'after' }, new LocalOrigin(chair));
    await until(() => texts(s.doc).includes('after'), 'stock client sees the chair write');
    await c.allSaved();
    await t.server.flush();

    assert.deepEqual(texts(t.server.roomDoc('ext-1')!), texts(s.doc));
    assert.deepEqual(extensionTypes(s.messageTypes), [], 'no extension message reached the stock client');
    assert.ok(s.messageTypes.includes(MessageType.sync));
    assert.equal(s.ext.generation, undefined);
    // The client that asked for them got hello and saved.
    assert.ok(c.messageTypes.includes(MessageType.hello) && c.messageTypes.includes(MessageType.saved));
    s.destroy();
    await c.close();
  } finally {
    await t.stop();
  }
});

test('a refused write from a stock client is simply not applied: no rejected, the connection stays open', async () => {
  const t = await startServer();
  try {
    const c = TestClient.connect(t.url, 'ext-2', await token('ext-2', chair.userId, 'chair'));
    await c.synced();
    const s = stockClient(t.url, 'ext-2', await token('ext-2', observer.userId, 'observer', { venue: 'county' }), undefined, { ext: false });
    await until(() => s.provider.synced, 'observer synced');
    const ws = s.provider.ws!;

    // Observers change nothing; the stock client sends the write anyway.
    appendEntry(s.doc, { kind: 'comment', text: 'not allowed' }, new LocalOrigin(observer));
    await until(() => t.server.metrics.get('huishen_updates_rejected_total', 'reason="read-only"') >= 1, 'server refused the write');
    await t.server.flush();
    assert.deepEqual(texts(t.server.roomDoc('ext-2')!), [], 'the refused write was not applied');
    assert.deepEqual(texts(s.doc), ['not allowed'], 'the stock client keeps its local change (it was told nothing)');

    // The same connection keeps syncing.
    appendEntry(c.doc, { kind: 'comment', text: 'chair writes' }, new LocalOrigin(chair));
    await until(() => texts(s.doc).includes('chair writes'), 'observer still receives updates');
    assert.equal(s.provider.ws, ws, 'the provider never reconnected');
    assert.equal(ws.readyState, ws.OPEN);
    assert.deepEqual(texts(c.doc), ['chair writes'], 'nothing of the refused write was relayed');
    assert.deepEqual(extensionTypes(s.messageTypes), []);
    s.destroy();
    await c.close();
  } finally {
    await t.stop();
  }
});

test('a write is relayed to the others but not echoed to its author, whose saved confirms it', async () => {
  const t = await startServer();
  try {
    const relayed = { chair: 0, member: 0, stock: 0 };
    const c = TestClient.connect(t.url, 'ext-3', await token('ext-3', chair.userId, 'chair'), { onRemoteUpdate: () => relayed.chair++ });
    const m = TestClient.connect(t.url, 'ext-3', await token('ext-3', member.userId, 'member', { venue: 'county' }), { onRemoteUpdate: () => relayed.member++ });
    const s = TestClient.connect(t.url, 'ext-3', await token('ext-3', 'stock1', 'member', { venue: 'county' }), { ext: false, onRemoteUpdate: () => relayed.stock++ });
    await Promise.all([c.synced(), m.synced(), s.synced()]);
    const origin = new LocalOrigin(chair);
    for (let i = 0; i < 3; i++) appendEntry(c.doc, { kind: 'comment', text: `c${i}` }, origin);
    await c.allSaved();
    await m.waitFor(() => texts(m.doc).length === 3, 'member got the chair’s writes');
    await s.waitFor(() => texts(s.doc).length === 3, 'stock client got the chair’s writes');
    appendEntry(m.doc, { kind: 'comment', text: 'm0' }, new LocalOrigin(member));
    await m.allSaved();
    await c.waitFor(() => texts(c.doc).length === 4, 'chair got the member’s write');
    await s.waitFor(() => texts(s.doc).length === 4, 'stock client got the member’s write');
    // A round trip through the server proves nothing else is on its way to the chair.
    const answers = c.awarenessCount;
    c.send(Uint8Array.from([MessageType.queryAwareness]));
    await c.waitFor(() => c.awarenessCount > answers, 'query answered');
    assert.equal(relayed.chair, 1, 'the chair got the member’s update only');
    assert.equal(relayed.member, 3, 'the member got the chair’s three updates only');
    assert.equal(relayed.stock, 4, 'the stock client got everything');
    assert.deepEqual(texts(t.server.roomDoc('ext-3')!), texts(c.doc));
    await Promise.all([c.close(), m.close(), s.close()]);
  } finally {
    await t.stop();
  }
});
