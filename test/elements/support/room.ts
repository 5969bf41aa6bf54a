/** Test helpers for elements inside a room: a context provider element and SHA-256 of bytes. */
import { ContextProvider } from '@lit/context';
import { LitElement, html } from 'lit';
import { roomContext, type RoomContextValue } from '@huishen/elements';

/** `<hs-test-room-provider .room=${…}>`: provides a room to its light-DOM children. */
export class TestRoomProvider extends LitElement {
  readonly provider = new ContextProvider(this, { context: roomContext });
  set room(value: RoomContextValue) {
    this.provider.setValue(value);
  }
  protected override render() {
    return html`<slot></slot>`;
  }
}
if (!customElements.get('hs-test-room-provider')) customElements.define('hs-test-room-provider', TestRoomProvider);

/** Lower-case hex SHA-256 of `bytes`. */
export async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
