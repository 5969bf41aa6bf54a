/**
 * Briefing tests: one *session* is one person at one screen — their own Y.Doc, presence and
 * y-websocket connection to the REAL room server (WTR plugin), with `ext=huishen` so the server's
 * hello / saved / rejected messages are heard, and a room provider holding `<hs-briefing>` next
 * to an `<hs-evidence-viewer>` of a given size. Several sessions in one page talk only through
 * the server (`disableBc: true`).
 */
import { html, render } from 'lit';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { LocalOrigin, MessageType, presenceUser, setLocalUser, type Actor } from '@huishen/model';
import '@huishen/elements/briefing/hs-briefing.js';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import type { HsBriefing } from '@huishen/elements/briefing/briefing.js';
import { pdfRectToCss, type HsEvidenceViewer, type RoomContextValue } from '@huishen/elements';
import { TestRoomProvider } from './room.js';

/** The room server's base URL (http://127.0.0.1:port). */
export async function roomServerUrl(): Promise<string> {
  return ((await (await fetch('/__huishen__/room-server.json')).json()) as { url: string }).url;
}

/** A room token for `actor` in `room`, signed by the test server's secret. */
export async function tokenFor(room: string, actor: Actor): Promise<string> {
  const q = new URLSearchParams({ room, user: actor.userId, name: actor.name, venue: actor.venue, role: actor.role });
  return ((await (await fetch(`/__huishen__/token?${q}`)).json()) as { token: string }).token;
}

/** A unique room name. */
export function roomName(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/** One person's screen in a room. */
export interface Session {
  readonly actor: Actor;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly origin: LocalOrigin;
  readonly token: string;
  /** Writes the server refused (its **rejected** messages): sequence and reason. */
  readonly rejected: Array<{ n: number; reason: string }>;
  readonly briefing: HsBriefing;
  readonly viewer: HsEvidenceViewer;
  destroy(): void;
}

let counter = 0;

/** Opens a session for `actor`: connects, waits for the first sync, then renders briefing and viewer. */
export async function openSession(base: string, room: string, actor: Actor, options: { color: string; width: number; height: number }): Promise<Session> {
  const token = await tokenFor(room, actor);
  const doc = new Y.Doc();
  const rejected: Array<{ n: number; reason: string }> = [];
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws'), room, doc, { params: { token, ext: 'huishen' }, disableBc: true, connect: false });
  const ignore = () => {};
  provider.messageHandlers[MessageType.hello] = ignore;
  provider.messageHandlers[MessageType.saved] = ignore;
  provider.messageHandlers[MessageType.rejected] = (_encoder, decoder: decoding.Decoder) => {
    rejected.push({ n: decoding.readVarUint(decoder), reason: decoding.readVarString(decoder) });
  };
  setLocalUser(provider.awareness, presenceUser(actor, options.color));
  provider.connect();
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const origin = new LocalOrigin(actor);
  const context: RoomContextValue = {
    doc,
    awareness: provider.awareness,
    origin,
    evidenceUrl: (sha) => `${base}/evidence/${sha}?token=${encodeURIComponent(token)}`,
  };
  const id = `viewer-${++counter}`;
  // Not open-wc's `fixture`: that one is removed after each test, and a session spans several.
  const host = document.createElement('div');
  document.body.append(host);
  render(
    html`<hs-test-room-provider .room=${context} lang="zh-CN" style="display: flex; gap: 8px; align-items: flex-start">
      <hs-briefing for=${id} style="width: 360px"></hs-briefing>
      <div style="width: ${options.width}px"><hs-evidence-viewer id=${id} zoom="1" style="--hs-evidence-viewer-height: ${options.height}px"></hs-evidence-viewer></div>
    </hs-test-room-provider>`,
    host,
  );
  const wrapper = host.querySelector<TestRoomProvider>('hs-test-room-provider')!;
  await wrapper.updateComplete;
  const briefing = wrapper.querySelector('hs-briefing')!;
  const viewer = wrapper.querySelector('hs-evidence-viewer')!;
  await briefing.updateComplete;
  return {
    actor,
    doc,
    provider,
    origin,
    token,
    rejected,
    briefing,
    viewer,
    destroy() {
      provider.destroy();
      host.remove();
    },
  };
}

/** Uploads `bytes` to the room's evidence store with `token`; returns nothing, throws on refusal. */
export async function uploadEvidence(base: string, token: string, hash: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const put = await fetch(`${base}/evidence/${hash}`, { method: 'PUT', body: bytes, headers: { Authorization: `Bearer ${token}` } });
  if (put.status !== 201 && put.status !== 200) throw new Error(`upload refused: ${put.status}`);
}

/**
 * True when `rect` (PDF user space of `page`) lies wholly inside the viewer's scrolling area, as
 * drawn now (1 CSS pixel of tolerance).
 */
export function regionVisible(viewer: HsEvidenceViewer, page: number, rect: readonly [number, number, number, number]): boolean {
  const geometry = viewer.pageGeometry(page);
  const pageBox = viewer.pageElement(page)?.getBoundingClientRect();
  const viewport = viewer.shadowRoot?.querySelector('[part~="viewport"]')?.getBoundingClientRect();
  if (!geometry || !pageBox || !viewport || pageBox.width === 0) return false;
  const css = pdfRectToCss(geometry, rect);
  const left = pageBox.left + css.left;
  const right = left + css.width;
  const top = pageBox.top + css.top;
  const bottom = top + css.height;
  return left >= viewport.left - 1 && right <= viewport.right + 1 && top >= viewport.top - 1 && bottom <= viewport.bottom + 1;
}
