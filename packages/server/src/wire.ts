/**
 * Encoding and strict decoding of the frames the room server exchanges with clients (see
 * `@huishen/model` `protocol.ts` for the table of message types).
 *
 * How to think about this module: {@link decodeClientMessage} is the only place that reads bytes
 * a client sent. It never throws and never allocates more than the frame it was given: every
 * length is checked against the bytes that are actually left before anything is read, a frame
 * must be consumed exactly (no trailing bytes), and anything else is `{ kind: 'bad' }`, which
 * closes the connection. Deeper checks of an update's contents belong to `checkUpdate` (model).
 */
import * as encoding from 'lib0/encoding';
import { MessageType } from '@huishen/model';

/** Sub-types of a y-protocols sync message. */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** A decoded client → server frame. */
export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'bad'; detail: string };

/** A minimal cursor over a frame; every read reports failure instead of throwing. */
class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  get left(): number {
    return this.buf.length - this.pos;
  }
  /** A varUint of at most 53 bits, or -1 when truncated or too long. */
  varUint(): number {
    let value = 0;
    let mult = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.buf.length) return -1;
      const byte = this.buf[this.pos++]!;
      value += (byte & 0x7f) * mult;
      if (byte < 0x80) return value <= Number.MAX_SAFE_INTEGER ? value : -1;
      mult *= 128;
    }
    return -1;
  }
  /** A varUint length-prefixed byte array (a view, not a copy), or undefined. */
  bytes(): Uint8Array | undefined {
    const len = this.varUint();
    if (len < 0 || len > this.left) return undefined;
    const view = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return view;
  }
}

/** Decodes one client frame. Never throws. */
export function decodeClientMessage(buf: Uint8Array): ClientMessage {
  const r = new Reader(buf);
  const type = r.varUint();
  if (type < 0) return { kind: 'bad', detail: 'truncated message type' };
  let msg: ClientMessage;
  switch (type) {
    case MessageType.sync: {
      const sub = r.varUint();
      const payload = r.bytes();
      if (sub < 0 || payload === undefined) return { kind: 'bad', detail: 'truncated sync message' };
      if (sub === SyncType.step1) msg = { kind: 'sync-step1', stateVector: payload };
      else if (sub === SyncType.step2) msg = { kind: 'sync-step2', update: payload };
      else if (sub === SyncType.update) msg = { kind: 'update', update: payload };
      else return { kind: 'bad', detail: `unknown sync message ${sub}` };
      break;
    }
    case MessageType.awareness: {
      const payload = r.bytes();
      if (payload === undefined) return { kind: 'bad', detail: 'truncated awareness message' };
      msg = { kind: 'awareness', update: payload };
      break;
    }
    case MessageType.queryAwareness:
      msg = { kind: 'query-awareness' };
      break;
    default:
      return { kind: 'bad', detail: `unexpected message type ${type}` };
  }
  if (r.left !== 0) return { kind: 'bad', detail: 'trailing bytes' };
  return msg;
}

/** One entry of an awareness update. `state` is the raw JSON text (`'null'` for removal). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** Decodes an awareness update body, or `undefined` if it is malformed. Never throws. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] | undefined {
  const r = new Reader(update);
  const count = r.varUint();
  // Each entry needs at least 3 bytes, so a count larger than that cannot be honest.
  if (count < 0 || count > update.length / 3) return undefined;
  const entries: AwarenessEntry[] = [];
  const text = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < count; i++) {
    const clientId = r.varUint();
    const clock = r.varUint();
    const raw = r.bytes();
    if (clientId < 0 || clock < 0 || raw === undefined) return undefined;
    try {
      entries.push({ clientId, clock, state: text.decode(raw) });
    } catch {
      return undefined;
    }
  }
  return r.left === 0 ? entries : undefined;
}

/** Encodes awareness entries in the y-protocols layout. */
export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.state);
  }
  return encoding.toUint8Array(e);
}

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

/** A sync message (step 1 carries a state vector, step 2 and update carry a v1 update). */
export function encodeSync(sub: (typeof SyncType)[keyof typeof SyncType], payload: Uint8Array): Uint8Array {
  return frame(MessageType.sync, (e) => {
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
  });
}

/** An awareness message wrapping an encoded awareness update. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, update));
}

/** **hello**: the room's generation, the caller's role and how many of its writes are saved. */
export function encodeHello(generation: string, role: string, saved: number): Uint8Array {
  return frame(MessageType.hello, (e) => {
    encoding.writeVarString(e, generation);
    encoding.writeVarString(e, role);
    encoding.writeVarUint(e, saved);
  });
}

/** **saved**: writes 1..n of this connection are settled (durable, no-ops or rejected). */
export function encodeSaved(n: number): Uint8Array {
  return frame(MessageType.saved, (e) => encoding.writeVarUint(e, n));
}

/** **rejected**: write n was refused, with a reason code. */
export function encodeRejected(n: number, reason: string): Uint8Array {
  return frame(MessageType.rejected, (e) => {
    encoding.writeVarUint(e, n);
    encoding.writeVarString(e, reason);
  });
}
