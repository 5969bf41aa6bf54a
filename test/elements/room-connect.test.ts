/**
 * `connectRoom` against the real room server (the WTR plugin): sync, presence, saved counts,
 * evidence upload, offline edits kept in IndexedDB, refused tokens, refused writes, departures.
 * Every session has its own socket (`disableBc`) and its own IndexedDB name.
 */
import { expect } from '@open-wc/testing';
import { addAnnotation, addEvidence, moveAnnotation, readAnnotation, readAnnotations, readPeers, readEvidence, setPresence } from '@huishen/model';
import type { RoomSession } from '@huishen/elements/room/connect-room.js';
import { RoomRejectedEvent } from '@huishen/elements/room/room-events.js';
import { after, afterEach, before, describe, it } from './support/mocha.js';
import { makePdf } from './support/make-pdf.js';
import { CITY_MEMBER, COUNTY_PRESENTER, freshRoom, Sessions, tokenFor, until, roomServerUrl } from './support/room-server.js';

/** Adds a one-page evidence PDF through `session` (bytes uploaded to the server's store). */
async function addSampleEvidence(session: RoomSession, title = '证据一'): Promise<string> {
  const bytes = makePdf([{ mediaBox: [0, 0, 612, 792], lines: [title] }]);
  const sha256 = await session.uploadEvidence(new Blob([bytes], { type: 'application/pdf' }));
  return addEvidence(session.doc, { title, kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256, pages: 1 }, session.origin);
}

describe('connectRoom with the room server', () => {
  let base = '';
  const sessions = new Sessions();
  before(async () => {
    base = await roomServerUrl();
  });
  afterEach(() => sessions.closeAll());
  after(() => sessions.closeAll());

  it('syncs two venues, shows each other’s presence, and counts changes until the server saved them', async () => {
    const room = freshRoom('connect');
    const county = await sessions.connect(base, room, COUNTY_PRESENTER);
    const city = await sessions.connect(base, room, CITY_MEMBER);
    await Promise.all([county.whenSynced, city.whenSynced]);
    expect(county.connection.status).to.equal('synced');
    expect(county.generation).to.be.a('string');
    expect(county.actor).to.deep.equal(COUNTY_PRESENTER);

    const unsavedSeen: number[] = [];
    county.connection.addEventListener('change', () => unsavedSeen.push(county.connection.unsaved));
    const evidenceId = await addSampleEvidence(county);
    const mark = addAnnotation(county.doc, { evidenceId, page: 1, kind: 'rect', geometry: { rect: [10, 20, 110, 220] } }, county.origin);
    await until(() => county.connection.unsaved === 0, 'the server to save both changes');
    expect(Math.max(...unsavedSeen)).to.be.greaterThan(0);
    await until(() => readAnnotation(city.doc, mark) !== undefined, 'the mark to reach the city venue');
    expect(readAnnotation(city.doc, mark)!.geometry).to.deep.equal({ rect: [10, 20, 110, 220] });

    await until(() => readPeers(city.awareness).some((p) => p.user.id === COUNTY_PRESENTER.userId), 'the county presence');
    const countyPeer = readPeers(city.awareness).find((p) => p.user.id === COUNTY_PRESENTER.userId)!;
    expect(countyPeer.user).to.include({ name: COUNTY_PRESENTER.name, venue: 'county', role: 'presenter' });
    setPresence(county.awareness, 'cursor', { evidenceId, page: 1, x: 50, y: 60 });
    await until(() => readPeers(city.awareness).find((p) => p.user.id === COUNTY_PRESENTER.userId)?.cursor?.x === 50, 'the cursor');
  });

  it('uploads evidence once per hash and serves it back to the room', async () => {
    const room = freshRoom('upload');
    const county = await sessions.connect(base, room, COUNTY_PRESENTER, { offline: false });
    await county.whenSynced;
    const bytes = new Blob([makePdf([{ mediaBox: [0, 0, 200, 200], lines: ['upload'] }])], { type: 'application/pdf' });
    const [a, b] = await Promise.all([county.uploadEvidence(bytes), county.uploadEvidence(bytes)]);
    expect(a).to.equal(b);
    expect(a).to.match(/^[0-9a-f]{64}$/);
    addEvidence(county.doc, { title: 'upload', kind: 'pdf', mime: 'application/pdf', bytes: bytes.size, sha256: a, pages: 1 }, county.origin);
    await until(() => county.connection.unsaved === 0, 'the evidence record to be saved');
    const served = await fetch(county.evidenceUrl(a));
    expect(served.status).to.equal(200);
    expect((await served.arrayBuffer()).byteLength).to.equal(bytes.size);
  });

  it('a member’s forced move of the presenter’s mark is rejected by the server, which keeps its copy', async () => {
    const room = freshRoom('reject');
    const county = await sessions.connect(base, room, COUNTY_PRESENTER);
    const city = await sessions.connect(base, room, CITY_MEMBER);
    await Promise.all([county.whenSynced, city.whenSynced]);
    const evidenceId = await addSampleEvidence(county);
    const mark = addAnnotation(county.doc, { evidenceId, page: 1, kind: 'rect', geometry: { rect: [10, 20, 110, 220] } }, county.origin);
    await until(() => readAnnotation(city.doc, mark) !== undefined, 'the mark to reach the city venue');

    const rejected = new Promise<RoomRejectedEvent>((resolve) => city.addEventListener('rejected', (e) => resolve(e as RoomRejectedEvent), { once: true }));
    moveAnnotation(city.doc, mark, 100, 100, city.origin); // the model op does not check rights; the server does
    const event = await rejected;
    expect(event.reason).to.equal('forbidden');
    await until(() => city.connection.unsaved === 0, 'the rejected write to be settled');

    const fresh = await sessions.connect(base, room, COUNTY_PRESENTER, { offline: false });
    await fresh.whenSynced;
    expect(readAnnotation(fresh.doc, mark)!.geometry).to.deep.equal({ rect: [10, 20, 110, 220] });
    expect(readAnnotation(county.doc, mark)!.geometry).to.deep.equal({ rect: [10, 20, 110, 220] });
  });

  it('keeps offline edits (in IndexedDB across a reload) and merges them on reconnect', async () => {
    const room = freshRoom('offline');
    const db = `huishen-test:${room}:offline-city`;
    const county = await sessions.connect(base, room, COUNTY_PRESENTER);
    let city = await sessions.connect(base, room, CITY_MEMBER, { offline: db });
    await Promise.all([county.whenSynced, city.whenSynced]);
    const evidenceId = await addSampleEvidence(county);
    await until(() => readEvidence(city.doc).length === 1, 'the evidence at the city venue');

    city.disconnect();
    expect(city.connection.status).to.equal('offline');
    const offlineMark = addAnnotation(city.doc, { evidenceId, page: 1, kind: 'pin', geometry: { at: [30, 40] } }, city.origin);
    expect(city.connection.unsaved).to.equal(1);
    const onlineMark = addAnnotation(county.doc, { evidenceId, page: 1, kind: 'pin', geometry: { at: [50, 60] } }, county.origin);
    // The tab is closed while offline; its IndexedDB copy keeps the mark.
    await new Promise((resolve) => setTimeout(resolve, 1200)); // y-indexeddb stores within 1 s
    await city.destroy();
    city = await sessions.connect(base, room, CITY_MEMBER, { offline: db });
    await city.whenLoaded;
    expect(readAnnotation(city.doc, offlineMark)).to.not.equal(undefined);
    await city.whenSynced;
    await until(() => readAnnotation(county.doc, offlineMark) !== undefined, 'the offline mark at the county venue');
    await until(() => readAnnotation(city.doc, onlineMark) !== undefined, 'the county mark at the city venue');
    const ids = (doc: RoomSession['doc']) => readAnnotations(doc).map((a) => a.id).sort();
    expect(ids(city.doc)).to.deep.equal(ids(county.doc));
    expect(ids(city.doc)).to.have.length(2);
  });

  it('reconnects after a drop, sends what was made meanwhile and confirms it saved', async () => {
    const room = freshRoom('drop');
    const county = await sessions.connect(base, room, COUNTY_PRESENTER, { offline: false });
    const city = await sessions.connect(base, room, CITY_MEMBER, { offline: false });
    await Promise.all([county.whenSynced, city.whenSynced]);
    const evidenceId = await addSampleEvidence(county);
    county.disconnect();
    const marks = [1, 2, 3].map((i) => addAnnotation(county.doc, { evidenceId, page: 1, kind: 'pin', geometry: { at: [i, i] } }, county.origin));
    expect(county.connection.unsaved).to.be.greaterThanOrEqual(3);
    county.reconnect();
    await until(() => county.connection.status === 'synced' && county.connection.unsaved === 0, 'reconnect and saved');
    await until(() => marks.every((id) => readAnnotation(city.doc, id) !== undefined), 'the marks at the city venue');
  });

  it('removes a departed venue’s presence within a second', async () => {
    const room = freshRoom('depart');
    const county = await sessions.connect(base, room, COUNTY_PRESENTER, { offline: false });
    const city = await sessions.connect(base, room, CITY_MEMBER, { offline: false });
    await Promise.all([county.whenSynced, city.whenSynced]);
    await until(() => readPeers(county.awareness).length === 1, 'the city presence');
    await city.destroy();
    await until(() => readPeers(county.awareness).length === 0, 'the city presence to go', 1000);
  });

  it('is denied with a token for another room, and with a badly signed token (no retries)', async () => {
    const room = freshRoom('deny');
    const other = await tokenFor(freshRoom('other'), CITY_MEMBER);
    const wrongRoom = await sessions.connect(base, room, CITY_MEMBER, { token: other, offline: false });
    expect(wrongRoom.connection.status).to.equal('denied');
    expect(wrongRoom.deniedReason).to.equal('forbidden');

    const valid = await tokenFor(room, CITY_MEMBER);
    const forged = `${valid.slice(0, valid.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    const refused = await sessions.connect(base, room, CITY_MEMBER, { token: forged, offline: false });
    const denied = new Promise<void>((resolve) => refused.addEventListener('denied', () => resolve(), { once: true }));
    await denied;
    expect(refused.connection.status).to.equal('denied');
    expect(refused.deniedReason).to.equal('unauthenticated');
    // Local work is kept while denied.
    const evidenceId = addEvidence(refused.doc, { title: 'local', kind: 'pdf', mime: 'application/pdf', bytes: 1, sha256: 'a'.repeat(64), pages: 1 }, refused.origin);
    const mark = addAnnotation(refused.doc, { evidenceId, page: 1, kind: 'pin', geometry: { at: [1, 1] } }, refused.origin);
    expect(readAnnotation(refused.doc, mark)).to.not.equal(undefined);
    expect(refused.connection.unsaved).to.equal(2);
    expect(refused.connection.status).to.equal('denied');
  });

  it('refreshes a refused token once and connects with the fresh one', async () => {
    const room = freshRoom('refresh');
    const valid = await tokenFor(room, CITY_MEMBER);
    const forged = `${valid.slice(0, valid.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    let calls = 0;
    const session = await sessions.connect(base, room, CITY_MEMBER, {
      token: forged,
      offline: false,
      refreshToken: async () => {
        calls++;
        return valid;
      },
    });
    await session.whenSynced;
    expect(calls).to.equal(1);
    expect(session.connection.status).to.equal('synced');
  });
});
