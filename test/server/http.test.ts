import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { LocalOrigin, addEvidence } from '@huishen/model';
import { startServer, token } from './support/server.js';
import { TestClient } from './support/client.js';

test('the HTTP routes are mounted: evidence upload and download through the room, LiveKit token endpoint', async () => {
  const t = await startServer({ blobs: true });
  try {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    const sha = createHash('sha256').update(png).digest('hex');
    const chairToken = await token('ev-room', 'c1', 'chair');
    const memberToken = await token('ev-room', 'm1', 'member');
    const put = (tok: string) => fetch(`${t.http}/evidence/${sha}`, { method: 'PUT', headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'image/png' }, body: png });
    assert.equal((await put(memberToken)).status, 403, 'a member may not add evidence');
    assert.ok([200, 201].includes((await put(chairToken)).status), 'the chair uploads');

    const get = () => fetch(`${t.http}/evidence/${sha}`, { headers: { Authorization: `Bearer ${memberToken}` } });
    assert.ok([403, 404].includes((await get()).status), 'not readable before the room references it');
    const c = TestClient.connect(t.url, 'ev-room', chairToken);
    await c.synced();
    addEvidence(c.doc, { title: 'photo', kind: 'image', mime: 'image/png', bytes: png.length, sha256: sha, pages: 1 }, new LocalOrigin({ userId: 'c1', name: 'Name c1', venue: 'city', role: 'chair' }));
    await c.allSaved();
    const res = await get();
    assert.equal(res.status, 200);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), png);

    const lk = await fetch(`${t.http}/livekit/token`, { method: 'POST', headers: { Authorization: `Bearer ${memberToken}` } });
    assert.equal(lk.status, 503, 'no LiveKit configured on this server');
    await c.close();
  } finally {
    await t.stop();
  }
});
