/**
 * Support for the document camera browser tests: a venue's room over the REAL room server (the
 * WTR plugin's), with its own Y.Doc, WebSocket and room token, exposing what `<hs-doc-camera>`
 * needs from the room context (evidence upload and download, LiveKit token endpoint auth).
 * Written here rather than with `connectRoom` so these tests pin only the room context contract.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { LocalOrigin, type Actor } from '@huishen/model';
import type { RoomContextValue } from '@huishen/elements';

/** Where the WTR plugins run the room server and LiveKit. */
export interface Servers {
  base: string;
  livekit: { available: true; url: string } | { available: false; reason: string };
}

export async function servers(): Promise<Servers> {
  const base = ((await (await fetch('/__huishen__/room-server.json')).json()) as { url: string }).url;
  const livekit = (await (await fetch('/__huishen__/livekit.json')).json()) as Servers['livekit'];
  return { base, livekit };
}

export async function roomToken(room: string, actor: Actor): Promise<string> {
  const q = new URLSearchParams({ room, user: actor.userId, name: actor.name, venue: actor.venue, role: actor.role });
  return ((await (await fetch(`/__huishen__/token?${q}`)).json()) as { token: string }).token;
}

/** One venue in a room: a real WebSocket to the room server, and the room context for elements. */
export interface Venue {
  actor: Actor;
  token: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  context: RoomContextValue;
  tokenUrl: string;
  destroy(): void;
}

export async function joinVenue(base: string, room: string, actor: Actor, token?: string): Promise<Venue> {
  const roomTok = token ?? (await roomToken(room, actor));
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws'), room, doc, { params: { token: roomTok }, disableBc: true });
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  const auth = { Authorization: `Bearer ${roomTok}` };
  const context: RoomContextValue = {
    doc,
    origin: new LocalOrigin(actor),
    evidenceUrl: (sha) => `${base}/evidence/${sha}`,
    fetchInit: () => ({ headers: auth }),
    async uploadEvidence(blob) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
      const sha = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      const response = await fetch(`${base}/evidence/${sha}`, { method: 'PUT', body: blob, headers: auth });
      if (!response.ok) throw new Error(`upload refused: ${response.status}`);
      return sha;
    },
  };
  return { actor, token: roomTok, doc, provider, context, tokenUrl: `${base}/livekit/token`, destroy: () => provider.destroy() };
}

export async function waitFor(check: () => boolean, timeout: number, what: string): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const randomRoom = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
