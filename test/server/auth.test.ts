import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import * as jose from 'jose';
import {
  LocalOrigin,
  addAnnotation,
  addEvidence,
  addOutlineNode,
  appendEntry,
  moveAnnotation,
  readAnnotations,
  readBriefing,
  readEvidence,
  readMeta,
  readTimeline,
  removeAnnotation,
  setCaseInfo,
  type Actor,
  type Role,
} from '@huishen/model';
import { createLevelDbStore, createRoomServer, createTokenVerifier, silentLogger } from '@huishen/server';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawUpgrade, SECRET, startServer, token } from './support/server.js';
import { TestClient } from './support/client.js';

test('bad tokens: the upgrade is refused with 401/403, nothing is sent and no room is touched', async () => {
  const t = await startServer();
  try {
    const room = 'auth-room';
    const now = Math.floor(Date.now() / 1000);
    const key = new TextEncoder().encode(SECRET);
    const sign = (claims: Record<string, unknown>, secret: Uint8Array = key) =>
      new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    const good = { room, sub: 'u1', name: 'U', venue: 'city', role: 'member', exp: now + 600 };
    const cases: Array<[string, string | undefined, number]> = [
      ['missing', undefined, 401],
      ['malformed', 'not.a.jwt', 401],
      ['garbage', 'x'.repeat(300), 401],
      ['expired', await token(room, 'u1', 'member', { ttl: -60 }), 401],
      ['wrong room', await token('other-room', 'u1', 'member'), 403],
      ['bad signature', await token(room, 'u1', 'member', { secret: 'another-secret-0123456789' }), 401],
      ['unknown role', await sign({ ...good, role: 'admin' }), 401],
      ['no exp', await sign({ ...good, exp: undefined }), 401],
      ['bad user id', await sign({ ...good, sub: '__proto__' }), 401],
      ['alg none', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(good)).toString('base64url')}.`, 401],
      ['wrong alg', await new jose.SignJWT(good).setProtectedHeader({ alg: 'HS512' }).sign(new Uint8Array(64).fill(1)), 401],
    ];
    for (const [what, tok, status] of cases) {
      const res = await rawUpgrade(t.http, `/${room}${tok === undefined ? '' : `?token=${encodeURIComponent(tok)}`}`);
      assert.equal(res.status, status, what);
      assert.equal(res.body, '', `${what}: nothing after the status`);
    }
    assert.equal((await rawUpgrade(t.http, `/bad%2Froom?token=x`)).status, 404, 'a room name that is not an id');
    assert.deepEqual(t.server.loadedRooms(), [], 'no room was loaded');
    assert.deepEqual(await t.store.load(room), [], 'nothing stored');
    // The stock-client way of seeing it: the socket never opens.
    const c = TestClient.connect(t.url, room, await token(room, 'u1', 'member', { ttl: -60 }));
    await assert.rejects(c.opened, /401/);
  } finally {
    await t.stop();
  }
});

test('portal keys: ES256 (PEM) and EdDSA (JWKS) tokens are verified', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'huishen-keys-'));
  const store = await createLevelDbStore(join(dir, 'rooms'));
  try {
    for (const alg of ['ES256', 'EdDSA'] as const) {
      const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
      const authenticate =
        alg === 'ES256'
          ? await createTokenVerifier({ publicKeyPem: await jose.exportSPKI(publicKey) })
          : await createTokenVerifier({ jwks: { keys: [{ ...(await jose.exportJWK(publicKey)), alg, kid: 'k1' }] } });
      const server = createRoomServer({ store, authenticate, logger: silentLogger });
      const { port } = await server.listen(0, '127.0.0.1');
      const claims = { room: 'keyed', name: 'Portal user', venue: 'county', role: 'member' };
      const signed = await new jose.SignJWT(claims).setProtectedHeader({ alg, kid: 'k1' }).setSubject('p1').setExpirationTime('10m').sign(privateKey);
      const c = TestClient.connect(`ws://127.0.0.1:${port}`, 'keyed', signed);
      await c.synced();
      assert.equal(c.hello?.role, 'member', alg);
      await c.close();
      const other = await jose.generateKeyPair(alg);
      const forged = await new jose.SignJWT(claims).setProtectedHeader({ alg, kid: 'k1' }).setSubject('p1').setExpirationTime('10m').sign(other.privateKey);
      assert.equal((await rawUpgrade(`http://127.0.0.1:${port}`, `/keyed?token=${forged}`)).status, 401, `${alg} forged`);
      const hs = await token('keyed', 'p1', 'member');
      assert.equal((await rawUpgrade(`http://127.0.0.1:${port}`, `/keyed?token=${hs}`)).status, 401, `${alg}: an HS256 token is refused`);
      await server.close();
    }
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

const actorOf = (role: Role, userId: string): Actor => ({ userId, name: `Name ${userId}`, venue: role === 'member' ? 'county' : 'city', role });

interface Fixture {
  evidenceId: string;
  otherAnnotation: string;
}

/** Each operation: what it does on the client's doc, and how to see it on another doc. */
const operations: Array<{ name: string; allowed: Role[]; run: (doc: Y.Doc, o: LocalOrigin, f: Fixture) => void; seen: (doc: Y.Doc, f: Fixture, me: string) => boolean }> = [
  {
    name: 'add own annotation',
    allowed: ['chair', 'presenter', 'member', 'recorder'],
    run: (doc, o, f) => void addAnnotation(doc, { evidenceId: f.evidenceId, page: 1, kind: 'pin', geometry: { at: [5, 5] } } as never, o),
    seen: (doc, _f, me) => readAnnotations(doc).some((a) => a.author === me),
  },
  {
    name: "move another member's annotation",
    allowed: ['chair'],
    run: (doc, o, f) => moveAnnotation(doc, f.otherAnnotation, 7, 7, o),
    seen: (doc, f) => readAnnotations(doc).some((a) => a.id === f.otherAnnotation && a.kind === 'rect' && a.geometry.rect[0] === 17),
  },
  {
    name: "remove another member's annotation",
    allowed: ['chair'],
    run: (doc, o, f) => removeAnnotation(doc, f.otherAnnotation, o),
    seen: (doc, f) => !readAnnotations(doc).some((a) => a.id === f.otherAnnotation),
  },
  {
    name: 'add evidence',
    allowed: ['chair', 'presenter'],
    run: (doc, o) => void addEvidence(doc, { title: 'new', kind: 'image', mime: 'image/png', bytes: 10, sha256: 'b'.repeat(64), pages: 1 }, o),
    seen: (doc) => readEvidence(doc).some((e) => e.title === 'new'),
  },
  {
    name: 'comment on the timeline',
    allowed: ['chair', 'presenter', 'member', 'recorder'],
    run: (doc, o) => void appendEntry(doc, { kind: 'comment', text: `comment by ${o.actor.userId}` }, o),
    seen: (doc, _f, me) => readTimeline(doc).some((e) => e.kind === 'comment' && e.author === me),
  },
  {
    name: 'record a decision',
    allowed: ['chair'],
    run: (doc, o) => void appendEntry(doc, { kind: 'decision', text: 'decided' }, o),
    seen: (doc, _f, me) => readTimeline(doc).some((e) => e.kind === 'decision' && e.author === me),
  },
  {
    name: 'edit the outline',
    allowed: ['chair', 'presenter'],
    run: (doc, o) => void addOutlineNode(doc, { kind: 'facts', title: `node by ${o.actor.userId}` }, o),
    seen: (doc, _f, me) => readBriefing(doc).nodes.some((n) => n.createdBy === me),
  },
  {
    name: 'edit case information',
    allowed: ['chair', 'presenter'],
    run: (doc, o) => setCaseInfo(doc, { caseTitle: `title by ${o.actor.userId}` }, o),
    seen: (doc, _f, me) => readMeta(doc).caseTitle === `title by ${me}`,
  },
  {
    name: 'overwrite meta.generation',
    allowed: [],
    run: (doc, o) => doc.transact(() => doc.getMap('meta').set('generation', 'forged'), o),
    seen: (doc) => readMeta(doc).generation === 'forged',
  },
  {
    name: 'write an unknown root',
    allowed: [],
    run: (doc, o) => doc.transact(() => doc.getMap('evil').set('x', 1), o),
    seen: (doc) => doc.getMap('evil').has('x'),
  },
];

test('rights through the real socket: every role × operation; refused writes reach nobody and nothing is stored', async () => {
  const t = await startServer({ limits: { roomIdleMs: 60_000 } });
  const room = 'matrix';
  try {
    const chair = actorOf('chair', 'chair0');
    const owner = actorOf('member', 'owner0');
    const setup = TestClient.connect(t.url, room, await token(room, chair.userId, 'chair'));
    await setup.synced();
    const evidenceId = addEvidence(setup.doc, { title: 'E', kind: 'pdf', mime: 'application/pdf', bytes: 100, sha256: 'c'.repeat(64), pages: 9 }, new LocalOrigin(chair));
    await setup.allSaved();
    const ownerClient = TestClient.connect(t.url, room, await token(room, owner.userId, 'member', { venue: owner.venue }));
    await ownerClient.synced();
    const otherAnnotation = addAnnotation(ownerClient.doc, { evidenceId, page: 2, kind: 'rect', geometry: { rect: [10, 10, 20, 20] } } as never, new LocalOrigin(owner));
    await ownerClient.allSaved();
    const fixture: Fixture = { evidenceId, otherAnnotation };
    const bystander = TestClient.connect(t.url, room, await token(room, 'watcher', 'observer'));
    await bystander.synced();

    let n = 0;
    for (const op of operations) {
      for (const role of ['observer', 'recorder', 'member', 'presenter', 'chair'] as const) {
        // The chair's allowed edits change the fixture; do them last and on fresh records.
        const actor = actorOf(role, `${role}${n++}`);
        const c = TestClient.connect(t.url, room, await token(room, actor.userId, role, { venue: actor.venue }));
        await c.synced();
        await c.allSaved();
        const allowed = op.allowed.includes(role);
        const before = c.writes;
        op.run(c.doc, new LocalOrigin(actor), fixture);
        assert.equal(c.writes, before + 1, `${op.name}/${role}: one write`);
        await c.allSaved();
        const label = `${role} → ${op.name}`;
        assert.equal(c.rejected.length, allowed ? 0 : 1, `${label}: ${allowed ? 'accepted' : 'rejected'} (${JSON.stringify(c.rejected)})`);
        if (!allowed) assert.equal(c.rejected[0]!.n, before + 1, `${label}: rejected names the write`);
        assert.equal(op.seen(t.server.roomDoc(room)!, fixture, actor.userId), allowed, `${label}: server doc`);
        await c.close();
        if (allowed && role === 'chair' && op.name.includes('another')) {
          // Restore the fixture for the next operation: a new annotation by the owner.
          fixture.otherAnnotation = addAnnotation(ownerClient.doc, { evidenceId, page: 2, kind: 'rect', geometry: { rect: [10, 10, 20, 20] } } as never, new LocalOrigin(owner));
          await ownerClient.allSaved();
        }
      }
    }
    // The bystander saw exactly the server's state, and the store holds exactly it too.
    await t.server.flush();
    const serverState = Y.encodeStateVector(t.server.roomDoc(room)!);
    await bystander.waitFor(() => Buffer.compare(Buffer.from(Y.encodeStateVector(bystander.doc)), Buffer.from(serverState)) === 0, 'bystander caught up');
    const stored = new Y.Doc();
    for (const u of await t.store.load(room)) Y.applyUpdate(stored, u);
    for (const doc of [bystander.doc, stored]) {
      assert.deepEqual(readAnnotations(doc), readAnnotations(t.server.roomDoc(room)!));
      assert.deepEqual(readTimeline(doc), readTimeline(t.server.roomDoc(room)!));
      assert.equal(readMeta(doc).generation, setup.hello!.generation);
      assert.equal(doc.getMap('evil').size, 0);
      assert.equal(readTimeline(doc).filter((e) => e.kind === 'decision').length, 1, 'only the chair decided');
    }
    assert.ok(t.server.metrics.get('huishen_updates_rejected_total', 'reason="read-only"') >= 8);
    await Promise.all([setup.close(), ownerClient.close(), bystander.close()]);
  } finally {
    await t.stop();
  }
});

test('nobody writes under another user’s Yjs client id (which would swallow that person’s later edits)', async () => {
  const t = await startServer();
  const room = 'ids';
  try {
    const alice = actorOf('member', 'alice');
    const mallory = actorOf('member', 'mallory');
    const a = TestClient.connect(t.url, room, await token(room, alice.userId, 'member', { venue: alice.venue }));
    await a.synced();
    appendEntry(a.doc, { kind: 'comment', text: 'alice 1' }, new LocalOrigin(alice));
    await a.allSaved();

    const forged = new Y.Doc();
    const m = TestClient.connect(t.url, room, await token(room, mallory.userId, 'member', { venue: mallory.venue }), {}, forged);
    await m.synced();
    await m.allSaved();
    // After syncing, continue alice's clock range under her id (Yjs would otherwise pick a new id).
    forged.clientID = a.doc.clientID;
    appendEntry(forged, { kind: 'comment', text: 'mallory under alice’s id' }, new LocalOrigin(mallory));
    await m.allSaved();
    assert.deepEqual(m.rejected.map((r) => r.reason), ['forbidden']);

    // A content-free GC struct far ahead in alice's clock range, from an observer and from a member.
    const gc = new Uint8Array([0, 2, ...((): number[] => {
      const body = [1, 1, ...varUint(a.doc.clientID), ...varUint(Y.getState(a.doc.store, a.doc.clientID)), 0, ...varUint(2 ** 40), 0];
      return [...varUint(body.length), ...body];
    })()]);
    const o = TestClient.connect(t.url, room, await token(room, 'olga', 'observer'));
    await o.synced();
    o.send(gc);
    o.writes++;
    await o.allSaved();
    assert.deepEqual(o.rejected.map((r) => r.reason), ['read-only']);
    m.send(gc);
    m.writes++;
    await m.allSaved();
    assert.deepEqual(m.rejected.map((r) => r.reason), ['forbidden', 'forbidden']);

    appendEntry(a.doc, { kind: 'comment', text: 'alice 2' }, new LocalOrigin(alice));
    await a.allSaved();
    assert.equal(a.rejected.length, 0);
    await o.waitFor(() => readTimeline(o.doc).length === 2, 'observer sees both of alice’s entries');
    assert.deepEqual(readTimeline(t.server.roomDoc(room)!).map((e) => (e.kind === 'comment' ? e.text : '')), ['alice 1', 'alice 2']);
    await Promise.all([a.close(), m.close(), o.close()]);
  } finally {
    await t.stop();
  }
});

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}
