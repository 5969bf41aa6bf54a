/**
 * Transaction origins. Every write is a model operation run inside one `doc.transact(fn, origin)`.
 * A room has exactly one {@link LocalOrigin}: its operations carry the local actor (stamped on
 * new records as author and venue) and it is the only origin the room's undo manager tracks, so
 * undo never reaches another person's work.
 */
import type { Actor } from './rights.js';

/** The origin of writes made by the person at this screen. */
export class LocalOrigin {
  /** Who is writing. Operations stamp this actor on new records. */
  readonly actor: Actor;
  /** Clock for `createdAt`/`modifiedAt` (milliseconds since the epoch). Tests may inject one. */
  readonly now: () => number;

  constructor(actor: Actor, now: () => number = Date.now) {
    this.actor = actor;
    this.now = now;
  }
}

/** Origin used by the room server for what it writes itself (room creation, system events). */
export const SERVER_ORIGIN = 'huishen:server';
/** Origin used when applying updates received from the network. */
export const REMOTE_ORIGIN = 'huishen:remote';
