/**
 * `POST /livekit/token` over a real socket: room tokens minted with jose, LiveKit tokens checked
 * with livekit-server-sdk's own `TokenVerifier`, so the grants are read the way LiveKit reads them.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { jwtVerify, SignJWT } from 'jose';
import { TokenVerifier, TrackSource } from 'livekit-server-sdk';
import { ROLES, SERVER_ACTOR, type Actor, type Role } from '../../packages/model/src/rights.js';
import { handleLivekitTokenRequest, livekitGrantsFor, type LivekitHttpDeps } from '../../packages/server/src/livekit.js';

const SECRET = new TextEncoder().encode('livekit-test-room-secret-livekit-test');
const LIVEKIT = { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'livekit-test-api-secret-at-least-32-chars', ttlSeconds: 300 };

async function mintRoomToken(room: string, role: Role, userId = `${role}-7`, secret = SECRET): Promise<string> {
  return new SignJWT({ room, name: `名字 ${role}`, venue: 'county-3', role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setExpirationTime('1h')
    .sign(secret);
}

async function authenticate(token: string): Promise<{ actor: Actor; room: string }> {
  const { payload } = await jwtVerify(token, SECRET, { algorithms: ['HS256'] });
  const { sub, room, name, venue, role } = payload as Record<string, string>;
  if (!sub || !room || !name || !venue || !role) throw new Error('incomplete token');
  return { actor: { userId: sub, name, venue, role: role as Role }, room };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

function request(url: string, method: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        ok({ status: res.statusCode ?? 0, headers: res.headers, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on('error', fail);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

async function startServer(deps: LivekitHttpDeps): Promise<{ base: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    void handleLivekitTokenRequest(req, res, deps).then((mine) => {
      if (!mine) {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe('POST /livekit/token', () => {
  let configured: { base: string; close(): Promise<void> };
  let unconfigured: { base: string; close(): Promise<void> };
  before(async () => {
    configured = await startServer({ authenticate, livekit: LIVEKIT });
    unconfigured = await startServer({ authenticate });
  });
  after(async () => {
    await configured.close();
    await unconfigured.close();
  });

  const verifier = new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret);

  for (const role of ROLES) {
    test(`${role}: gets a token for the same room and identity with the ${role} grants`, async () => {
      const reply = await request(`${configured.base}/livekit/token`, 'POST', { Authorization: `Bearer ${await mintRoomToken('case-2026-17', role)}` });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers['cache-control'], 'no-store');
      const { url, token, identity, room } = reply.body;
      assert.equal(url, LIVEKIT.url);
      assert.equal(identity, `${role}-7`);
      assert.equal(room, 'case-2026-17');
      assert.equal(typeof token, 'string');

      const claims = await verifier.verify(token as string);
      assert.equal(claims.sub, `${role}-7`);
      assert.equal(claims.iss, LIVEKIT.apiKey);
      assert.equal(claims.name, `名字 ${role}`);
      assert.deepEqual(JSON.parse(claims.metadata ?? ''), { venue: 'county-3', role });
      assert.deepEqual(claims.attributes, { venue: 'county-3', role });
      assert.equal((claims.exp ?? 0) - (claims.nbf ?? 0), LIVEKIT.ttlSeconds);
      const publishes = role === 'chair' || role === 'presenter';
      assert.deepEqual(claims.video, {
        roomJoin: true,
        room: 'case-2026-17',
        canSubscribe: true,
        canPublish: publishes,
        canPublishData: false,
        canUpdateOwnMetadata: false,
        // In the JWT LiveKit spells track sources as strings.
        ...(publishes ? { canPublishSources: ['camera'] } : {}),
      });
    });
  }

  test('a token from another secret, a garbage token or none gets 401', async () => {
    const forged = await mintRoomToken('case-2026-17', 'chair', 'chair-7', new TextEncoder().encode('some-other-secret-some-other-secret'));
    const cases: Record<string, string>[] = [{}, { Authorization: 'Bearer nonsense' }, { Authorization: `Bearer ${forged}` }, { Authorization: `Basic ${forged}` }];
    for (const headers of cases) {
      const reply = await request(`${configured.base}/livekit/token`, 'POST', headers);
      assert.equal(reply.status, 401);
      assert.equal(reply.body['error'], 'unauthenticated');
      assert.equal(reply.body['token'], undefined);
    }
  });

  test('without LiveKit configured: 503 livekit-not-configured', async () => {
    const reply = await request(`${unconfigured.base}/livekit/token`, 'POST', { Authorization: `Bearer ${await mintRoomToken('r', 'chair')}` });
    assert.equal(reply.status, 503);
    assert.equal(reply.body['error'], 'livekit-not-configured');
  });

  test('other methods get 405, other URLs are not handled', async () => {
    const auth = { Authorization: `Bearer ${await mintRoomToken('r', 'chair')}` };
    const get = await request(`${configured.base}/livekit/token`, 'GET', auth);
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST, OPTIONS');
    assert.equal((await request(`${configured.base}/livekit/other`, 'POST', auth)).status, 404);
    const preflight = await request(`${configured.base}/livekit/token`, 'OPTIONS');
    assert.equal(preflight.status, 204);
    assert.match(String(preflight.headers['access-control-allow-headers']), /Authorization/);
  });
});

describe('livekitGrantsFor', () => {
  test('only the chair and presenter publish, and only cameras; nobody publishes data', () => {
    const actor = (role: Role): Actor => ({ userId: 'u', name: 'n', venue: 'v', role });
    for (const role of ['chair', 'presenter'] as const) {
      assert.deepEqual(livekitGrantsFor(actor(role)), {
        canSubscribe: true,
        canPublish: true,
        canPublishSources: [TrackSource.CAMERA],
        canPublishData: false,
        canUpdateOwnMetadata: false,
      });
    }
    for (const role of ['member', 'recorder', 'observer'] as const) {
      assert.deepEqual(livekitGrantsFor(actor(role)), { canSubscribe: true, canPublish: false, canPublishData: false, canUpdateOwnMetadata: false });
    }
    assert.equal(livekitGrantsFor(SERVER_ACTOR), undefined);
  });
});

describe('POST /livekit/token follows the document presenter', () => {
  // The room's rights facts as the room server gives them: the chair made member `m-doc` presenter.
  const presenters = new Map<string, string>([['case-handed-over', 'member-doc']]);
  let server: { base: string; close(): Promise<void> };
  before(async () => {
    server = await startServer({ authenticate, livekit: LIVEKIT, rightsContext: async (room) => ({ presenterId: presenters.get(room) }) });
  });
  after(() => server.close());
  const verifier = new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret);
  const grantsOf = async (room: string, role: Role, userId: string) => {
    const reply = await request(`${server.base}/livekit/token`, 'POST', { Authorization: `Bearer ${await mintRoomToken(room, role, userId)}` });
    assert.equal(reply.status, 200);
    return (await verifier.verify(reply.body['token'] as string)).video;
  };

  test('a token presenter who handed presenting over only watches; the member made presenter publishes the camera', async () => {
    const former = await grantsOf('case-handed-over', 'presenter', 'presenter-token');
    assert.equal(former?.canPublish, false);
    assert.equal(former?.canPublishSources, undefined);
    const current = await grantsOf('case-handed-over', 'member', 'member-doc');
    assert.equal(current?.canPublish, true);
    assert.deepEqual(current?.canPublishSources, ['camera']);
    // Another member of that room still only watches; the chair always publishes.
    assert.equal((await grantsOf('case-handed-over', 'member', 'member-other'))?.canPublish, false);
    assert.equal((await grantsOf('case-handed-over', 'chair', 'chair-1'))?.canPublish, true);
  });

  test('in a room where nobody was made presenter, the token role decides', async () => {
    assert.equal((await grantsOf('case-fresh', 'presenter', 'presenter-token'))?.canPublish, true);
    assert.equal((await grantsOf('case-fresh', 'member', 'member-doc'))?.canPublish, false);
  });

  test('livekitGrantsFor uses the effective role', () => {
    const member: Actor = { userId: 'm', name: 'n', venue: 'v', role: 'member' };
    assert.equal(livekitGrantsFor(member, { presenterId: 'm' })?.canPublish, true);
    assert.equal(livekitGrantsFor({ ...member, role: 'presenter' }, { presenterId: 'someone-else' })?.canPublish, false);
  });
});

describe('the room server: LiveKit grants and camera freezes follow the presenter the chair named', () => {
  test('over real sockets: the member made presenter publishes and freezes; the token presenter does neither', async () => {
    const { createMemoryStore, createRoomServer, silentLogger } = await import('@huishen/server');
    const { addEvidence, freezeCamera, LocalOrigin, readCamera, setPresenter } = await import('@huishen/model');
    const { SECRET: ROOM_SECRET, stockClient, token, until } = await import('./support/server.js');
    const server = createRoomServer({ store: createMemoryStore(), secret: ROOM_SECRET, livekit: LIVEKIT, logger: silentLogger });
    const { port } = await server.listen(0, '127.0.0.1');
    const ws = `ws://127.0.0.1:${port}`;
    const room = 'case-camera-handover';
    const clients: { destroy(): void }[] = [];
    try {
      const join = async (user: string, role: Role, venue: string) => {
        const tok = await token(room, user, role, { venue, name: user });
        const client = stockClient(ws, room, tok);
        clients.push(client);
        await until(() => client.provider.synced, `${user} synced`);
        return { ...client, tok, origin: new LocalOrigin({ userId: user, name: user, venue, role }) };
      };
      const chair = await join('chair-1', 'chair', 'city');
      const formerPresenter = await join('presenter-token', 'presenter', 'county');
      const member = await join('member-doc', 'member', 'county');
      setPresenter(chair.doc, 'member-doc', chair.origin);
      await until(() => server.roomDoc(room)?.getMap('briefing').get('presenter') === 'member-doc', 'the hand-over stored');
      await until(() => formerPresenter.doc.getMap('briefing').get('presenter') === 'member-doc', 'the hand-over relayed');

      const grants = async (tok: string) => {
        const reply = await request(`http://127.0.0.1:${port}/livekit/token`, 'POST', { Authorization: `Bearer ${tok}` });
        assert.equal(reply.status, 200);
        return (await new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret).verify(reply.body['token'] as string)).video;
      };
      assert.equal((await grants(formerPresenter.tok))?.canPublish, false);
      assert.equal((await grants(member.tok))?.canPublish, true);

      // The member now presenting adds a still and freezes on it: stored by the server.
      const still = { id: 'still-1', title: '截图', kind: 'still' as const, mime: 'image/png' as const, bytes: 10, sha256: 'a'.repeat(64), pages: 1 };
      member.doc.transact(() => {
        addEvidence(member.doc, still, member.origin);
        freezeCamera(member.doc, 'still-1', member.origin);
      }, member.origin);
      await until(() => readCamera(server.roomDoc(room)!).freeze?.by === 'member-doc', 'the freeze stored');
      // The former presenter's freeze is refused by the server.
      await until(() => formerPresenter.doc.getMap('evidence').has('still-1'), 'the still relayed');
      freezeCamera(formerPresenter.doc, 'still-1', formerPresenter.origin);
      await until(() => formerPresenter.ext.rejected.length > 0, 'the refusal');
      assert.equal(readCamera(server.roomDoc(room)!).freeze?.by, 'member-doc');
    } finally {
      clients.forEach((c) => c.destroy());
      await server.close();
    }
  });
});
