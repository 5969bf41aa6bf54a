import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { LocalOrigin, addAnnotation, addEvidence, appendEntry, readAnnotations, readEvidence, readMeta, readTimeline, type Actor } from '@huishen/model';
import { startServer, stockClient, token, until } from './support/server.js';
import { TestClient } from './support/client.js';

const chair: Actor = { userId: 'chair1', name: 'Name chair1', venue: 'city', role: 'chair' };
const member: Actor = { userId: 'member1', name: 'Name member1', venue: 'county', role: 'member' };
const SHA = 'a'.repeat(64);

const stateOf = (doc: Y.Doc) => ({ evidence: readEvidence(doc), annotations: readAnnotations(doc), timeline: readTimeline(doc) });

test('stock y-websocket clients and the model sync through the server; late joiners get everything', async () => {
  const t = await startServer();
  try {
    const a = stockClient(t.url, 'case-1', await token('case-1', chair.userId, 'chair'));
    await until(() => a.provider.synced && a.ext.generation !== undefined, 'chair synced');
    const generation = a.ext.generation!;
    assert.equal(readMeta(a.doc).generation, generation, 'hello carries meta.generation');
    assert.equal(a.ext.role, 'chair');

    const chairOrigin = new LocalOrigin(chair);
    const evidenceId = addEvidence(a.doc, { title: '询问笔录', kind: 'pdf', mime: 'application/pdf', bytes: 1000, sha256: SHA, pages: 12 }, chairOrigin);
    addAnnotation(a.doc, { evidenceId, page: 3, kind: 'rect', geometry: { rect: [10, 10, 100, 50] } } as never, chairOrigin);
    appendEntry(a.doc, { kind: 'comment', text: '开始' }, chairOrigin);
    await until(() => {
      const doc = t.server.roomDoc('case-1');
      return doc !== undefined && readTimeline(doc).length === 1 && readAnnotations(doc).length === 1;
    }, 'server has the writes');

    const b = stockClient(t.url, 'case-1', await token('case-1', member.userId, 'member', { venue: 'county' }));
    await until(() => b.provider.synced && readTimeline(b.doc).length === 1, 'late joiner synced');
    assert.deepEqual(stateOf(b.doc), stateOf(a.doc));
    assert.equal(b.ext.generation, generation);

    addAnnotation(b.doc, { evidenceId, page: 4, kind: 'rect', geometry: { rect: [1, 1, 20, 20] } } as never, new LocalOrigin(member));
    await until(() => readAnnotations(a.doc).length === 2, 'chair sees the member annotation');
    assert.ok(b.ext.saved >= 1, 'saved reached the stock client through its handler');
    assert.deepEqual(stateOf(a.doc), stateOf(b.doc));
    assert.deepEqual(stateOf(t.server.roomDoc('case-1')!), stateOf(a.doc));
    assert.equal(b.ext.rejected.length + a.ext.rejected.length, 0);

    a.destroy();
    b.destroy();
  } finally {
    await t.stop();
  }
});

test('saved counts writes; a restart on the same directory keeps state and generation; idle rooms unload', async () => {
  const t = await startServer();
  const c = TestClient.connect(t.url, 'case-2', await token('case-2', chair.userId, 'chair'));
  await c.synced();
  const generation = c.hello!.generation;
  const origin = new LocalOrigin(chair);
  for (let i = 0; i < 20; i++) appendEntry(c.doc, { kind: 'comment', text: `第${i}条` }, origin);
  await c.allSaved();
  assert.equal(c.saved, c.writes);
  assert.equal(c.rejected.length, 0);
  await c.close();
  await until(() => t.server.loadedRooms().length === 0, 'room unloaded after the idle grace');
  await t.stop(true);

  const t2 = await startServer({ dir: t.dir });
  try {
    const d = TestClient.connect(t2.url, 'case-2', await token('case-2', member.userId, 'member', { venue: 'county' }));
    await d.synced();
    assert.equal(d.hello!.generation, generation, 'generation survives a restart');
    assert.deepEqual(readTimeline(d.doc).map((e) => (e.kind === 'comment' ? e.text : '')), Array.from({ length: 20 }, (_, i) => `第${i}条`));
    await d.close();
  } finally {
    await t2.stop();
  }
});

test('a new room gets a fresh generation; different rooms are independent', async () => {
  const t = await startServer();
  try {
    const x = TestClient.connect(t.url, 'room-x', await token('room-x', 'u1', 'chair'));
    const y = TestClient.connect(t.url, 'room-y', await token('room-y', 'u1', 'chair'));
    await Promise.all([x.synced(), y.synced()]);
    assert.notEqual(x.hello!.generation, y.hello!.generation);
    appendEntry(x.doc, { kind: 'comment', text: 'x only' }, new LocalOrigin({ userId: 'u1', name: 'Name u1', venue: 'city', role: 'chair' }));
    await x.allSaved();
    await t.server.flush();
    assert.equal(readTimeline(t.server.roomDoc('room-y')!).length, 0);
    await Promise.all([x.close(), y.close()]);
  } finally {
    await t.stop();
  }
});
