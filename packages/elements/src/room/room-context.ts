/**
 * The room context: what an element inside a review room needs from it, provided through
 * `@lit/context` by whoever owns the room (a later `<hs-room>`; a story or test can provide an
 * in-memory one). Deliberately small — add fields when an element needs them, not before.
 *
 * ```ts
 * // provider
 * new ContextProvider(this, { context: roomContext, initialValue: { doc, evidenceUrl } });
 * // consumer
 * @consume({ context: roomContext, subscribe: true }) room?: RoomContextValue;
 * ```
 */
import { createContext } from '@lit/context';
import type { Actor, LocalOrigin } from '@huishen/model';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { ConnectionStatus } from './connection-status.js';
import type { VenueLayers } from './venue-layers.js';

/** What the room provides to the elements inside it. */
export interface RoomContextValue {
  /** The room's shared document (read it through `@huishen/model`, never with raw `Y.Map` calls). */
  readonly doc: Y.Doc;
  /** The URL of the evidence bytes with this SHA-256 in the room server's content-addressed store. */
  evidenceUrl(sha256: string): string;
  /** Extra `fetch` options for evidence downloads (credentials, an `Authorization` header). */
  fetchInit?(): RequestInit;
  /** The room's presence, when connected; elements publish what they show into it. */
  readonly awareness?: Awareness;
  /**
   * The one origin of the person at this screen (it carries their {@link Actor}). Every local
   * write is `doc.transact(fn, room.origin)` through a model operation. Absent: read-only view.
   */
  readonly origin?: LocalOrigin;
  /** The room's per-user undo manager (tracks only {@link origin}); shared by every element. */
  readonly undoManager?: Y.UndoManager;
  /** The link to the room server, when there is one. */
  readonly connection?: RoomConnection;
  /**
   * Stores bytes in the room's evidence store (`PUT /evidence/<sha256>`) and resolves with their
   * SHA-256; registering the evidence record is the caller's model operation.
   */
  uploadEvidence?(bytes: Blob): Promise<string>;
  /**
   * Which venues' marks this screen shows (session state shared by the elements of the room:
   * `<hs-annotation-list>` toggles it; annotation layers skip marks of hidden venues).
   */
  readonly venueLayers?: VenueLayers;
}

/**
 * The state of the link to the room server, observable. Fires `change` (a plain `Event`)
 * whenever `status` or `unsaved` changes.
 */
export interface RoomConnection extends EventTarget {
  /** Connecting, synced, offline or denied. */
  readonly status: ConnectionStatus;
  /** Local changes the server has not yet confirmed as durably saved (its **saved** messages). */
  readonly unsaved: number;
}

/** The local actor of a room, when it has one. */
export function roomActor(room: RoomContextValue | undefined): Actor | undefined {
  return room?.origin?.actor;
}

/** The context key of {@link RoomContextValue}. */
export const roomContext = createContext<RoomContextValue | undefined>(Symbol.for('huishen.room'));
