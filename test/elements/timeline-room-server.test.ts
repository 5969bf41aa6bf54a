/**
 * `<hs-timeline>` in two venues through the REAL room server (the WTR plugin): each venue has its
 * own Y.Doc on its own WebSocket (`ext=huishen`, handlers for hello/saved/rejected,
 * `disableBc: true`), so whatever one venue sees of the other went through the server.
 *
 * - entries typed in the composers of both venues (and by the recorder on behalf of a speaker)
 *   appear in both, in the same order;
 * - a reference entry opens the right evidence at the right page in the viewer named by `for`;
 * - a member is not offered decisions nor editing another's entry, and when forced (a raw model
 *   write on their own copy) the server answers **rejected** and the other venue never sees it;
 * - an Enter that confirms an IME candidate sends nothing to the other venue.
 */
import { expect, fixture, html } from '@open-wc/testing';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { addEvidence, appendEntry, editEntry, LocalOrigin, MessageType, readTimeline, type Actor } from '@huishen/model';
import '@huishen/elements/timeline/hs-timeline.js';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import type { HsTimeline } from '@huishen/elements/timeline/timeline.js';
import type { HsEvidenceViewer, RoomContextValue } from '@huishen/elements';
import { after, before, describe, it } from './support/mocha.js';
import { makePdf } from './support/make-pdf.js';
import { sha256 } from './support/room.js'; // also defines <hs-test-room-provider>
import type { TestRoomProvider } from './support/room.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { settled, waitFor } from './support/viewer.js';

interface Venue {
  actor: Actor;
  doc: Y.Doc;
  token: string;
  provider: WebsocketProvider;
  rejected: { n: number; reason: string }[];
  saved: number;
  origin: LocalOrigin;
}

type Handler = (encoder: unknown, decoder: decoding.Decoder, provider: WebsocketProvider, emitSynced: boolean, messageType: number) => void;

async function tokenFor(room: string, actor: Actor): Promise<string> {
  const q = new URLSearchParams({ room, user: actor.userId, name: actor.name, venue: actor.venue, role: actor.role });
  return ((await (await fetch(`/__huishen__/token?${q}`)).json()) as { token: string }).token;
}

async function join(base: string, room: string, actor: Actor): Promise<Venue> {
  const token = await tokenFor(room, actor);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws'), room, doc, { params: { token, ext: 'huishen' }, disableBc: true });
  const venue: Venue = { actor, doc, token, provider, rejected: [], saved: 0, origin: new LocalOrigin(actor) };
  const handlers = provider.messageHandlers as unknown as Handler[];
  handlers[MessageType.hello] = (_e, d) => {
    decoding.readVarString(d);
    decoding.readVarString(d);
    venue.saved = decoding.readVarUint(d);
  };
  handlers[MessageType.saved] = (_e, d) => void (venue.saved = decoding.readVarUint(d));
  handlers[MessageType.rejected] = (_e, d) => void venue.rejected.push({ n: decoding.readVarUint(d), reason: decoding.readVarString(d) });
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
  return venue;
}

function context(base: string, v: Venue): RoomContextValue {
  return { doc: v.doc, origin: v.origin, evidenceUrl: (sha) => `${base}/evidence/${sha}?token=${encodeURIComponent(v.token)}` };
}

async function mountTimeline(base: string, v: Venue, withViewer = false): Promise<{ timeline: HsTimeline; viewer: HsEvidenceViewer | null }> {
  const provider = await fixture<TestRoomProvider>(
    html`<hs-test-room-provider .room=${context(base, v)}
      >${withViewer ? html`<hs-evidence-viewer id="viewer-${v.actor.userId}" style="display:block;height:400px;width:500px"></hs-evidence-viewer>` : ''}<hs-timeline
        for="viewer-${v.actor.userId}"
        style="display:flex;height:600px;width:600px"
      ></hs-timeline
    ></hs-test-room-provider>`,
  );
  const timeline = provider.querySelector('hs-timeline')!;
  await timeline.updateComplete;
  return { timeline, viewer: provider.querySelector('hs-evidence-viewer') };
}

const part = (el: HsTimeline, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const texts = (doc: Y.Doc) => readTimeline(doc).map((e) => ('text' in e ? e.text : e.kind));

async function compose(el: HsTimeline, text: string, setup?: () => void): Promise<void> {
  setup?.();
  const input = part(el, 'input') as HTMLTextAreaElement;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  await el.updateComplete;
}

describe('<hs-timeline> with the room server, two venues', () => {
  let base = '';
  const venues: Venue[] = [];
  const chairActor: Actor = { userId: 'chair1', name: '市院主持人', venue: 'city', role: 'chair' };
  const memberActor: Actor = { userId: 'mem1', name: '县院检察官', venue: 'county', role: 'member' };
  const recorderActor: Actor = { userId: 'rec1', name: '市院书记员', venue: 'city', role: 'recorder' };
  before(async () => {
    configureTestPdfjs();
    base = ((await (await fetch('/__huishen__/room-server.json')).json()) as { url: string }).url;
  });
  after(() => venues.forEach((v) => v.provider.destroy()));

  async function room(...actors: Actor[]): Promise<Venue[]> {
    const name = `timeline-${Math.random().toString(36).slice(2, 10)}`;
    const joined = await Promise.all(actors.map((a) => join(base, name, a)));
    venues.push(...joined);
    return joined;
  }

  it('entries from both venues and the recorder appear in both, in the same order', async () => {
    const [chair, member, recorder] = await room(chairActor, memberActor, recorderActor);
    const city = await mountTimeline(base, chair!);
    const county = await mountTimeline(base, member!);
    const rec = await mountTimeline(base, recorder!);
    await compose(city.timeline, '请承办人汇报案件事实。');
    await waitFor(() => readTimeline(member!.doc).length === 1 && readTimeline(recorder!.doc).length === 1, 10_000, 'the first entry at the other venues');
    await compose(county.timeline, '县院同意起诉意见。');
    await waitFor(() => readTimeline(recorder!.doc).length === 2, 10_000, 'the second entry at the recorder');
    await compose(rec.timeline, '建议补充调取监控录像。', () => {
      const speaker = part(rec.timeline, 'speaker') as HTMLInputElement;
      speaker.value = '钱副检察长';
      speaker.dispatchEvent(new Event('input'));
    });
    const expected = ['请承办人汇报案件事实。', '县院同意起诉意见。', '建议补充调取监控录像。'];
    await waitFor(() => texts(chair!.doc).length === 3 && texts(member!.doc).length === 3, 10_000, 'all three entries in both venues');
    expect(texts(chair!.doc)).to.deep.equal(expected);
    expect(texts(member!.doc)).to.deep.equal(expected);
    const onBehalf = readTimeline(member!.doc)[2]!;
    expect(onBehalf.author).to.equal('rec1');
    expect(onBehalf.speaker?.name).to.equal('钱副检察长');
    // Both timelines show them, in that order.
    for (const el of [city.timeline, county.timeline]) {
      await waitFor(() => el.shadowRoot!.querySelectorAll('[part~="entry"]').length === 3, 5000, 'three rows');
      const shown = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="entry"] [part~="text"]')].map((p) => p.textContent!.trim());
      expect(shown).to.deep.equal(expected);
    }
    expect(county.timeline.shadowRoot!.textContent).to.contain('钱副检察长');
    expect(county.timeline.shadowRoot!.textContent).to.contain('市院书记员 代记');
  });

  it('a reference entry opens the right evidence at the right page in the other venue', async () => {
    const [chair, member] = await room(chairActor, memberActor);
    const bytes = makePdf(Array.from({ length: 5 }, (_, i) => ({ mediaBox: [0, 0, 612, 792] as const, lines: [`Exhibit page ${i + 1}`] })));
    const hash = await sha256(bytes);
    const put = await fetch(`${base}/evidence/${hash}`, { method: 'PUT', body: bytes, headers: { Authorization: `Bearer ${chair!.token}` } });
    expect(put.status).to.be.oneOf([200, 201]);
    addEvidence(chair!.doc, { id: 'exA', title: '证据甲：书证', kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256: hash, pages: 5 }, chair!.origin);
    appendEntry(chair!.doc, { kind: 'evidence-ref', ref: { evidenceId: 'exA', page: 4 }, text: '请看第 4 页。' }, chair!.origin);
    const county = await mountTimeline(base, member!, true);
    await waitFor(() => county.timeline.shadowRoot!.querySelector('[part~="reference"]') !== null, 10_000, 'the reference at the other venue');
    county.timeline.shadowRoot!.querySelector<HTMLElement>('[part~="reference"]')!.click();
    const viewer = county.viewer!;
    expect(viewer.evidenceId).to.equal('exA');
    await settled(viewer);
    expect(viewer.status).to.equal('ready');
    expect(viewer.integrity).to.equal('ok');
    await waitFor(() => viewer.visiblePages.includes(4), 5000, 'page 4 in view');
  });

  it('a member is not offered decisions or others’ entries, and the server refuses them when forced', async () => {
    const [chair, member] = await room(chairActor, memberActor);
    appendEntry(chair!.doc, { id: 'chairsays', kind: 'speech', text: '主持人发言。' }, chair!.origin);
    const county = await mountTimeline(base, member!);
    await waitFor(() => readTimeline(member!.doc).length === 1, 10_000, 'the chair’s entry at the county venue');
    await county.timeline.updateComplete;
    const kinds = [...(part(county.timeline, 'kind-picker') as HTMLSelectElement).options].map((o) => o.value);
    expect(kinds).to.not.include('decision');
    expect(county.timeline.shadowRoot!.querySelector('[data-id="chairsays"] [part~="edit"]')).to.equal(null);

    // Forced: model operations on the member's own copy, bypassing the UI.
    appendEntry(member!.doc, { id: 'forged', kind: 'decision', text: '伪造的决定。' }, member!.origin);
    await waitFor(() => member!.rejected.length >= 1, 10_000, 'the server to reject the decision');
    expect(member!.rejected.map((r) => r.reason)).to.deep.equal(['forbidden']);
    // After **rejected** a client drops its divergent copy and syncs again: a fresh copy here.
    member!.provider.destroy();
    const again = await join(base, member!.provider.roomname, memberActor);
    venues.push(again);
    expect(readTimeline(again.doc).map((e) => e.id)).to.deep.equal(['chairsays']);
    editEntry(again.doc, 'chairsays', '篡改主持人的发言。', again.origin);
    await waitFor(() => again.rejected.length >= 1, 10_000, 'the server to reject the edit');
    expect(again.rejected.map((r) => r.reason)).to.deep.equal(['forbidden']);
    // An allowed write from a clean copy goes through; the chair's venue never saw the refused ones.
    const clean = await join(base, member!.provider.roomname, memberActor);
    venues.push(clean);
    appendEntry(clean.doc, { id: 'allowed', kind: 'speech', text: '县院检察官的正常发言。' }, clean.origin);
    await waitFor(() => readTimeline(chair!.doc).some((e) => e.id === 'allowed'), 10_000, 'the allowed entry at the chair');
    await waitFor(() => clean.saved > 0, 10_000, 'the allowed entry saved');
    expect(readTimeline(chair!.doc).map((e) => e.id)).to.deep.equal(['chairsays', 'allowed']);
    const chairs = readTimeline(chair!.doc)[0]!;
    expect(chairs.kind === 'speech' && chairs.text).to.equal('主持人发言。');
  });

  it('an IME Enter sends nothing to the other venue; the next plain Enter does', async () => {
    const [chair, member] = await room(chairActor, memberActor);
    const county = await mountTimeline(base, member!);
    const input = part(county.timeline, 'input') as HTMLTextAreaElement;
    input.value = 'tongyi';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new CompositionEvent('compositionstart'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, keyCode: 229, bubbles: true, cancelable: true }));
    input.dispatchEvent(new CompositionEvent('compositionend', { data: '同意' }));
    input.value = '同意';
    input.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 300));
    expect(readTimeline(member!.doc)).to.have.length(0);
    expect(readTimeline(chair!.doc)).to.have.length(0);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await waitFor(() => readTimeline(chair!.doc).length === 1, 10_000, 'the entry at the chair');
    expect(texts(chair!.doc)).to.deep.equal(['同意']);
  });
});
