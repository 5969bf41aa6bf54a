/**
 * The room runtime: one venue's live session in a review room. `connectRoom` creates the room's
 * `Y.Doc`, keeps it in IndexedDB (so a venue that loses the network keeps working and merges on
 * reconnect), links it to the room server through y-websocket with Huishen's extension messages,
 * publishes the local user's presence, and gives the elements everything they need as a
 * {@link RoomContextValue}: the returned session IS one.
 *
 * How to think about the connection status:
 * - `connecting` until the first sync, `synced` whenever the server's state has been merged;
 * - `offline` once a connection dropped or could not be opened (it keeps retrying with backoff);
 * - `denied` when the server refused the token (checked over HTTP when a socket is refused at the
 *   upgrade, since a browser only sees close code 1006 then; or close codes 4401/4403). A refused
 *   token is refreshed once through `refreshToken` before giving up. Denied stops reconnecting;
 *   the local document and its IndexedDB copy are kept.
 *
 * `unsaved` counts local changes the server has not confirmed with **saved** (see
 * {@link WriteTracker}); it survives reconnects, not reloads.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, createUndoManager, LocalOrigin, presenceUser, roots, setLocalUser, type Actor, type UndoOptions } from '@huishen/model';
import type { ConnectionStatus } from './connection-status.js';
import { ConnectionState } from './connection-state.js';
import { EvidenceStore } from './evidence-store.js';
import { installExtensionHandlers } from './extension-messages.js';
import type { RoomContextValue } from './room-context.js';
import { RoomDeniedEvent, RoomRejectedEvent, type RoomDenialReason } from './room-events.js';
import { readRoomToken } from './room-token.js';
import { venueColor } from './venue-colors.js';
import { VenueLayers } from './venue-layers.js';
import { isDocumentWrite, WriteTracker } from './write-tracker.js';

/** Options of {@link connectRoom}. */
export interface ConnectRoomOptions {
  /** The room server's base URL (`https://…` or `wss://…`; either scheme works for both uses). */
  serverUrl: string;
  /** The room name (the review session id). */
  room: string;
  /** The room token (a JWT minted by the portal or `huishen-server token`). */
  token: string;
  /** Called when the server refuses the token (expired); resolves with a fresh one. */
  refreshToken?: () => Promise<string>;
  /**
   * Keep the document in IndexedDB so offline edits survive and merge on reconnect (default
   * true). The database is named per server, room and user; pass a string to name it yourself.
   */
  offline?: boolean | string;
  /** Who is at this screen; default: read from the token's claims. */
  actor?: Actor;
  /** Presence colour; default: the venue's colour in the room, else a stable palette colour. */
  color?: string;
  /** Undo options (capture timeout, where a change was made). */
  undo?: UndoOptions;
  /** Upper bound of the reconnect backoff in milliseconds (default 2500). */
  maxBackoffTime?: number;
  /** A WebSocket implementation (default: the global one); for Node or instrumented sockets. */
  WebSocket?: typeof WebSocket;
}

/**
 * A live room session; pass it as the room context. Fires {@link RoomRejectedEvent} and
 * {@link RoomDeniedEvent} (a token already refused when the session is created — one for another
 * room — is only visible as `connection.status === 'denied'`).
 */
export interface RoomSession extends RoomContextValue, EventTarget {
  readonly doc: Y.Doc;
  readonly awareness: WebsocketProvider['awareness'];
  readonly origin: LocalOrigin;
  readonly undoManager: Y.UndoManager;
  readonly connection: ConnectionState;
  readonly venueLayers: VenueLayers;
  /** Who is at this screen. */
  readonly actor: Actor;
  /** The room's generation, from the server's hello (undefined before the first connection). */
  readonly generation: string | undefined;
  /** Why the server refused this user, once `connection.status` is `denied`. */
  readonly deniedReason: RoomDenialReason | undefined;
  /** Resolves when the local copy (IndexedDB) is loaded; at once without `offline`. */
  readonly whenLoaded: Promise<void>;
  /** Resolves the first time the session is `synced` with the server (never, while denied). */
  readonly whenSynced: Promise<void>;
  uploadEvidence(bytes: Blob): Promise<string>;
  /** Drops the link to the server on purpose (the session goes `offline`; edits stay local). */
  disconnect(): void;
  /** Links to the server again after {@link disconnect} or a denial (with a new token, if given). */
  reconnect(token?: string): void;
  /** Leaves the room: closes the socket, stops persistence (the IndexedDB copy stays) and frees the document. */
  destroy(): Promise<void>;
}

const PROBE_HASH = '0'.repeat(64);

function httpBaseOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  else if (url.protocol === 'wss:') url.protocol = 'https:';
  else if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`serverUrl must be http(s):// or ws(s)://, got ${serverUrl}`);
  return url.href.replace(/\/+$/, '');
}

class Session extends EventTarget implements RoomSession {
  readonly doc = new Y.Doc();
  readonly connection = new ConnectionState('connecting');
  readonly venueLayers = new VenueLayers();
  readonly origin: LocalOrigin;
  readonly undoManager: Y.UndoManager;
  readonly actor: Actor;
  readonly whenLoaded: Promise<void>;
  readonly whenSynced: Promise<void>;
  generation: string | undefined;
  deniedReason: RoomDenialReason | undefined;
  private readonly provider: WebsocketProvider;
  private readonly persistence: IndexeddbPersistence | undefined;
  private readonly tracker: WriteTracker;
  private readonly store: EvidenceStore;
  private readonly httpBase: string;
  private token: string;
  private everSynced = false;
  private socketOpened = false;
  private refreshed = false;
  private probing = false;
  private destroyed = false;
  private resolveSynced!: () => void;

  constructor(private readonly options: ConnectRoomOptions) {
    super();
    this.token = options.token;
    this.httpBase = httpBaseOf(options.serverUrl);
    const claims = options.actor ? undefined : readRoomToken(options.token);
    this.actor = options.actor ?? claims!.actor;
    this.origin = new LocalOrigin(this.actor);
    this.undoManager = createUndoManager(this.doc, this.origin, options.undo);
    this.store = new EvidenceStore(this.httpBase, () => this.token);
    this.whenSynced = new Promise((resolve) => (this.resolveSynced = resolve));

    // Registered before the provider's own listener, so a change is pending before its frame is sent.
    this.tracker = new WriteTracker((unsaved) => this.connection.update({ unsaved }));
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== this.provider && origin !== this.persistence) this.tracker.change();
    });

    const tracker = this.tracker;
    const Base = options.WebSocket ?? WebSocket;
    /** Counts this session's document writes per socket, exactly as the server numbers them. */
    class CountingWebSocket extends Base {
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        if (data instanceof Uint8Array && isDocumentWrite(data)) tracker.writeSent();
        super.send(data);
      }
    }
    this.provider = new WebsocketProvider(this.httpBase.replace(/^http/, 'ws'), options.room, this.doc, {
      connect: false,
      params: { token: this.token, ext: 'huishen' },
      disableBc: true,
      maxBackoffTime: options.maxBackoffTime ?? 2500,
      WebSocketPolyfill: CountingWebSocket as typeof WebSocket,
      // 4401/4403 are decisions to act on (refresh, deny); every other close is worth a retry.
      shouldReconnect: (event) => event.code !== CloseCode.unauthenticated && event.code !== CloseCode.forbidden,
    });
    installExtensionHandlers(this.provider, {
      hello: (generation) => (this.generation = generation),
      saved: (n) => this.tracker.saved(n),
      rejected: (n, reason) => this.dispatchEvent(new RoomRejectedEvent(n, reason)),
    });
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') {
        this.socketOpened = true;
        this.tracker.connectionOpened();
      }
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.everSynced = true;
      this.refreshed = false;
      this.setStatus('synced');
      this.resolveSynced();
    });
    this.provider.on('connection-close', () => {
      const opened = this.socketOpened;
      this.socketOpened = false;
      if (this.connection.status === 'denied') return;
      if (this.connection.status === 'synced' || this.everSynced || !opened) this.setStatus('offline');
      if (!opened && this.provider.shouldConnect) void this.probeToken();
    });
    this.provider.on('closed', ({ code }) => {
      if (code === CloseCode.forbidden) this.deny('forbidden');
      else if (code === CloseCode.unauthenticated) void this.unauthenticated();
    });

    const awareness = this.provider.awareness;
    const publishUser = (): void => setLocalUser(awareness, presenceUser(this.actor, options.color ?? venueColor(this.doc, this.actor.venue)));
    publishUser();
    if (!options.color) {
      roots(this.doc).venues.observeDeep(() => {
        const color = venueColor(this.doc, this.actor.venue);
        const current = (awareness.getLocalState() as { user?: { color?: string } } | null)?.user?.color;
        if (color !== current) publishUser();
      });
    }

    const offline = options.offline ?? true;
    if (offline !== false) {
      const name = typeof offline === 'string' ? offline : `huishen:${this.httpBase}:${options.room}:${this.actor.userId}`;
      this.persistence = new IndexeddbPersistence(name, this.doc);
      this.whenLoaded = this.persistence.whenSynced.then(() => undefined);
    } else {
      this.whenLoaded = Promise.resolve();
    }

    if (claims && claims.room !== options.room) {
      this.deny('forbidden');
    } else if (claims && claims.expiresAt <= Date.now()) {
      void this.whenLoaded.then(() => this.unauthenticated());
    } else {
      void this.whenLoaded.then(() => {
        if (!this.destroyed && this.connection.status !== 'denied') this.provider.connect();
      });
    }
  }

  get awareness(): WebsocketProvider['awareness'] {
    return this.provider.awareness;
  }

  evidenceUrl(sha256: string): string {
    return this.store.url(sha256);
  }

  uploadEvidence(bytes: Blob): Promise<string> {
    return this.store.upload(bytes);
  }

  disconnect(): void {
    this.provider.disconnect();
    if (this.connection.status !== 'denied') this.setStatus('offline');
  }

  reconnect(token?: string): void {
    if (this.destroyed) throw new Error('this room session was destroyed');
    if (token !== undefined) this.setToken(token);
    this.deniedReason = undefined;
    if (this.connection.status === 'denied') this.setStatus(this.everSynced ? 'offline' : 'connecting');
    this.provider.connect();
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.provider.destroy();
    this.awareness.destroy();
    this.undoManager.destroy();
    await this.persistence?.destroy();
    this.doc.destroy();
  }

  private setStatus(status: ConnectionStatus): void {
    this.connection.update({ status });
  }

  private setToken(token: string): void {
    this.token = token;
    this.provider.params = { ...this.provider.params, token };
  }

  /** A socket was refused before it opened: ask the server over HTTP whether the token is the reason. */
  private async probeToken(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const response = await fetch(`${this.httpBase}/evidence/${PROBE_HASH}`, { method: 'HEAD', headers: { Authorization: `Bearer ${this.token}` }, cache: 'no-store' });
      if (response.status === 401 && !this.destroyed) await this.unauthenticated();
    } catch {
      // The server is unreachable: that is being offline, and the provider keeps retrying.
    } finally {
      this.probing = false;
    }
  }

  /** The token was refused: refresh it once per successful connection, else give up. */
  private async unauthenticated(): Promise<void> {
    if (this.options.refreshToken && !this.refreshed) {
      this.refreshed = true;
      this.provider.disconnect();
      try {
        const token = await this.options.refreshToken();
        if (this.destroyed) return;
        this.setToken(token);
        this.provider.connect();
        return;
      } catch {
        // fall through: without a fresh token the user is denied
      }
    }
    this.deny('unauthenticated');
  }

  private deny(reason: RoomDenialReason): void {
    if (this.destroyed) return;
    this.provider.disconnect();
    this.deniedReason = reason;
    this.setStatus('denied');
    this.dispatchEvent(new RoomDeniedEvent(reason));
  }
}

/**
 * Joins a review room as the token's user and returns the live session (see the module
 * comment). Throws `RoomTokenError` when no `actor` is given and the token cannot be read.
 *
 * ```ts
 * const room = connectRoom({ serverUrl: 'https://review.example', room: 'case-118', token });
 * roomProvider.room = room; // <hs-evidence-viewer>, <hs-sync-status>, … consume it
 * await room.whenSynced;
 * ```
 */
export function connectRoom(options: ConnectRoomOptions): RoomSession {
  if (!options.room) throw new TypeError('connectRoom needs a room name');
  if (!options.token) throw new TypeError('connectRoom needs a room token');
  return new Session(options);
}
