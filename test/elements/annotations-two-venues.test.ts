/**
 * Two venues annotating one evidence item through the REAL room server (the WTR plugin): each
 * venue is a `connectRoom` session with its own socket and IndexedDB name, shown in its own
 * viewer with the annotation layer; marks are drawn with the real mouse. What one venue draws
 * reaches the other (and the server) at the same PDF coordinates; concurrent edits survive;
 * rights hold in the UI and on the server; undo stays personal; offline work merges; a refused
 * token is shown as denied; and the W3C export of what was drawn validates.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, setViewport } from '@web/test-runner-commands';
import {
  EXPORT_CONTEXT,
  fromWebAnnotation,
  moveAnnotation,
  readAnnotation,
  readAnnotations,
  readEvidence,
  toWebAnnotationCollection,
  type Annotation,
} from '@huishen/model';
import type { HsSyncStatus } from '@huishen/elements';
import type { RoomSession } from '@huishen/elements/room/connect-room.js';
import { RoomRejectedEvent } from '@huishen/elements/room/room-events.js';
import { after, afterEach, before, describe, it } from './support/mocha.js';
import { configureTestPdfjs, fixtureOrSkip, type TestContext } from './support/pdf-fixtures.js';
import { CITY_MEMBER, COUNTY_PRESENTER, freshRoom, roomServerUrl, Sessions, tokenFor, until } from './support/room-server.js';
import { addTestEvidence, inkAt, mouseDrag, showVenues, wave, type Venue } from './support/two-venues.js';

type Ink = Annotation<'ink'>;

describe('annotations between two venues, through the room server', () => {
  let base = '';
  const sessions = new Sessions();
  before(async () => {
    configureTestPdfjs();
    base = await roomServerUrl();
    await setViewport({ width: 1200, height: 820 });
  });
  afterEach(async () => {
    await resetMouse();
    await sessions.closeAll();
  });
  after(() => sessions.closeAll());

  /** Two synced venues on one evidence item: the county presenter (rotation 0) and a city member (rotation 90). */
  async function twoVenues(prefix: string, options: { offline?: boolean } = {}): Promise<{ room: string; evidenceId: string; county: Venue; city: Venue }> {
    const room = freshRoom(prefix);
    const offline = options.offline === true ? {} : { offline: false as const };
    const countySession = await sessions.connect(base, room, COUNTY_PRESENTER, offline);
    const citySession = await sessions.connect(base, room, CITY_MEMBER, offline);
    await Promise.all([countySession.whenSynced, citySession.whenSynced]);
    const evidenceId = await addTestEvidence(countySession);
    // Adding the evidence is its own step of the presenter's undo history, not part of the first mark.
    countySession.undoManager.stopCapturing();
    await until(() => citySession.doc.getMap('evidence').has(evidenceId), 'the evidence at the city venue');
    const [county, city] = await showVenues(evidenceId, [{ session: countySession }, { session: citySession, rotation: 90 }]);
    return { room, evidenceId, county: county!, city: city! };
  }

  /** The server's copy of the room, read by a fresh session of `actor`. */
  async function serverCopy(room: string): Promise<RoomSession> {
    const fresh = await sessions.connect(base, room, COUNTY_PRESENTER, { offline: false });
    await fresh.whenSynced;
    return fresh;
  }

  it('a stroke drawn with the mouse in one venue appears in the other at the same PDF coordinates', async () => {
    const { room, county, city } = await twoVenues('ink');
    county.layer.setTool('ink');
    const expected = await mouseDrag(county.viewer, 1, wave(12));
    await until(() => readAnnotations(county.session.doc).length === 1, 'the stroke to be stored');
    const stroke = readAnnotations(county.session.doc)[0] as Ink;
    expect(stroke.kind).to.equal('ink');
    expect(stroke.author).to.equal(COUNTY_PRESENTER.userId);
    // Where the mouse went, in PDF user space (the layer rounds to 0.1 pt and may drop repeats).
    const points = stroke.geometry.points;
    expect(points[0]![0]).to.be.closeTo(expected[0]![0], 0.11);
    expect(points[0]![1]).to.be.closeTo(expected[0]![1], 0.11);
    expect(points[points.length - 1]![0]).to.be.closeTo(expected[expected.length - 1]![0], 0.11);

    await until(() => readAnnotation(city.session.doc, stroke.id) !== undefined, 'the stroke at the city venue');
    expect(readAnnotation(city.session.doc, stroke.id)!.geometry).to.deep.equal(stroke.geometry);
    // The city venue (page rotated 90°) paints it where those PDF points are on its page.
    const middle = points[Math.floor(points.length / 2)]!;
    await until(() => inkAt(city, 1, [middle[0], middle[1]]), 'the stroke’s pixels at the city venue');
    expect(inkAt(city, 1, [middle[0] + 60, middle[1] + 60])).to.equal(false);
    // And the server stored exactly that.
    expect(readAnnotation((await serverCopy(room)).doc, stroke.id)!.geometry).to.deep.equal(stroke.geometry);
  });

  it('concurrent edits of different marks both survive', async () => {
    const { room, county, city } = await twoVenues('concurrent');
    const a = county.layer.create({ page: 1, kind: 'rect', geometry: { rect: [40, 40, 120, 120] } })!;
    const b = city.layer.create({ page: 1, kind: 'rect', geometry: { rect: [200, 200, 280, 280] } })!;
    await until(() => readAnnotation(county.session.doc, b) !== undefined && readAnnotation(city.session.doc, a) !== undefined, 'both marks everywhere');
    county.session.disconnect();
    city.session.disconnect();
    county.layer.move(a, 10, 0);
    city.layer.move(b, 0, 20);
    county.session.reconnect();
    city.session.reconnect();
    for (const venue of [county, city]) {
      await until(() => venue.session.connection.status === 'synced' && venue.session.connection.unsaved === 0, 'saved');
    }
    await until(() => (readAnnotation(county.session.doc, b)!.geometry as { rect: number[] }).rect[1] === 220, 'the city edit at the county venue');
    await until(() => (readAnnotation(city.session.doc, a)!.geometry as { rect: number[] }).rect[0] === 50, 'the county edit at the city venue');
    const server = (await serverCopy(room)).doc;
    expect(readAnnotation(server, a)!.geometry).to.deep.equal({ rect: [50, 40, 130, 120] });
    expect(readAnnotation(server, b)!.geometry).to.deep.equal({ rect: [200, 220, 280, 300] });
  });

  it('a member cannot move the presenter’s mark: the UI blocks it and the server rejects a forced update', async () => {
    const { room, county, city } = await twoVenues('rights');
    const mark = county.layer.create({ page: 1, kind: 'rect', geometry: { rect: [60, 300, 200, 420] } })!;
    await until(() => city.layer.annotation(mark) !== undefined, 'the mark at the city venue');
    const before = readAnnotation(city.session.doc, mark)!.geometry;
    expect(city.layer.canEdit(city.layer.annotation(mark)!)).to.equal(false);

    // The UI: dragging it with the mouse (select tool) changes nothing and writes nothing.
    city.layer.setTool('select');
    await mouseDrag(city.viewer, 1, [
      [130, 360],
      [160, 330],
      [200, 300],
    ]);
    expect(readAnnotation(city.session.doc, mark)!.geometry).to.deep.equal(before);
    city.layer.move(mark, 30, 30);
    expect(readAnnotation(city.session.doc, mark)!.geometry).to.deep.equal(before);
    expect(city.session.connection.unsaved).to.equal(0);

    // A forced raw update: the server refuses it with **rejected** and keeps its copy.
    const rejected = new Promise<RoomRejectedEvent>((resolve) => city.session.addEventListener('rejected', (e) => resolve(e as RoomRejectedEvent), { once: true }));
    moveAnnotation(city.session.doc, mark, 50, 50, city.session.origin);
    expect((await rejected).reason).to.equal('forbidden');
    expect(readAnnotation((await serverCopy(room)).doc, mark)!.geometry).to.deep.equal(before);
    expect(readAnnotation(county.session.doc, mark)!.geometry).to.deep.equal(before);
  });

  it('undo in one venue leaves the other venue’s marks alone', async () => {
    const { room, county, city } = await twoVenues('undo');
    county.layer.setTool('rect');
    await mouseDrag(county.viewer, 1, [
      [40, 440],
      [100, 400],
      [150, 360],
    ]);
    await until(() => readAnnotations(county.session.doc).length === 1, 'the county rectangle');
    const own = readAnnotations(county.session.doc)[0]!;
    city.layer.setTool('ink');
    await mouseDrag(city.viewer, 1, wave(6, 120, 200));
    await until(() => readAnnotations(county.session.doc).length === 2, 'the city stroke at the county venue');
    const theirs = readAnnotations(city.session.doc).find((a) => a.author === CITY_MEMBER.userId)!;

    county.layer.undo();
    expect(readAnnotation(county.session.doc, own.id)).to.equal(undefined);
    expect(readAnnotation(county.session.doc, theirs.id)).to.not.equal(undefined);
    await until(() => readAnnotation(city.session.doc, own.id) === undefined, 'the undo at the city venue');
    expect(readAnnotation(city.session.doc, theirs.id)!.geometry).to.deep.equal(theirs.geometry);
    await until(() => county.session.connection.unsaved === 0, 'the undo saved');
    const server = (await serverCopy(room)).doc;
    expect(readAnnotations(server).map((a) => a.id)).to.deep.equal([theirs.id]);
  });

  it('a venue that goes offline keeps annotating; on reconnect everything converges, nothing lost or duplicated', async () => {
    const { room, county, city } = await twoVenues('offline', { offline: true });
    // Everything so far (the viewer's integrity entry among it) is saved before the network goes.
    await until(() => city.session.connection.unsaved === 0 && city.session.connection.status === 'synced', 'the city venue saved');
    city.session.disconnect();
    await until(() => city.status.getAttribute('status') === 'offline', 'offline shown');
    city.layer.setTool('ink');
    await mouseDrag(city.viewer, 1, wave(8, 80, 150));
    city.layer.setTool('rect');
    await mouseDrag(city.viewer, 1, [
      [200, 100],
      [260, 60],
    ]);
    await until(() => city.status.unsaved === 2, 'two unsaved changes shown');
    expect(city.status.shadowRoot!.textContent).to.contain('2 项更改尚未保存');
    county.layer.create({ page: 2, kind: 'pin', geometry: { at: [100, 100] }, text: '县院在城院离线时添加' });

    city.session.reconnect();
    await until(() => city.status.status === 'synced' && city.status.unsaved === 0, 'synced and saved');
    const ids = (s: RoomSession) => readAnnotations(s.doc).map((a) => a.id).sort();
    await until(() => ids(county.session).length === 3 && ids(city.session).length === 3, 'three marks at both venues');
    expect(ids(county.session)).to.deep.equal(ids(city.session));
    const server = await serverCopy(room);
    expect(ids(server)).to.deep.equal(ids(city.session));
    expect(readAnnotations(server.doc).map((a) => a.kind).sort()).to.deep.equal(['ink', 'pin', 'rect']);
  });

  it('a refused token shows as denied, and nothing is retried', async () => {
    const room = freshRoom('denied');
    const valid = await tokenFor(room, CITY_MEMBER);
    const session = await sessions.connect(base, room, CITY_MEMBER, { token: `${valid.slice(0, valid.lastIndexOf('.'))}.${'A'.repeat(43)}`, offline: false });
    const [city] = await showVenuesDenied(session);
    await until(() => city!.getAttribute('status') === 'denied', 'denied shown');
    expect(city!.shadowRoot!.textContent).to.contain('无权访问');
  });

  it('the W3C export of what was drawn validates: envelope, JSON-LD terms, exact round trip', async function (this: TestContext) {
    const annoUrl = await fixtureOrSkip(this, 'web-annotation/jsonld/anno.jsonld');
    const { county, city } = await twoVenues('export');
    county.layer.setTool('ink');
    await mouseDrag(county.viewer, 1, wave(10));
    city.layer.setTool('rect');
    await mouseDrag(city.viewer, 1, [
      [200, 100],
      [280, 40],
    ]);
    await until(() => readAnnotations(city.session.doc).length === 2 && readAnnotations(county.session.doc).length === 2, 'both marks at both venues');
    const collection = toWebAnnotationCollection(city.session.doc);
    expect(collection['@context']).to.deep.equal(EXPORT_CONTEXT);
    expect(collection.total).to.equal(2);
    const evidence = new Map(readEvidence(city.session.doc).map((e) => [e.sha256, e.id]));
    const anno = termsOf(((await (await fetch(annoUrl)).json()) as { '@context': Record<string, unknown> })['@context']);
    for (const item of collection.first.items) {
      expect(item.type).to.equal('Annotation');
      expect(item.target).to.not.equal(undefined);
      checkTerms(item, anno);
      const back = fromWebAnnotation({ ...item, '@context': EXPORT_CONTEXT }, { evidenceBySha256: evidence });
      if (!back.ok) throw new Error(`the export did not read back: ${back.issues.join('; ')}`);
      const record = back.value.record!;
      expect(record).to.deep.equal(readAnnotation(city.session.doc, record.id));
    }
  });

  /** Shows a `<hs-sync-status>` for a session (which here never connects). */
  async function showVenuesDenied(session: RoomSession): Promise<Array<HsSyncStatus | null>> {
    const root = await fixture<HTMLElement>(html`<div lang="zh-CN"><hs-story-room .room=${session}><hs-sync-status></hs-sync-status></hs-story-room></div>`);
    return [root.querySelector('hs-sync-status')];
  }
});

interface Terms {
  terms: Set<string>;
  prefixes: Set<string>;
}

function termsOf(context: Record<string, unknown>): Terms {
  const out: Terms = { terms: new Set(), prefixes: new Set(['huishen']) };
  for (const [term, definition] of Object.entries(context)) {
    out.terms.add(term);
    if (typeof definition === 'string' && /[/#]$/.test(definition)) out.prefixes.add(term);
  }
  return out;
}

/** Every key is a term of the annotation context or a compact IRI with a declared prefix; types are terms. */
function checkTerms(node: unknown, anno: Terms, path = '$'): void {
  if (Array.isArray(node)) return node.forEach((item, i) => checkTerms(item, anno, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '@context') continue;
    const prefix = key.includes(':') ? key.slice(0, key.indexOf(':')) : undefined;
    expect(anno.terms.has(key) || (prefix !== undefined && anno.prefixes.has(prefix)), `${path}.${key}`).to.equal(true);
    if (prefix === 'huishen') continue; // JSON literals
    if (key === 'type') for (const t of [value].flat()) expect(anno.terms.has(t as string), `${path}.type ${String(t)}`).to.equal(true);
    checkTerms(value, anno, `${path}.${key}`);
  }
}
