/**
 * `<hs-evidence-viewer>` in a room, against the real room server (started by the WTR plugin in
 * `test/helpers/wtr-room-server.mjs`): the presenter uploads a PDF to the server's evidence store
 * and registers it in the room over a real WebSocket; an observer in another doc receives the
 * record through the server and its viewer downloads the bytes from the server's store and checks
 * them against the record's SHA-256.
 */
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { addEvidence, LocalOrigin, readEvidence, type Actor } from '@huishen/model';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import type { HsEvidenceViewer, RoomContextValue } from '@huishen/elements';
import { after, before, describe, it } from './support/mocha.js';
import { makePdf } from './support/make-pdf.js';
import { sha256, TestRoomProvider } from './support/room.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { settled, waitFor } from './support/viewer.js';


async function tokenFor(room: string, actor: Actor): Promise<string> {
  const q = new URLSearchParams({ room, user: actor.userId, name: actor.name, venue: actor.venue, role: actor.role });
  return ((await (await fetch(`/__huishen__/token?${q}`)).json()) as { token: string }).token;
}

function connect(base: string, room: string, doc: Y.Doc, token: string): Promise<WebsocketProvider> {
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws'), room, doc, { params: { token }, disableBc: true });
  return new Promise((resolve) => {
    if (provider.synced) resolve(provider);
    else provider.once('sync', () => resolve(provider));
  });
}

describe('<hs-evidence-viewer> with the room server', () => {
  let base = '';
  const providers: WebsocketProvider[] = [];
  before(async () => {
    configureTestPdfjs();
    base = ((await (await fetch('/__huishen__/room-server.json')).json()) as { url: string }).url;
  });
  after(() => providers.forEach((p) => p.destroy()));

  it('shows evidence uploaded by another venue from the server’s store, hash checked', async () => {
    const room = `viewer-${Math.random().toString(36).slice(2, 10)}`;
    const presenter: Actor = { userId: 'p1', name: '县院承办人', venue: 'county', role: 'presenter' };
    const observer: Actor = { userId: 'o1', name: '市院列席', venue: 'city', role: 'observer' };
    // Unique bytes: the store is shared by every test of the run, and this one checks a first upload (201).
    const bytes = makePdf(Array.from({ length: 3 }, (_, i) => ({ mediaBox: [0, 0, 612, 792] as const, lines: [`Exhibit page ${i + 1}`, room] })));
    const hash = await sha256(bytes);
    const presenterToken = await tokenFor(room, presenter);
    const observerToken = await tokenFor(room, observer);

    // The store refuses bytes that do not match the hash they are put under.
    const wrong = await fetch(`${base}/evidence/${'0'.repeat(64)}`, { method: 'PUT', body: bytes, headers: { Authorization: `Bearer ${presenterToken}` } });
    expect(wrong.status).to.equal(409);
    // An observer may not upload.
    const refused = await fetch(`${base}/evidence/${hash}`, { method: 'PUT', body: bytes, headers: { Authorization: `Bearer ${observerToken}` } });
    expect(refused.status).to.equal(403);
    const put = await fetch(`${base}/evidence/${hash}`, { method: 'PUT', body: bytes, headers: { Authorization: `Bearer ${presenterToken}` } });
    expect(put.status).to.equal(201);

    // Nobody may read it before the room references it.
    expect((await fetch(`${base}/evidence/${hash}?token=${observerToken}`)).status).to.equal(403);

    const countyDoc = new Y.Doc();
    const cityDoc = new Y.Doc();
    providers.push(await connect(base, room, countyDoc, presenterToken), await connect(base, room, cityDoc, observerToken));
    addEvidence(countyDoc, { id: 'ex1', title: '证据一：讯问笔录', kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256: hash, pages: 3 }, new LocalOrigin(presenter));
    // The city venue hears of it only through the server, after the server stored it.
    await waitFor(() => readEvidence(cityDoc).some((e) => e.id === 'ex1'), 10_000, 'the record to reach the other venue');

    const context: RoomContextValue = { doc: cityDoc, evidenceUrl: (sha) => `${base}/evidence/${sha}?token=${encodeURIComponent(observerToken)}` };
    const provider = await fixture<TestRoomProvider>(
      html`<hs-test-room-provider .room=${context}><hs-evidence-viewer evidence-id="ex1"></hs-evidence-viewer></hs-test-room-provider>`,
    );
    const el = provider.querySelector<HsEvidenceViewer>('hs-evidence-viewer')!;
    await settled(el);
    expect(el.status).to.equal('ready');
    expect(el.pageCount).to.equal(3);
    expect(el.integrity).to.equal('ok');
  });
});
