/**
 * `createRoomServer`: the HTTP server, the WebSocket upgrade with token verification, and the
 * routes (`/healthz`, `/metrics`, evidence, LiveKit tokens) around a {@link RoomRegistry}.
 *
 * How to think about this module: it is the wiring. A request is either an HTTP route or a
 * WebSocket upgrade. An upgrade names its room in the first path segment and carries its token in
 * `?token=`; the token is verified (and its room compared) before the upgrade completes, so a bad
 * token never touches a room and never receives a byte of WebSocket. Everything stateful lives in
 * the returned object; two servers in one process share nothing.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo, Socket } from 'node:net';
import * as Y from 'yjs';
import { WebSocketServer, WebSocket } from 'ws';
import { CloseCode, decide, isId, rightsContext, type Actor } from '@huishen/model';
import type { RoomStore } from './persistence/types.js';
import type { BlobStore } from './blobs/types.js';
import { AuthError, createTokenVerifier, type Authenticate } from './auth.js';
import { resolveLimits, type Limits } from './limits.js';
import { consoleLogger, Metrics, type Logger } from './metrics.js';
import { RoomRegistry } from './rooms.js';
import { Connection, wantsExtensions } from './connection.js';
import { handleEvidenceRequest } from './evidence-http.js';
import type { LivekitConfig } from './livekit.js';

/** Options of {@link createRoomServer}. */
export interface RoomServerOptions {
  /** Where rooms are stored (LevelDB, PostgreSQL, memory). The caller closes it after `close()`. */
  store: RoomStore;
  /** Verifies room tokens. Either this or `secret` is required. */
  authenticate?: Authenticate | undefined;
  /** HS256 secret for room tokens (shorthand for `authenticate: createTokenVerifier({ secret })`). */
  secret?: string | undefined;
  /** Evidence blob store; without it `/evidence` answers 404. */
  blobs?: BlobStore | undefined;
  /** Limits; unspecified fields take {@link DEFAULT_LIMITS}. */
  limits?: Partial<Limits> | undefined;
  /** Where to log; default: warnings and errors as JSON lines on stderr. */
  logger?: Logger | undefined;
  /** LiveKit settings for `POST /livekit/token`. */
  livekit?: LivekitConfig | undefined;
}

/** A running (or ready to run) room server. */
export interface RoomServer {
  /** Starts listening; resolves with the bound address (use port 0 for any free port). */
  listen(port?: number, host?: string): Promise<{ host: string; port: number }>;
  /** The bound address once listening. */
  readonly address: { host: string; port: number } | undefined;
  /** Graceful stop: refuse new connections, flush every pending append, close sockets with 1012. */
  close(): Promise<void>;
  /** Counters and histograms (also served at `/metrics`). */
  readonly metrics: Metrics;
  /** The underlying HTTP server (for mounting in tests). */
  readonly httpServer: http.Server;
  /** Test hook: a copy of a loaded room's server-side document, or undefined when not loaded. */
  roomDoc(room: string): Y.Doc | undefined;
  /** Test hook: names of loaded rooms. */
  loadedRooms(): string[];
  /** Test hook: connections in a room (or in all rooms). */
  connectionCount(room?: string): number;
  /** Test hook: resolves once every accepted write of the room (or all rooms) is stored. */
  flush(room?: string): Promise<void>;
  /** Test hook: compacts a room now. */
  compact(room: string): Promise<void>;
}

/** Creates a room server. Nothing listens until {@link RoomServer.listen}. */
export function createRoomServer(options: RoomServerOptions): RoomServer {
  const limits = resolveLimits(options.limits);
  const logger = options.logger ?? consoleLogger();
  const metrics = new Metrics();
  const { store } = options;
  let authenticate: Authenticate;
  if (options.authenticate) authenticate = options.authenticate;
  else if (options.secret !== undefined) {
    const verifier = createTokenVerifier({ secret: options.secret });
    authenticate = async (token) => (await verifier)(token);
  } else throw new Error('createRoomServer needs authenticate or secret');

  const registry = new RoomRegistry(store, limits, metrics, logger);
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, WebSocket: SizeLimitedSocket });
  const pendingAuth = new Map<Socket, NodeJS.Timeout>();
  let draining = false;
  let address: { host: string; port: number } | undefined;

  const server = http.createServer({ requestTimeout: 0 });
  server.on('connection', (socket: Socket) => {
    // The unauthenticated time limit: a socket must complete a request or an upgrade in time.
    const timer = setTimeout(() => {
      pendingAuth.delete(socket);
      metrics.inc('huishen_auth_timeouts_total');
      socket.destroy();
    }, limits.authTimeoutMs);
    pendingAuth.set(socket, timer);
    socket.once('close', () => {
      clearTimeout(timer);
      pendingAuth.delete(socket);
    });
  });
  const authenticated = (socket: Socket | Duplex): void => {
    const timer = pendingAuth.get(socket as Socket);
    clearTimeout(timer);
    pendingAuth.delete(socket as Socket);
  };

  const roomReferencesBlob = (room: string, sha256: string): Promise<boolean> =>
    isId(room)
      ? registry.withRoom(room, (r) => [...r.doc.getMap('evidence').values()].some((e) => e instanceof Y.Map && e.get('sha256') === sha256))
      : Promise.resolve(false);
  const mayAddEvidence = (actor: Actor, room: string): Promise<boolean> =>
    registry.withRoom(room, (r) => decide(actor, { target: 'evidence', id: 'new', after: { addedBy: actor.userId, venue: actor.venue }, fields: [] }, rightsContext(r.doc)).allowed);
  const onError = (error: unknown, context: string): void => logger.error('http handler failed', { context, error: String(error) });

  server.on('request', (req, res) => {
    authenticated(req.socket);
    void route(req, res).catch((err: unknown) => {
      onError(err, `${req.method ?? ''} ${req.url ?? ''}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    metrics.inc('huishen_http_requests_total');
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(draining ? 503 : 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: draining ? 'draining' : 'ok', rooms: registry.loaded.size, connections: connections.size }));
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      const memory = process.memoryUsage();
      res.end(
        metrics.render({
          huishen_rooms: registry.loaded.size,
          huishen_connections: connections.size,
          huishen_pending_writes: pendingWrites(),
          huishen_process_resident_memory_bytes: memory.rss,
          huishen_process_heap_used_bytes: memory.heapUsed,
        }),
      );
      return;
    }
    if (options.blobs) {
      const deps = { authenticate, roomReferencesBlob, blobs: options.blobs, maxBlobBytes: limits.maxBlobBytes, mayAddEvidence, onError };
      if (await handleEvidenceRequest(req, res, deps)) return;
    }
    if (path === '/livekit/token') {
      // Loaded on first use: livekit-server-sdk is large and most rooms never ask for media.
      const { handleLivekitTokenRequest } = await import('./livekit.js');
      if (await handleLivekitTokenRequest(req, res, { authenticate, livekit: options.livekit, onError, rightsContext: (room) => registry.withRoom(room, (r) => rightsContext(r.doc)) })) return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'not-found' }));
  }

  function pendingWrites(): number {
    let n = 0;
    for (const room of registry.loaded.values()) n += room.pendingWrites;
    return n;
  }

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    void upgrade(req, socket, head).catch((err: unknown) => {
      logger.error('upgrade failed', { error: String(err) });
      refuse(socket, 500);
    });
  });

  async function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (draining) return refuse(socket, 503);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/').filter((s) => s !== '');
    let room: string | undefined;
    try {
      room = segments.length === 1 ? decodeURIComponent(segments[0]!) : undefined;
    } catch {
      room = undefined;
    }
    if (room === undefined || !isId(room)) return refuse(socket, 404);
    const token = url.searchParams.get('token') ?? /^Bearer[ \t]+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return refuse(socket, 401, 'missing');
    let grant;
    try {
      grant = await authenticate(token);
    } catch (err) {
      return refuse(socket, err instanceof AuthError ? err.status : 401, err instanceof AuthError ? 'invalid' : 'error');
    }
    if (grant.room !== room) return refuse(socket, 403, 'wrong-room');
    if (socket.destroyed || draining) return refuse(socket, 503);
    authenticated(socket);
    const actor = grant.actor;
    const ext = wantsExtensions(url.searchParams);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new Connection(ws, socket, actor, room, { limits, metrics, logger }, ext);
      connections.add(conn);
      metrics.inc('huishen_connections_opened_total');
      ws.on('close', () => connections.delete(conn));
      if (draining) return conn.close(CloseCode.serviceRestart, 'server shutting down');
      void registry.connect(conn);
    });
  }

  function refuse(socket: Duplex, status: number, why = ''): void {
    metrics.inc('huishen_upgrades_refused_total', `status="${status}"${why ? `,why="${why}"` : ''}`);
    if (!socket.destroyed && socket.writable) {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  const pinger = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      try {
        conn.ws.ping();
      } catch {
        // the socket is already closing
      }
    }
  }, limits.pingIntervalMs);
  pinger.unref();

  return {
    metrics,
    httpServer: server,
    get address() {
      return address;
    },
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const a = server.address() as AddressInfo;
          address = { host: a.address, port: a.port };
          logger.info('listening', address);
          resolve(address);
        });
      });
    },
    async close() {
      if (draining) return;
      draining = true;
      clearInterval(pinger);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const [socket, timer] of pendingAuth) {
        clearTimeout(timer);
        socket.destroy();
      }
      await registry.close();
      // Give clients a moment to answer the close handshake, then cut what is left.
      const deadline = Date.now() + 2000;
      while ([...wss.clients].some((ws) => ws.readyState !== WebSocket.CLOSED) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      await closed;
    },
    roomDoc(room) {
      const r = registry.loaded.get(room);
      if (!r) return undefined;
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(r.doc));
      return copy;
    },
    loadedRooms: () => [...registry.loaded.keys()],
    connectionCount(room) {
      if (room === undefined) return connections.size;
      return registry.loaded.get(room)?.connections.size ?? 0;
    },
    async flush(room) {
      const rooms = room === undefined ? [...registry.loaded.values()] : [registry.loaded.get(room)].filter((r) => r !== undefined);
      await Promise.all(rooms.map((r) => r.flush()));
    },
    compact: (room) => registry.compact(room, true),
  };
}

/**
 * ws closes a connection whose frame exceeds `maxPayload` with 1009 before the frame is read.
 * Huishen's protocol gives "too large" its own code (4413), so that one mapping happens here.
 */
class SizeLimitedSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    super.close(code === 1009 ? CloseCode.tooLarge : code, data);
  }
}
