import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { CloseCode, LocalOrigin, appendEntry, readTimeline, type Actor } from '@huishen/model';
import { RoomLoadError, type RoomStore } from '@huishen/server';
import { startServer, token, until } from './support/server.js';
import { TestClient } from './support/client.js';

const chair: Actor = { userId: 'c1', name: 'Name c1', venue: 'city', role: 'chair' };

/** A LevelDB store whose appends wait for `release()` while `hold` is set, or fail while `failing`. */
function controllable(store: RoomStore) {
  const ctl = { hold: false, failing: false, calls: 0, waiting: [] as Array<() => void>, failLoad: false };
  const wrapped: RoomStore = {
    kind: 'controlled',
    load: (room) => (ctl.failLoad ? Promise.reject(new RoomLoadError(room)) : store.load(room)),
    async append(room, updates) {
      ctl.calls++;
      if (ctl.hold) await new Promise<void>((resolve) => ctl.waiting.push(resolve));
      if (ctl.failing) throw new Error('disk on fire');
      return store.append(room, updates);
    },
    compact: (room) => store.compact(room),
    size: (room) => store.size(room),
    deleteRoom: (room) => store.deleteRoom(room),
    close: () => store.close(),
  };
  const release = () => {
    ctl.hold = false;
    for (const w of ctl.waiting.splice(0)) w();
  };
  return { ctl, wrapped, release };
}

test('write-ahead: nothing derived from an unsaved write leaves the server — relay, saved and joiners’ sync wait for the store', async () => {
  let control!: ReturnType<typeof controllable>;
  const t = await startServer({ wrapStore: (s) => (control = controllable(s)).wrapped });
  try {
    const w = TestClient.connect(t.url, 'wa', await token('wa', chair.userId, 'chair'));
    const p = TestClient.connect(t.url, 'wa', await token('wa', 'p1', 'observer'));
    await Promise.all([w.synced(), p.synced()]);
    await w.allSaved();
    const savedBefore = w.saved;

    control.ctl.hold = true;
    const origin = new LocalOrigin(chair);
    for (let i = 0; i < 5; i++) appendEntry(w.doc, { kind: 'comment', text: `held ${i}` }, origin);
    await until(() => readTimeline(t.server.roomDoc('wa')!).length === 5, 'the server applied the writes');
    await until(() => control.ctl.waiting.length > 0, 'an append is in flight');
    const j = TestClient.connect(t.url, 'wa', await token('wa', 'j1', 'member'));
    await j.waitFor(() => j.hello !== undefined, 'joiner hello');
    // A round trip through the server proves it processed everything sent so far.
    const answers = p.awarenessCount;
    p.send(Uint8Array.from([3]));
    await p.waitFor(() => p.awarenessCount > answers, 'query answered');
    assert.equal(readTimeline(p.doc).length, 0, 'peer saw nothing unsaved');
    assert.equal(w.saved, savedBefore, 'no saved for unsaved writes');
    assert.equal(j.syncedCount, 0, 'joiner’s sync step 2 waits for the store');
    const stateBefore = Y.encodeStateVector(w.doc);

    control.release();
    await w.allSaved();
    await p.waitFor(() => readTimeline(p.doc).length === 5, 'peer got the writes once stored');
    await j.waitFor(() => j.syncedCount > 0 && readTimeline(j.doc).length === 5, 'joiner synced with everything');
    assert.ok(control.ctl.calls < 1 + 5 + 2, `group commit batched the held writes (${control.ctl.calls} appends)`);
    assert.deepEqual(Y.encodeStateVector(w.doc), stateBefore, 'nothing relayed changed the author’s doc');

    // A failing append is retried; nothing is acknowledged meanwhile, nothing is lost afterwards.
    control.ctl.failing = true;
    appendEntry(w.doc, { kind: 'comment', text: 'retried' }, origin);
    await until(() => t.server.metrics.get('huishen_store_errors_total') >= 2, 'retries');
    assert.equal(readTimeline(p.doc).length, 5);
    control.ctl.failing = false;
    await w.allSaved();
    await p.waitFor(() => readTimeline(p.doc).length === 6, 'peer got the retried write');
    await Promise.all([w.close(), p.close(), j.close()]);
  } finally {
    await t.stop();
  }
});

test('a store that stays down closes the room with 1013; an unreadable room is refused with 4503, never served empty', async () => {
  let control!: ReturnType<typeof controllable>;
  const t = await startServer({ limits: { pendingMaxAgeMs: 200 }, wrapStore: (s) => (control = controllable(s)).wrapped });
  try {
    const w = TestClient.connect(t.url, 'down', await token('down', chair.userId, 'chair'));
    await w.synced();
    control.ctl.failing = true;
    appendEntry(w.doc, { kind: 'comment', text: 'never stored' }, new LocalOrigin(chair));
    assert.equal(await w.closed, CloseCode.tryAgainLater);
    control.ctl.failing = false;

    control.ctl.failLoad = true;
    const r = TestClient.connect(t.url, 'unreadable', await token('unreadable', chair.userId, 'chair'));
    assert.equal(await r.closed, CloseCode.roomUnavailable);
    assert.equal(r.hello, undefined, 'nothing was served');
    control.ctl.failLoad = false;
    const again = TestClient.connect(t.url, 'down', await token('down', chair.userId, 'chair'));
    await again.synced();
    assert.equal(readTimeline(again.doc).length, 0, 'the unstored write was never acknowledged nor kept');
    await again.close();
  } finally {
    await t.stop();
  }
});

test('periodic compaction merges the stored tail while the room keeps writing; nothing is lost', async () => {
  const t = await startServer({ limits: { compactIntervalMs: 30, compactMinEntries: 10, roomIdleMs: 60_000 } });
  try {
    const w = TestClient.connect(t.url, 'compact', await token('compact', chair.userId, 'chair'));
    await w.synced();
    const origin = new LocalOrigin(chair);
    let n = 0;
    while (t.server.metrics.get('huishen_compactions_total') < 3) {
      appendEntry(w.doc, { kind: 'comment', text: `entry ${n++}` }, origin);
      await w.allSaved();
    }
    await w.allSaved();
    await t.server.flush();
    const stored = new Y.Doc();
    for (const u of await t.store.load('compact')) Y.applyUpdate(stored, u);
    assert.equal(readTimeline(stored).length, n);
    assert.ok((await t.store.size('compact')).entries < n, 'the tail was merged');
    await w.close();
  } finally {
    await t.stop();
  }
});
