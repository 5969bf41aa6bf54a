/**
 * The wire protocol between Huishen clients and the room server.
 *
 * The first four message types are the standard y-websocket ones, so that a stock
 * `WebsocketProvider` can join a room. Huishen's extensions are numbered from 100 up.
 *
 * The extensions are opt-in: the server sends **hello**, **saved** and **rejected** only to a
 * connection whose URL carries the query parameter `ext=huishen` (for example
 * `new WebsocketProvider(url, room, doc, { params: { token, ext: 'huishen' } })` with handlers
 * for the three types). A stock client has no handler for them and would log "Unable to compute
 * message" for each, so without the parameter it is sent none. Such a client learns nothing
 * about durability and is never told about a refused write: the server simply does not apply,
 * store or relay it, and the connection stays open, so the client's own copy keeps the refused
 * change until it reloads. Malformed messages still close the connection with a close code.
 *
 * Every message is a lib0 encoding: a varUint message type followed by the body.
 *
 * | type | name | direction | body |
 * | --- | --- | --- | --- |
 * | 0 | sync | both | y-protocols sync message (step 1, step 2, update) |
 * | 1 | awareness | both | y-protocols awareness update |
 * | 2 | auth | server → client | varUint 0 (permission denied) + varString reason |
 * | 3 | query-awareness | client → server | empty |
 * | 100 | hello | server → client | varString generation, varString role, varUint saved |
 * | 101 | saved | server → client | varUint count of this connection's document writes now durable |
 * | 102 | rejected | server → client | varUint sequence of the refused write, varString reason code |
 *
 * A *document write* is every sync step 2 or update message a client sends. The server numbers
 * them per connection from 1. **saved** n means: writes 1..n of this connection are settled —
 * stored (and will survive a crash), no-ops, or refused with **rejected** — so n only grows.
 * **rejected** n means write n broke the rights table or the schema: the server applied none of
 * it, and the client must drop its divergent local state and sync again from the server.
 */

/** Standard y-websocket message types. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Huishen: first message after connect; the room's generation and the caller's role. */
  hello: 100,
  /** Huishen: how many of this connection's document writes are durably stored. */
  saved: 101,
  /** Huishen: a document write was refused; re-sync from the server. */
  rejected: 102,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/**
 * WebSocket close codes used by the room server. 4000–4999 are free for applications; the codes
 * mirror HTTP statuses so they are easy to remember.
 */
export const CloseCode = {
  /** Normal closure (client left, room deleted). */
  normal: 1000,
  /** The server is shutting down or draining; reconnect (to another node). */
  serviceRestart: 1012,
  /** The server cannot take the connection now (store unavailable); retry later. */
  tryAgainLater: 1013,
  /** A message could not be decoded or broke the protocol. */
  badMessage: 4400,
  /** Missing, malformed, expired or badly signed token. */
  unauthenticated: 4401,
  /** The token is valid but not for this room, or the user was revoked. */
  forbidden: 4403,
  /** The room is full (max connections) or the server has too many rooms. */
  roomFull: 4409,
  /** A message exceeded the maximum size. */
  tooLarge: 4413,
  /** The connection sent messages faster than allowed. */
  rateLimited: 4429,
  /** The server failed while handling the connection. */
  internalError: 4500,
  /** The room could not be loaded from the store; it is refused, never served empty. */
  roomUnavailable: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Reason codes carried by a **rejected** message. */
export type RejectReason =
  | 'forbidden'
  | 'invalid-record'
  | 'unknown-root'
  | 'unknown-reference'
  | 'malformed-update'
  | 'read-only';
