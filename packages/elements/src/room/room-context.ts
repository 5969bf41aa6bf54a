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
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

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
}

/** The context key of {@link RoomContextValue}. */
export const roomContext = createContext<RoomContextValue | undefined>(Symbol.for('huishen.room'));
