/**
 * HTTP endpoints of the evidence store, mounted by the room server's HTTP server:
 *
 * - `PUT /evidence/<sha256>` with `Authorization: Bearer <room token>` stores a blob. Only actors
 *   that may add evidence to the token's room may upload. The body is verified while it streams
 *   (size limit, type by magic bytes, SHA-256); 201 when stored, 200 when it was already there
 *   (the body is still read and verified, so a 200 proves the uploader holds the bytes).
 * - `GET`/`HEAD /evidence/<sha256>` with a bearer token, or `?token=` for `<img src>` and pdf.js
 *   range fetches, streams a blob to anyone whose room references it. Blobs are immutable, so the
 *   hash is a strong ETag and responses may be cached forever (privately).
 *
 * How to think about it: authentication says *which room* a request speaks for; the room's
 * document decides what that room may read (`roomReferencesBlob`), so evidence of one case never
 * leaks to another case's participants just because they learned a hash. Errors are JSON
 * `{ error, message }`. A refused upload is answered at once and the rest of its body discarded
 * (up to a bound) so the client reads the answer instead of a reset; a client that goes away
 * mid-upload only costs its temp file, which the store removes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, corsHeaders, sendJson } from './http-json.js';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '@huishen/model';
import { BlobError, isSha256, type BlobInfo, type BlobStore } from './blobs/index.js';

/** What {@link handleEvidenceRequest} needs from the room server. */
export interface EvidenceHttpDeps {
  /** Verifies a room token (the same one the socket uses); rejects when it is not valid. */
  authenticate(token: string): Promise<{ actor: Actor; room: string }>;
  /** True when the room's document has an evidence item with this SHA-256. */
  roomReferencesBlob(room: string, sha256: string): Promise<boolean>;
  /** Where the bytes live. */
  blobs: BlobStore;
  /** Largest accepted blob, in bytes. */
  maxBlobBytes: number;
  /** True when `actor` may add evidence to `room` (the model's rights decide; chair and presenter). */
  mayAddEvidence(actor: Actor, room: string): boolean | Promise<boolean>;
  /**
   * `Access-Control-Allow-Origin` for browsers embedding the elements on another origin, or
   * `false` for no CORS headers. Default `'*'`: safe here because access rests on a bearer token
   * that the page must hold, never on cookies or other ambient credentials.
   */
  allowOrigin?: string | false | undefined;
  /** Told about unexpected failures (a storage error, a broken stream) for logging. */
  onError?: ((error: unknown, context: string) => void) | undefined;
}

/** Headers on every blob response: never executed, never sniffed, cached only by the browser. */
const BLOB_HEADERS = {
  'Cache-Control': 'private, max-age=31536000, immutable',
  'X-Content-Type-Options': 'nosniff',
  // A PDF (or an SVG smuggled in some future type) served from our origin must not run anything.
  'Content-Security-Policy': 'sandbox',
  'Accept-Ranges': 'bytes',
  // `?token=` URLs must not leak through the Referer of anything a viewer links to.
  'Referrer-Policy': 'no-referrer',
} as const;

const HTTP_STATUS: Record<BlobError['code'], number> = {
  'bad-hash': 400,
  'hash-mismatch': 409,
  'too-large': 413,
  'unsupported-type': 415,
  'not-found': 404,
};

/** How long a refused upload's remaining body is drained before the socket is cut. */
const DRAIN_MS = 10_000;

type Route = { req: IncomingMessage; res: ServerResponse; url: URL; sha256: string; deps: EvidenceHttpDeps };

const EXPOSED = 'Content-Length, Content-Range, Accept-Ranges, ETag';
const cors = (deps: EvidenceHttpDeps): Record<string, string> => corsHeaders(deps.allowOrigin, EXPOSED);

const sendError = (res: ServerResponse, deps: EvidenceHttpDeps, status: number, error: string, message: string, headers?: Record<string, string>): void =>
  sendJson(res, status, { error, message }, { ...cors(deps), ...headers });

type Refuse = (status: number, error: string, message: string, headers?: Record<string, string>) => void;

/** The token's actor and room, or `undefined` after refusing the request with a 401. */
async function authenticate(route: Route, allowQueryToken: boolean, refuse: Refuse): Promise<{ actor: Actor; room: string } | undefined> {
  const { req, url, deps } = route;
  const token = bearerToken(req) ?? (allowQueryToken ? url.searchParams.get('token') ?? undefined : undefined);
  const challenge = { 'WWW-Authenticate': 'Bearer' };
  if (!token) {
    refuse(401, 'unauthenticated', 'a room token is required (Authorization: Bearer <token>)', challenge);
    return undefined;
  }
  try {
    return await deps.authenticate(token);
  } catch {
    refuse(401, 'unauthenticated', 'the room token is not valid', challenge);
    return undefined;
  }
}

/**
 * Answers a refused upload without reading its body, then discards what the client still sends
 * (at most `limit` bytes, at most {@link DRAIN_MS}) so it can read the answer; beyond that the
 * socket is cut. `Connection: close` keeps the half-read connection from being reused.
 */
function refuseUpload(route: Route, status: number, error: string, message: string, headers: Record<string, string> = {}): void {
  const { req, res, deps } = route;
  sendError(res, deps, status, error, message, { ...headers, Connection: 'close' });
  if (req.complete || req.destroyed) return;
  const limit = Math.max(deps.maxBlobBytes, 1 << 20);
  let discarded = 0;
  const cut = (): void => {
    req.socket.destroy();
  };
  const timer = setTimeout(cut, DRAIN_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limit) cut();
  });
  req.on('error', () => {});
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

async function putBlob(route: Route): Promise<void> {
  const { req, res, sha256, deps } = route;
  const auth = await authenticate(route, false, (...args) => refuseUpload(route, ...args));
  if (!auth) return;
  if (!isSha256(sha256)) return refuseUpload(route, 400, 'bad-hash', 'expected /evidence/<lower-case hex SHA-256>');
  if (!(await deps.mayAddEvidence(auth.actor, auth.room))) {
    return refuseUpload(route, 403, 'forbidden', `a ${auth.actor.role} may not add evidence`);
  }
  const declared = Number(req.headers['content-length']);
  if (req.headers['content-length'] !== undefined && declared > deps.maxBlobBytes) {
    return refuseUpload(route, 413, 'too-large', `blob exceeds the limit of ${deps.maxBlobBytes} bytes`);
  }

  let existed: boolean;
  let info: BlobInfo;
  try {
    existed = (await deps.blobs.stat(sha256)) !== undefined;
    // destroyOnReturn: false — when the store stops reading early (too large, wrong type), the
    // request must stay open so that the refusal can still be written to it.
    info = await deps.blobs.put(sha256, req.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>, {
      maxBytes: deps.maxBlobBytes,
    });
  } catch (error) {
    if (error instanceof BlobError) return refuseUpload(route, HTTP_STATUS[error.code], error.code, error.message);
    if (req.destroyed || res.destroyed) return; // the client went away mid-upload; nothing to answer
    deps.onError?.(error, `PUT /evidence/${sha256}`);
    return refuseUpload(route, 500, 'internal', 'the blob could not be stored');
  }
  sendJson(res, existed ? 200 : 201, info, { ...cors(deps), Location: `/evidence/${sha256}` });
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * A single `bytes=` range of a blob of `size` bytes: the inclusive range, `'unsatisfiable'`, or
 * `undefined` when the header is absent, malformed or asks for several ranges (then the whole
 * blob is sent, as RFC 9110 allows).
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { start, end };
}

async function getBlob(route: Route): Promise<void> {
  const { req, res, sha256, deps } = route;
  const auth = await authenticate(route, true, (...args) => sendError(res, deps, ...args));
  if (!auth) return;
  if (!isSha256(sha256)) return sendError(res, deps, 400, 'bad-hash', 'expected /evidence/<lower-case hex SHA-256>');
  // Whether the blob exists is only revealed to rooms that reference it.
  if (!(await deps.roomReferencesBlob(auth.room, sha256))) {
    return sendError(res, deps, 403, 'forbidden', 'this room does not reference that evidence');
  }
  const info = await deps.blobs.stat(sha256);
  if (!info) return sendError(res, deps, 404, 'not-found', 'the evidence has not been uploaded yet');

  const etag = `"${sha256}"`;
  const common = { ...cors(deps), ...BLOB_HEADERS, ETag: etag };
  if (etagMatches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const ifRange = req.headers['if-range'];
  const range = ifRange === undefined || String(ifRange).trim() === etag ? parseRange(req.headers.range, info.bytes) : undefined;
  if (range === 'unsatisfiable') {
    return sendError(res, deps, 416, 'range-not-satisfiable', `the blob has ${info.bytes} bytes`, {
      'Accept-Ranges': 'bytes',
      'Content-Range': `bytes */${info.bytes}`,
    });
  }
  const length = range ? range.end - range.start + 1 : info.bytes;
  res.writeHead(range ? 206 : 200, {
    ...common,
    'Content-Type': info.mime,
    'Content-Length': length,
    ...(range ? { 'Content-Range': `bytes ${range.start}-${range.end}/${info.bytes}` } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(Readable.from(deps.blobs.read(sha256, range), { objectMode: false }), res);
  } catch (error) {
    // A viewer that scrolls away aborts its range fetch: routine, not worth a log line.
    if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      deps.onError?.(error, `GET /evidence/${sha256}`);
    }
    res.destroy();
  }
}

/**
 * Serves `/evidence` and `/evidence/<sha256>`; resolves `false` (having touched nothing) for any
 * other URL so the caller can try its next route. Never rejects: unexpected failures become a 500
 * (or a cut connection once the response has started) and are reported to `deps.onError`.
 */
export async function handleEvidenceRequest(req: IncomingMessage, res: ServerResponse, deps: EvidenceHttpDeps): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return false;
  }
  if (url.pathname !== '/evidence' && !url.pathname.startsWith('/evidence/')) return false;
  const route: Route = { req, res, url, deps, sha256: url.pathname.slice('/evidence/'.length) };
  try {
    switch (req.method) {
      case 'GET':
      case 'HEAD':
        await getBlob(route);
        break;
      case 'PUT':
        await putBlob(route);
        break;
      case 'OPTIONS':
        res.writeHead(204, {
          ...cors(deps),
          'Access-Control-Allow-Methods': 'GET, HEAD, PUT, OPTIONS',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type, Range, If-None-Match, If-Range',
          'Access-Control-Max-Age': '600',
        });
        res.end();
        break;
      default:
        refuseUpload(route, 405, 'method-not-allowed', `${req.method ?? ''} is not supported here`, {
          Allow: 'GET, HEAD, PUT, OPTIONS',
        });
    }
  } catch (error) {
    deps.onError?.(error, `${req.method ?? ''} ${url.pathname}`);
    if (res.headersSent) res.destroy();
    else refuseUpload(route, 500, 'internal', 'the request could not be completed');
  }
  return true;
}
