/**
 * Handlers for the room server's extension messages (hello 100, saved 101, rejected 102; see
 * `@huishen/model` `protocol.ts`), installed into a y-websocket provider's `messageHandlers`.
 * The server sends them only to a socket whose URL carries `ext=huishen`.
 */
import * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import { MessageType } from '@huishen/model';
import type { WebsocketProvider } from 'y-websocket';

/** What the extension messages say, as callbacks. */
export interface ExtensionListener {
  /** hello: the room's generation, the caller's role and how many of its writes are saved. */
  hello(generation: string, role: string, saved: number): void;
  /** saved: writes 1..n of this connection are settled. */
  saved(n: number): void;
  /** rejected: write n broke the rights table or the schema; nothing of it was applied. */
  rejected(n: number, reason: string): void;
}

type Handler = (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: WebsocketProvider, emitSynced: boolean, messageType: number) => void;

/** Installs the three handlers on `provider` (its `messageHandlers` array is per provider). */
export function installExtensionHandlers(provider: WebsocketProvider, listener: ExtensionListener): void {
  const handlers = provider.messageHandlers as unknown as Handler[];
  handlers[MessageType.hello] = (_e, d) => listener.hello(decoding.readVarString(d), decoding.readVarString(d), decoding.readVarUint(d));
  handlers[MessageType.saved] = (_e, d) => listener.saved(decoding.readVarUint(d));
  handlers[MessageType.rejected] = (_e, d) => listener.rejected(decoding.readVarUint(d), decoding.readVarString(d));
}
