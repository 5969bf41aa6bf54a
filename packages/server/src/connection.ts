/**
 * One client's WebSocket in one room, after its token was verified.
 *
 * How to think about this module: a connection is a filter in front of its {@link Room}. It
 * enforces the per-connection limits (frame size, message rate, slow readers), decodes frames
 * strictly and numbers the client's document writes (1, 2, …) so that **saved** and **rejected**
 * can name them. Messages that arrive while the room is still loading wait in a short queue.
 * Anything it cannot make sense of closes this connection only, with a distinct close code.
 *
 * Huishen's extension messages (hello, saved, rejected) go only to connections that asked for
 * them with `ext=huishen` in the URL ({@link Connection.ext}); a stock y-websocket client has no
 * handler for them and would log "Unable to compute message" for each.
 */
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { CloseCode, type Actor } from '@huishen/model';
import { RateLimiter, type Limits } from './limits.js';
import type { Logger, Metrics } from './metrics.js';
import type { Room } from './room.js';
import { decodeClientMessage } from './wire.js';

/** Frames a client may send before its room finished loading. */
const MAX_EARLY_MESSAGES = 64;

/** The query parameter (and value) by which a client asks for Huishen's extension messages. */
export const EXTENSIONS_PARAM = { name: 'ext', value: 'huishen' } as const;

/** True when a connection URL's query asks for the extension messages (`ext=huishen`, also in a comma list). */
export function wantsExtensions(params: URLSearchParams): boolean {
  return params.getAll(EXTENSIONS_PARAM.name).some((v) => v.split(',').includes(EXTENSIONS_PARAM.value));
}

/** What a connection needs from its server. */
export interface ConnectionContext {
  limits: Limits;
  metrics: Metrics;
  logger: Logger;
}

/** A client connected to a room. */
export class Connection {
  /** Awareness client ids this connection speaks for (managed by the room). */
  readonly awarenessIds = new Set<number>();
  /** Highest write number settled (durable, no-op or rejected) and announced with **saved**. */
  savedThrough = 0;
  savedSent = 0;
  /** Number of document writes received so far. */
  writes = 0;
  /** Set when a pong arrived since the last ping. */
  alive = true;
  private room: Room | undefined;
  private early: Uint8Array[] = [];
  private readonly limiter: RateLimiter;
  private closed = false;
  private corked = false;
  /** Uncorks after the tick in which the first frame was corked (bound once, not per frame). */
  private readonly uncork = (): void => {
    this.corked = false;
    this.socket.uncork();
  };

  /**
   * @param socket the upgraded TCP socket under `ws`; frames sent in one tick are corked into
   * one write (an echo and its **saved**, a batch of relays), which saves a syscall per frame.
   * @param ext true when the client asked for the extension messages (hello, saved, rejected).
   */
  constructor(
    readonly ws: WebSocket,
    private readonly socket: Duplex,
    readonly actor: Actor,
    readonly roomName: string,
    private readonly ctx: ConnectionContext,
    readonly ext = false,
  ) {
    this.limiter = new RateLimiter(ctx.limits.messagesPerSecond, ctx.limits.messageBurst);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('error', (err) => ctx.logger.info('socket error', { room: roomName, error: String(err) }));
    ws.on('close', (code) => {
      this.closed = true;
      ctx.metrics.inc('huishen_connections_closed_total', `code="${code}"`);
      this.room?.detach(this);
    });
  }

  /** True once the socket is closing or closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Hands the connection to its loaded room and replays what the client sent meanwhile. */
  join(room: Room): void {
    if (this.closed) return;
    this.room = room;
    room.attach(this);
    const early = this.early;
    this.early = [];
    for (const frame of early) {
      if (this.closed) break;
      this.handle(frame);
    }
  }

  /** Sends a frame unless the socket is closed; closes a reader that falls too far behind. */
  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > this.ctx.limits.maxBufferedBytes) {
      this.close(CloseCode.tryAgainLater, 'reader too slow');
      return;
    }
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    this.ws.send(frame);
    const { hot } = this.ctx.metrics;
    hot.messagesSent.value++;
    hot.bytesSent.value += frame.length;
  }

  /** Closes the connection with a code (once). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ctx.logger.info('closing connection', { room: this.roomName, user: this.actor.userId, code, reason });
    this.room?.detach(this);
    try {
      this.ws.close(code, reason.slice(0, 120));
    } catch {
      this.ws.terminate();
    }
  }

  private onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.closed) return;
    const frame = toBytes(data);
    const { limits, metrics } = this.ctx;
    metrics.hot.bytesReceived.value += frame.length;
    if (frame.length > limits.maxMessageBytes) return this.close(CloseCode.tooLarge, 'message too large');
    if (!this.limiter.take()) return this.close(CloseCode.rateLimited, 'too many messages');
    if (!isBinary) return this.close(CloseCode.badMessage, 'text frames are not part of the protocol');
    if (this.room === undefined) {
      if (this.early.length >= MAX_EARLY_MESSAGES) return this.close(CloseCode.rateLimited, 'too many messages before the room loaded');
      this.early.push(frame);
      return;
    }
    this.handle(frame);
  }

  private handle(frame: Uint8Array): void {
    const room = this.room!;
    const { metrics } = this.ctx;
    try {
      const msg = decodeClientMessage(frame);
      metrics.hot.received[msg.kind].value++;
      switch (msg.kind) {
        case 'bad':
          return this.close(CloseCode.badMessage, msg.detail);
        case 'sync-step1':
          return room.syncStep1(this, msg.stateVector);
        case 'sync-step2':
          return room.write(this, ++this.writes, msg.update, null);
        case 'update':
          // The frame is exactly one sync update message, so it can be relayed as it came.
          return room.write(this, ++this.writes, msg.update, frame);
        case 'awareness':
          return room.awarenessUpdate(this, msg.update);
        case 'query-awareness':
          return room.queryAwareness(this);
      }
    } catch (err) {
      this.ctx.logger.error('message handling failed', { room: this.roomName, error: err instanceof Error ? err.stack : String(err) });
      this.close(CloseCode.internalError, 'internal error');
    }
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
