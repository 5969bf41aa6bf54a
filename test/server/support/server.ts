/**
 * Starting a room server for a test: a real LevelDB store in a temporary directory, an HS256
 * secret, 127.0.0.1 and a free port. Also a stock y-websocket provider wired to see Huishen's
 * extension messages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { MessageType, type Role } from '@huishen/model';
import { createFsBlobStore, createLevelDbStore, createRoomServer, mintToken, silentLogger, type Limits, type RoomServer, type RoomStore } from '@huishen/server';

export const SECRET = 'test-secret-0123456789abcdef';

/** A token for `user` (venue `city` unless given) in `room`. */
export function token(room: string, user: string, role: Role, extra: { venue?: string; name?: string; ttl?: number; secret?: string } = {}): Promise<string> {
  return mintToken(extra.secret ?? SECRET, {
    room,
    userId: user,
    name: extra.name ?? `Name ${user}`,
    venue: extra.venue ?? 'city',
    role,
    ttlSeconds: extra.ttl ?? 600,
  });
}

export interface TestServer {
  server: RoomServer;
  store: RoomStore;
  dir: string;
  /** ws://127.0.0.1:port */
  url: string;
  /** http://127.0.0.1:port */
  http: string;
  /** Stops the server, closes the store; `keep` leaves the directory for a restart. */
  stop(keep?: boolean): Promise<void>;
}

/** Starts a server on a LevelDB store in `dir` (a new temporary directory by default). */
export async function startServer(options: { dir?: string; limits?: Partial<Limits>; wrapStore?: (store: RoomStore) => RoomStore; blobs?: boolean } = {}): Promise<TestServer> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'huishen-server-')));
  const store = await createLevelDbStore(join(dir, 'rooms'));
  const blobs = options.blobs ? createFsBlobStore(join(dir, 'blobs')) : undefined;
  const server = createRoomServer({ store: options.wrapStore ? options.wrapStore(store) : store, blobs, secret: SECRET, logger: silentLogger, limits: { roomIdleMs: 200, ...options.limits } });
  const { port } = await server.listen(0, '127.0.0.1');
  return {
    server,
    store,
    dir,
    url: `ws://127.0.0.1:${port}`,
    http: `http://127.0.0.1:${port}`,
    async stop(keep = false) {
      await server.close();
      await store.close();
      if (!keep) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A stock y-websocket provider plus what it heard of Huishen's extension messages. */
export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  ext: { generation?: string; role?: string; saved: number; rejected: Array<{ n: number; reason: string }> };
  /** The type of every message the provider's socket received. */
  messageTypes: number[];
  /** Disconnects and frees the provider and its awareness (their timers keep Node alive). */
  destroy(): void;
}

/**
 * Connects a stock `WebsocketProvider` (BroadcastChannel off). With `ext` (the default) it asks
 * for Huishen's extension messages (`ext=huishen`) and handles them, as the elements' client
 * does; with `ext: false` it is a plain stock client.
 */
export function stockClient(url: string, room: string, tokenValue: string, doc = new Y.Doc(), options: { ext?: boolean } = {}): StockClient {
  const messageTypes: number[] = [];
  // Records the first varUint (the message type) of every frame before the provider reads it.
  class RecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: Buffer) => messageTypes.push(decoding.readVarUint(decoding.createDecoder(new Uint8Array(data)))));
    }
  }
  const provider = new WebsocketProvider(url, room, doc, {
    params: options.ext === false ? { token: tokenValue } : { token: tokenValue, ext: 'huishen' },
    WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const ext: StockClient['ext'] = { saved: 0, rejected: [] };
  if (options.ext !== false) {
    // The elements' client does the same: extension messages get handlers of their own.
    provider.messageHandlers[MessageType.hello] = (_e, d) => {
      ext.generation = decoding.readVarString(d);
      ext.role = decoding.readVarString(d);
    };
    provider.messageHandlers[MessageType.saved] = (_e, d) => {
      ext.saved = Math.max(ext.saved, decoding.readVarUint(d));
    };
    provider.messageHandlers[MessageType.rejected] = (_e, d) => {
      ext.rejected.push({ n: decoding.readVarUint(d), reason: decoding.readVarString(d) });
    };
  }
  return {
    doc,
    provider,
    ext,
    messageTypes,
    destroy() {
      provider.destroy();
      provider.awareness.destroy();
    },
  };
}

/** Polls `predicate` until it holds; rejects after `timeoutMs` (a hang guard, not a timing assertion). */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Sends an HTTP upgrade by hand and returns the status line and any bytes that followed. */
export async function rawUpgrade(http: string, path: string): Promise<{ status: number; body: string }> {
  const { connect } = await import('node:net');
  const { hostname, port } = new URL(http);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.split('\r\n\r\n').slice(1).join('\r\n\r\n') });
    });
  });
}
