/**
 * Events of a room session (`connectRoom`). A session is not an element, so these are plain
 * (non-bubbling) events on the session object; elements re-announce what users need to know.
 */

/** Why the server refused a user: no valid token, or a token without rights to this room. */
export type RoomDenialReason = 'unauthenticated' | 'forbidden';

/**
 * `rejected`: the server refused one of this session's writes (it broke the rights table or the
 * schema) and applied none of it. `sequence` is the write's number on its connection.
 */
export class RoomRejectedEvent extends Event {
  static readonly type = 'rejected';
  constructor(
    /** The refused write's number on its connection (the server counts from 1). */
    readonly sequence: number,
    /** The server's reason code (`forbidden`, `invalid-record`, `read-only`, …). */
    readonly reason: string,
  ) {
    super(RoomRejectedEvent.type);
  }
}

/** `denied`: the server refused this user; the session stopped reconnecting. */
export class RoomDeniedEvent extends Event {
  static readonly type = 'denied';
  constructor(
    /** Why. */
    readonly reason: RoomDenialReason,
  ) {
    super(RoomDeniedEvent.type);
  }
}
