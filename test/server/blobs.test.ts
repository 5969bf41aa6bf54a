/**
 * The evidence store and its HTTP endpoints, over real sockets: a tiny `http.createServer` that
 * calls `handleEvidenceRequest`, a real on-disk store in a temp directory, and room tokens minted
 * and verified with jose exactly as a portal would.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { jwtVerify, SignJWT } from 'jose';
import { decide, type Actor, type Role } from '../../packages/model/src/rights.js';
import { BlobError, createFsBlobStore, sniffMime, TEMP_PREFIX, type BlobStore } from '../../packages/server/src/blobs/index.js';
import { handleEvidenceRequest, parseRange, type EvidenceHttpDeps } from '../../packages/server/src/evidence-http.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PDF_FIXTURE = resolve(REPO, '../shared/fixtures/pdf/cjk/issue2128r.pdf');
const NO_FIXTURES = existsSync(resolve(REPO, '../shared/fixtures'))
  ? false
  : `the shared fixtures are absent (${resolve(REPO, '../shared/fixtures')}); the real-PDF round trip needs them`;

const SECRET = new TextEncoder().encode('blobs-test-secret-blobs-test-secret');
const MAX_BYTES = 256 * 1024;

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

// --- test data --------------------------------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real, decodable RGB PNG of random noise (noise so deflate cannot shrink it much). */
function makePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter method, no interlace
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) rows.push(Buffer.concat([Buffer.from([0]), randomBytes(width * 3)]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** JPEG framing (SOI, a JFIF APP0 segment, a comment, EOI): enough for magic-byte detection. */
function makeJpegFrame(): Buffer {
  const comment = Buffer.from(`huishen ${randomBytes(8).toString('hex')}`);
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(comment.length + 2, 2);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    com,
    comment,
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A RIFF/WEBP container header with a random payload: enough for magic-byte detection. */
function makeWebpFrame(): Buffer {
  const payload = Buffer.concat([Buffer.from('VP8L', 'latin1'), randomBytes(24)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(payload.length + 4, 0);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, Buffer.from('WEBP', 'latin1'), payload]);
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

// --- tokens -----------------------------------------------------------------------------------

async function mintToken(room: string, role: Role, opts: { userId?: string; secret?: Uint8Array; expiresIn?: string | number } = {}): Promise<string> {
  const userId = opts.userId ?? `${role}-1`;
  return new SignJWT({ room, name: `${role} ${userId}`, venue: 'city', role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '1h')
    .sign(opts.secret ?? SECRET);
}

async function authenticate(token: string): Promise<{ actor: Actor; room: string }> {
  const { payload } = await jwtVerify(token, SECRET, { algorithms: ['HS256'] });
  const { sub, room, name, venue, role } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || typeof room !== 'string' || typeof name !== 'string' || typeof venue !== 'string' || typeof role !== 'string') {
    throw new Error('incomplete token');
  }
  return { actor: { userId: sub, name, venue, role: role as Role }, room };
}

/** As the room server will decide it: may this actor create an evidence record in the room? */
function mayAddEvidence(actor: Actor): boolean {
  return decide(actor, { target: 'evidence', id: 'probe', after: { addedBy: actor.userId, venue: actor.venue }, fields: [] }).allowed;
}

// --- the server under test --------------------------------------------------------------------

interface Harness {
  base: string;
  dir: string;
  store: BlobStore;
  /** room → hashes its document references. */
  references: Map<string, Set<string>>;
  /** Every handler call still running or finished, to await after a client went away. */
  pending: Promise<unknown>[];
  /** Called with the first chunk a put reads from a request body. */
  onFirstChunk?: (() => void) | undefined;
  errors: unknown[];
  close(): Promise<void>;
}

async function startHarness(): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'huishen-blobs-'));
  const store = createFsBlobStore(dir);
  const h = { dir, store, references: new Map<string, Set<string>>(), pending: [] as Promise<unknown>[], errors: [] as unknown[] } as Harness;
  const tapped: BlobStore = {
    stat: (sha) => store.stat(sha),
    read: (sha, range) => store.read(sha, range),
    put: (sha, body, options) =>
      store.put(
        sha,
        (async function* () {
          let first = true;
          for await (const chunk of body) {
            if (first) h.onFirstChunk?.();
            first = false;
            yield chunk;
          }
        })(),
        options,
      ),
  };
  const deps: EvidenceHttpDeps = {
    authenticate,
    roomReferencesBlob: async (room, sha) => h.references.get(room)?.has(sha) ?? false,
    blobs: tapped,
    maxBlobBytes: MAX_BYTES,
    mayAddEvidence,
    onError: (error) => h.errors.push(error),
  };
  const server = http.createServer((req, res) => {
    const handled = handleEvidenceRequest(req, res, deps).then((mine) => {
      if (!mine) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not ours');
      }
    });
    h.pending.push(handled);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  h.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  h.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
    await rm(dir, { recursive: true, force: true });
  };
  return h;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(options.body);
  });
}

const json = (reply: Reply): Record<string, unknown> => JSON.parse(reply.body.toString('utf8')) as Record<string, unknown>;
const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

async function put(h: Harness, bytes: Buffer, token: string, sha = sha256(bytes)): Promise<Reply> {
  return request(`${h.base}/evidence/${sha}`, { method: 'PUT', headers: { ...bearer(token), 'Content-Type': 'application/octet-stream' }, body: bytes });
}

/** Every file under the store's directory, relative paths. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name).slice(dir.length + 1));
}

async function assertNoTempFiles(dir: string): Promise<void> {
  const temps = (await filesIn(dir)).filter((f) => f.split('/').pop()!.startsWith(TEMP_PREFIX));
  assert.deepEqual(temps, [], 'no temp files are left behind');
}

// --- tests ------------------------------------------------------------------------------------

describe('evidence store over HTTP', () => {
  let h: Harness;
  let chair: string;
  let presenter: string;
  before(async () => {
    h = await startHarness();
    chair = await mintToken('room-a', 'chair');
    presenter = await mintToken('room-a', 'presenter');
  });
  after(async () => {
    assert.deepEqual(h.errors, [], 'no unexpected server errors were reported');
    await h.close();
  });

  const reference = (room: string, sha: string): void => {
    const set = h.references.get(room) ?? new Set<string>();
    set.add(sha);
    h.references.set(room, set);
  };

  test('a real PDF goes in and comes back byte for byte', { skip: NO_FIXTURES }, async () => {
    const pdf = await readFile(PDF_FIXTURE);
    const sha = sha256(pdf);
    const first = await put(h, pdf, chair);
    assert.equal(first.status, 201);
    assert.deepEqual(json(first), { sha256: sha, bytes: pdf.length, mime: 'application/pdf' });
    assert.equal(first.headers.location, `/evidence/${sha}`);
    const again = await put(h, pdf, presenter);
    assert.equal(again.status, 200, 'storing an existing blob succeeds without rewriting it');

    assert.ok(existsSync(join(h.dir, sha.slice(0, 2), sha.slice(2, 4), sha)), 'stored at dir/ab/cd/<sha256>');
    reference('room-a', sha);
    const got = await request(`${h.base}/evidence/${sha}`, { headers: bearer(await mintToken('room-a', 'observer')) });
    assert.equal(got.status, 200);
    assert.ok(got.body.equals(pdf));
    assert.equal(got.headers['content-type'], 'application/pdf');
    assert.equal(got.headers['content-length'], String(pdf.length));
    assert.equal(got.headers.etag, `"${sha}"`);
    assert.equal(got.headers['accept-ranges'], 'bytes');
    assert.equal(got.headers['cache-control'], 'private, max-age=31536000, immutable');
    assert.equal(got.headers['x-content-type-options'], 'nosniff');
    assert.equal(got.headers['content-security-policy'], 'sandbox');
  });

  test('PNG, JPEG and WebP round trips, with ?token= and HEAD', async () => {
    const member = await mintToken('room-a', 'member');
    for (const [bytes, mime] of [
      [makePng(16, 16), 'image/png'],
      [makeJpegFrame(), 'image/jpeg'],
      [makeWebpFrame(), 'image/webp'],
    ] as const) {
      const sha = sha256(bytes);
      const stored = await put(h, bytes, presenter);
      assert.equal(stored.status, 201, mime);
      assert.equal(json(stored)['mime'], mime);
      reference('room-a', sha);
      const got = await request(`${h.base}/evidence/${sha}?token=${encodeURIComponent(member)}`);
      assert.equal(got.status, 200);
      assert.equal(got.headers['content-type'], mime);
      assert.ok(got.body.equals(bytes));
      const head = await request(`${h.base}/evidence/${sha}`, { method: 'HEAD', headers: bearer(member) });
      assert.equal(head.status, 200);
      assert.equal(head.headers['content-length'], String(bytes.length));
      assert.equal(head.headers['content-type'], mime);
      assert.equal(head.body.length, 0);
    }
  });

  test('a body that does not hash to its name is refused with 409 and not stored', async () => {
    const png = makePng(8, 8);
    const claimed = sha256(makePng(8, 8));
    const reply = await put(h, png, chair, claimed);
    assert.equal(reply.status, 409);
    assert.equal(json(reply)['error'], 'hash-mismatch');
    assert.equal(await h.store.stat(claimed), undefined);
    assert.equal(await h.store.stat(sha256(png)), undefined);
    await assertNoTempFiles(h.dir);
  });

  test('an existing blob is still verified: a 200 needs the real bytes', async () => {
    const png = makePng(8, 8);
    assert.equal((await put(h, png, chair)).status, 201);
    const forged = Buffer.concat([png.subarray(0, 16), Buffer.alloc(64)]);
    const reply = await put(h, forged, chair, sha256(png));
    assert.equal(reply.status, 409);
  });

  test('oversize uploads get 413 and the socket never hangs', async () => {
    const big = Buffer.concat([makePng(4, 4), randomBytes(2 * MAX_BYTES)]);
    const sha = sha256(big);
    // Declared too large: refused before reading, the body is discarded so the client reads 413.
    const declared = await put(h, big, chair);
    assert.equal(declared.status, 413);
    assert.equal(json(declared)['error'], 'too-large');

    // Chunked (no Content-Length): refused at the first byte over the limit.
    const chunked = await new Promise<Reply>((ok, fail) => {
      const req = http.request(`${h.base}/evidence/${sha}`, { method: 'PUT', headers: bearer(chair), agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', fail);
      for (let i = 0; i < big.length; i += 16 * 1024) req.write(big.subarray(i, i + 16 * 1024));
      req.end();
    });
    assert.equal(chunked.status, 413);

    // An endless body: the server answers and then cuts the socket; the client is not left hanging.
    const outcome = await new Promise<string>((ok) => {
      const req = http.request(`${h.base}/evidence/${sha}`, { method: 'PUT', headers: bearer(chair), agent: false }, (res) => {
        res.resume();
        ok(`status ${res.statusCode ?? 0}`);
        req.destroy();
      });
      req.on('error', (error: NodeJS.ErrnoException) => ok(`error ${error.code ?? error.message}`));
      const chunk = Buffer.concat([makePng(4, 4), randomBytes(64 * 1024)]);
      const pump = (): void => {
        while (!req.destroyed && req.write(chunk));
        if (!req.destroyed) req.once('drain', pump);
      };
      pump();
    });
    assert.match(outcome, /^(status 413|error (ECONNRESET|EPIPE))$/);
    await Promise.allSettled(h.pending);
    assert.equal(await h.store.stat(sha), undefined);
    await assertNoTempFiles(h.dir);
  });

  test('files that are not PDF, PNG, JPEG or WebP get 415', async () => {
    const html = Buffer.from('<!doctype html><script>alert(document.domain)</script>');
    const elf = await readHead(process.execPath, 8192);
    assert.equal(elf.subarray(0, 4).toString('latin1'), '\x7fELF');
    const tiny = Buffer.from('%PD');
    for (const bytes of [html, elf, tiny, Buffer.alloc(0)]) {
      const reply = await put(h, bytes, chair);
      assert.equal(reply.status, 415, bytes.subarray(0, 8).toString('latin1'));
      assert.equal(json(reply)['error'], 'unsupported-type');
      assert.equal(await h.store.stat(sha256(bytes)), undefined);
    }
    await assertNoTempFiles(h.dir);
  });

  test('missing, malformed, forged and expired tokens get 401', async () => {
    const png = makePng(4, 4);
    const sha = sha256(png);
    reference('room-a', sha);
    const forged = await mintToken('room-a', 'chair', { secret: new TextEncoder().encode('not-the-server-secret-not-the-server') });
    const expired = await mintToken('room-a', 'chair', { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    for (const headers of [{}, { Authorization: 'Bearer' }, { Authorization: 'Basic abc' }, bearer('garbage'), bearer(forged), bearer(expired)]) {
      const putReply = await request(`${h.base}/evidence/${sha}`, { method: 'PUT', headers, body: png });
      assert.equal(putReply.status, 401);
      assert.equal(json(putReply)['error'], 'unauthenticated');
      assert.equal(putReply.headers['www-authenticate'], 'Bearer');
      const getReply = await request(`${h.base}/evidence/${sha}`, { headers });
      assert.equal(getReply.status, 401);
    }
    // A query token is for reading (<img src>, pdf.js); uploads need the Authorization header.
    const viaQuery = await request(`${h.base}/evidence/${sha}?token=${chair}`, { method: 'PUT', body: png });
    assert.equal(viaQuery.status, 401);
    assert.equal(await h.store.stat(sha), undefined);
  });

  test('members, recorders and observers may not upload (403)', async () => {
    const png = makePng(4, 4);
    for (const role of ['member', 'recorder', 'observer'] as const) {
      const reply = await put(h, png, await mintToken('room-a', role));
      assert.equal(reply.status, 403, role);
      assert.equal(json(reply)['error'], 'forbidden');
    }
    assert.equal(await h.store.stat(sha256(png)), undefined);
  });

  test('only rooms that reference a blob may read it', async () => {
    const png = makePng(6, 6);
    const sha = sha256(png);
    assert.equal((await put(h, png, chair)).status, 201);
    // Stored but referenced by nobody yet: even the uploader's room cannot read it.
    assert.equal((await request(`${h.base}/evidence/${sha}`, { headers: bearer(chair) })).status, 403);
    reference('room-a', sha);
    assert.equal((await request(`${h.base}/evidence/${sha}`, { headers: bearer(chair) })).status, 200);
    // Another case's room, whatever the role, and whether or not the blob exists.
    const otherChair = await mintToken('room-b', 'chair');
    const wrongRoom = await request(`${h.base}/evidence/${sha}`, { headers: bearer(otherChair) });
    assert.equal(wrongRoom.status, 403);
    assert.equal(json(wrongRoom)['error'], 'forbidden');
    assert.equal((await request(`${h.base}/evidence/${sha256(Buffer.from('nothing'))}`, { headers: bearer(otherChair) })).status, 403);
    // Referenced but never uploaded: 404.
    const missing = sha256(Buffer.from('referenced, not uploaded'));
    reference('room-a', missing);
    const notFound = await request(`${h.base}/evidence/${missing}`, { headers: bearer(chair) });
    assert.equal(notFound.status, 404);
    assert.equal(json(notFound)['error'], 'not-found');
  });

  test('byte ranges: start, middle, suffix, open end, unsatisfiable, several', async () => {
    const png = makePng(40, 40);
    const sha = sha256(png);
    const size = png.length;
    assert.ok(size > 2000);
    assert.equal((await put(h, png, chair)).status, 201);
    reference('room-a', sha);
    const url = `${h.base}/evidence/${sha}`;
    const ranged = (range: string, extra: Record<string, string> = {}): Promise<Reply> => request(url, { headers: { ...bearer(chair), Range: range, ...extra } });

    for (const [range, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-1499', 1000, 1499],
      ['bytes=-100', size - 100, size - 1],
      ['bytes=1500-', 1500, size - 1],
      [`bytes=${size - 10}-${size + 1000}`, size - 10, size - 1],
      [`bytes=-${size + 50}`, 0, size - 1],
    ] as const) {
      const reply = await ranged(range);
      assert.equal(reply.status, 206, range);
      assert.equal(reply.headers['content-range'], `bytes ${start}-${end}/${size}`, range);
      assert.equal(reply.headers['content-length'], String(end - start + 1), range);
      assert.equal(reply.headers['content-type'], 'image/png');
      assert.ok(reply.body.equals(png.subarray(start, end + 1)), range);
    }
    for (const range of [`bytes=${size}-`, `bytes=${size + 5}-${size + 10}`, 'bytes=-0']) {
      const reply = await ranged(range);
      assert.equal(reply.status, 416, range);
      assert.equal(reply.headers['content-range'], `bytes */${size}`);
    }
    // Several ranges, or a range whose validator does not match: the whole blob.
    assert.equal((await ranged('bytes=0-9,20-29')).status, 200);
    const stale = await ranged('bytes=0-9', { 'If-Range': '"0000"' });
    assert.equal(stale.status, 200);
    assert.equal(stale.body.length, size);
    assert.equal((await ranged('bytes=0-9', { 'If-Range': `"${sha}"` })).status, 206);
  });

  test('ETag and If-None-Match give 304', async () => {
    const png = makePng(5, 5);
    const sha = sha256(png);
    await put(h, png, chair);
    reference('room-a', sha);
    const url = `${h.base}/evidence/${sha}`;
    for (const tag of [`"${sha}"`, `W/"${sha}"`, `"other", "${sha}"`, '*']) {
      const reply = await request(url, { headers: { ...bearer(chair), 'If-None-Match': tag } });
      assert.equal(reply.status, 304, tag);
      assert.equal(reply.body.length, 0);
      assert.equal(reply.headers.etag, `"${sha}"`);
    }
    assert.equal((await request(url, { headers: { ...bearer(chair), 'If-None-Match': '"other"' } })).status, 200);
  });

  test('bad hash shapes get 400; other URLs are not handled', async () => {
    const png = makePng(4, 4);
    const sha = sha256(png);
    for (const path of ['/evidence/', '/evidence', `/evidence/${sha.toUpperCase()}`, `/evidence/${sha.slice(1)}`, `/evidence/${sha}0`, `/evidence/${'g'.repeat(64)}`, `/evidence/${sha}/x`, '/evidence/..%2f..%2fetc%2fpasswd']) {
      assert.equal((await request(`${h.base}${path}`, { headers: bearer(chair) })).status, 400, `GET ${path}`);
      const reply = await request(`${h.base}${path}`, { method: 'PUT', headers: bearer(chair), body: png });
      assert.equal(reply.status, 400, `PUT ${path}`);
      assert.equal(json(reply)['error'], 'bad-hash');
    }
    assert.equal((await request(`${h.base}/evidence-x/${sha}`, { headers: bearer(chair) })).status, 404);
    assert.equal((await request(`${h.base}/`)).status, 404);
    const del = await request(`${h.base}/evidence/${sha}`, { method: 'DELETE', headers: bearer(chair) });
    assert.equal(del.status, 405);
    assert.equal(del.headers.allow, 'GET, HEAD, PUT, OPTIONS');
  });

  test('concurrent identical puts all succeed and store one blob', async () => {
    const png = makePng(64, 64);
    const sha = sha256(png);
    const replies = await Promise.all(Array.from({ length: 8 }, () => put(h, png, chair)));
    for (const reply of replies) {
      assert.ok(reply.status === 201 || reply.status === 200, String(reply.status));
      assert.deepEqual(json(reply), { sha256: sha, bytes: png.length, mime: 'image/png' });
    }
    assert.ok(replies.some((r) => r.status === 201));
    const stored = await readFile(join(h.dir, sha.slice(0, 2), sha.slice(2, 4), sha));
    assert.ok(stored.equals(png));
    const siblings = await readdir(join(h.dir, sha.slice(0, 2), sha.slice(2, 4)));
    assert.deepEqual(siblings.filter((f) => f.includes(sha)), [sha]);
    await assertNoTempFiles(h.dir);
  });

  test('a client aborting mid-upload leaves no temp file and the server carries on', async () => {
    const png = makePng(100, 100);
    const sha = sha256(png);
    const before = h.pending.length;
    const firstChunk = new Promise<void>((ok) => {
      h.onFirstChunk = ok;
    });
    const req = http.request(`${h.base}/evidence/${sha}`, { method: 'PUT', headers: { ...bearer(chair), 'Content-Length': String(png.length) }, agent: false });
    const clientGone = new Promise<void>((ok) => req.on('error', () => ok()).on('close', () => ok()));
    req.write(png.subarray(0, 4096));
    await firstChunk; // the store has opened its temp file and is reading the body
    h.onFirstChunk = undefined;
    req.destroy();
    await clientGone;
    await Promise.allSettled(h.pending.slice(before));
    assert.equal(await h.store.stat(sha), undefined);
    await assertNoTempFiles(h.dir);
    // The same blob uploads fine afterwards.
    assert.equal((await put(h, png, chair)).status, 201);
  });
});

describe('fs blob store', () => {
  let dir: string;
  let store: BlobStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'huishen-fs-'));
    store = createFsBlobStore(join(dir, 'nested', 'store'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += size) yield new Uint8Array(bytes.subarray(i, i + size));
  }
  const collect = async (it: AsyncIterable<Uint8Array>): Promise<Buffer> => {
    const parts: Buffer[] = [];
    for await (const c of it) parts.push(Buffer.from(c));
    return Buffer.concat(parts);
  };
  const rejectsWith = (code: BlobError['code']) => (error: unknown) => error instanceof BlobError && error.code === code;

  test('put, stat and read with ranges, from odd-sized chunks', async () => {
    const png = makePng(20, 20);
    const sha = sha256(png);
    assert.equal(await store.stat(sha), undefined);
    const info = await store.put(sha, chunks(png, 5), { maxBytes: png.length });
    assert.deepEqual(info, { sha256: sha, bytes: png.length, mime: 'image/png' });
    assert.deepEqual(await store.stat(sha), info);
    assert.ok((await collect(store.read(sha))).equals(png));
    assert.ok((await collect(store.read(sha, { start: 10, end: 19 }))).equals(png.subarray(10, 20)));
    assert.ok((await collect(store.read(sha, { start: png.length - 1, end: png.length - 1 }))).equals(png.subarray(-1)));
    await assert.rejects(collect(store.read(sha, { start: 0, end: png.length })), RangeError);
  });

  test('limits, types, hashes and names are enforced', async () => {
    const png = makePng(10, 10);
    const sha = sha256(png);
    await assert.rejects(store.put(sha, chunks(png, 7), { maxBytes: png.length - 1 }), rejectsWith('too-large'));
    await assert.rejects(store.put(sha256(Buffer.alloc(0)), chunks(Buffer.alloc(0), 1), { maxBytes: 10 }), rejectsWith('unsupported-type'));
    await assert.rejects(store.put(sha256(png.subarray(1)), chunks(png.subarray(1), 3), { maxBytes: 1e6 }), rejectsWith('unsupported-type'));
    await assert.rejects(store.put('0'.repeat(64), chunks(png, 64), { maxBytes: 1e6 }), rejectsWith('hash-mismatch'));
    await assert.rejects(store.put('../../etc/passwd', chunks(png, 64), { maxBytes: 1e6 }), rejectsWith('bad-hash'));
    await assert.rejects(store.stat(sha.toUpperCase()), rejectsWith('bad-hash'));
    await assert.rejects(collect(store.read(sha)), rejectsWith('not-found'));
    assert.equal(await store.stat(sha), undefined);
    await assertNoTempFiles(dir);
  });

  test('a body that fails mid-stream leaves nothing behind', async () => {
    const png = makePng(30, 30);
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield png.subarray(0, 100);
      throw new Error('connection reset');
    }
    await assert.rejects(store.put(sha256(png), broken(), { maxBytes: 1e6 }), /connection reset/);
    assert.equal(await store.stat(sha256(png)), undefined);
    await assertNoTempFiles(dir);
  });

  test('concurrent puts of one blob are safe', async () => {
    const png = makePng(50, 50);
    const sha = sha256(png);
    const infos = await Promise.all(Array.from({ length: 10 }, (_, i) => store.put(sha, chunks(png, 100 + i), { maxBytes: 1e6 })));
    for (const info of infos) assert.deepEqual(info, { sha256: sha, bytes: png.length, mime: 'image/png' });
    assert.ok((await collect(store.read(sha))).equals(png));
    await assertNoTempFiles(dir);
  });

  test('magic bytes and range parsing', () => {
    assert.equal(sniffMime(Buffer.from('%PDF-1.7\n%âãÏÓ')), 'application/pdf');
    assert.equal(sniffMime(makePng(1, 1)), 'image/png');
    assert.equal(sniffMime(makeJpegFrame()), 'image/jpeg');
    assert.equal(sniffMime(makeWebpFrame()), 'image/webp');
    assert.equal(sniffMime(Buffer.from('RIFF\0\0\0\0WAVEfmt ')), undefined);
    assert.equal(sniffMime(Buffer.from('GIF89a......')), undefined);
    assert.equal(parseRange(undefined, 10), undefined);
    assert.equal(parseRange('bytes=5-2', 10), undefined);
    assert.equal(parseRange('items=0-1', 10), undefined);
    assert.equal(parseRange('bytes=-', 10), undefined);
    assert.deepEqual(parseRange('bytes=2-', 10), { start: 2, end: 9 });
    assert.deepEqual(parseRange('bytes=-3', 10), { start: 7, end: 9 });
    assert.equal(parseRange('bytes=10-', 10), 'unsatisfiable');
  });
});
