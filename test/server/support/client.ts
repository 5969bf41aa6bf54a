/**
 * A small y-websocket client over `ws` and y-protocols, for tests and benchmarks. Unlike the stock
 * provider it exposes everything the server says: hello, saved, rejected and the close code, and it
 * counts its own document writes the way the server numbers them.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from '@huishen/model';

const REMOTE = Symbol('remote');

export interface ClientOptions {
  /** Do not answer the server's sync step 1 nor send local updates automatically. */
  manual?: boolean;
  /** Called for every relayed document update (after it was applied). */
  onRemoteUpdate?: (update: Uint8Array) => void;
  /** Ask for Huishen's extension messages with `ext=huishen` (default true; false = like a stock client). */
  ext?: boolean;
}

/** A test client connected to one room. */
export class TestClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  hello: { generation: string; role: string; saved: number } | undefined;
  /** Highest write number the server reported saved. */
  saved = 0;
  /** Writes sent so far (sync step 2 replies and updates). */
  writes = 0;
  readonly rejected: Array<{ n: number; reason: string }> = [];
  /** Sync step 2 replies received from the server. */
  syncedCount = 0;
  /** Awareness messages received. */
  awarenessCount = 0;
  /** The type of every message received, in order. */
  readonly messageTypes: number[] = [];
  closeCode: number | undefined;
  closeReason = '';
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;
  private listeners = new Set<() => void>();

  constructor(
    readonly ws: WebSocket,
    private readonly options: ClientOptions = {},
    doc = new Y.Doc(),
  ) {
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    ws.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (req, res) => {
        reject(new Error(`HTTP ${res.statusCode}`));
        req.destroy();
        res.destroy();
        this.awareness.destroy();
      });
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        this.awareness.destroy();
        this.notify();
        resolve(code);
      }),
    );
    ws.on('error', () => {});
    ws.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data)));
    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      if (origin === REMOTE || this.options.manual || this.ws.readyState !== WebSocket.OPEN) return;
      this.sendUpdate(update);
    };
    doc.on('update', onUpdate);
    ws.on('close', () => doc.off('update', onUpdate));
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === REMOTE) return;
      this.sendAwareness(added.concat(updated, removed));
    });
    void this.opened.then(() => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep1(e, doc);
      this.send(encoding.toUint8Array(e));
    }, () => {});
  }

  /** Opens a connection to `room` on `url` (ws://host:port). */
  static connect(url: string, room: string, token: string | undefined, options?: ClientOptions, doc?: Y.Doc): TestClient {
    const params = new URLSearchParams();
    if (token !== undefined) params.set('token', token);
    if (options?.ext ?? true) params.set('ext', 'huishen');
    const q = params.size > 0 ? `?${params.toString()}` : '';
    return new TestClient(new WebSocket(`${url}/${room}${q}`), options, doc);
  }

  /** Sends raw bytes. */
  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  /** Sends a document update as a sync update message (counted as a write). */
  sendUpdate(update: Uint8Array): number {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeUpdate(e, update);
    this.send(encoding.toUint8Array(e));
    return ++this.writes;
  }

  sendAwareness(clients: number[]): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    this.send(encoding.toUint8Array(e));
  }

  /** Resolves when `predicate` holds, re-checking after every message; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, what = 'condition', timeoutMs = 15_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (predicate()) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  /** Resolves once every write sent so far is reported saved. */
  allSaved(): Promise<void> {
    const target = this.writes;
    return this.waitFor(() => this.saved >= target, `saved ${target}`);
  }

  /** Resolves once the server answered our sync step 1. */
  synced(): Promise<void> {
    return this.waitFor(() => this.syncedCount > 0, 'sync step 2');
  }

  close(): Promise<number> {
    if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN) this.ws.close();
    this.awareness.destroy();
    return this.closed;
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  private onMessage(buf: Uint8Array): void {
    const d = decoding.createDecoder(buf);
    const type = decoding.readVarUint(d);
    this.messageTypes.push(type);
    switch (type) {
      case MessageType.sync: {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, MessageType.sync);
        const sub = this.options.manual && decoding.peekVarUint(d) === 0 ? -1 : syncProtocol.readSyncMessage(d, e, this.doc, REMOTE);
        if (sub === syncProtocol.messageYjsSyncStep2) this.syncedCount++;
        if (sub === syncProtocol.messageYjsUpdate) this.options.onRemoteUpdate?.(buf);
        if (encoding.length(e) > 1) {
          this.send(encoding.toUint8Array(e));
          this.writes++;
        }
        break;
      }
      case MessageType.awareness:
        this.awarenessCount++;
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), REMOTE);
        break;
      case MessageType.hello:
        this.hello = { generation: decoding.readVarString(d), role: decoding.readVarString(d), saved: decoding.readVarUint(d) };
        break;
      case MessageType.saved:
        this.saved = Math.max(this.saved, decoding.readVarUint(d));
        break;
      case MessageType.rejected:
        this.rejected.push({ n: decoding.readVarUint(d), reason: decoding.readVarString(d) });
        break;
    }
    this.notify();
  }
}
