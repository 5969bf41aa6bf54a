/**
 * Old-engine smoke: in a real Chromium 103 every element defines and renders, the floor check
 * passes, annotations drawn with the mouse sync between two venues through the real room server,
 * the briefing's followers follow the presenter, and the timeline posts an entry to the other
 * venue. The same element code as in the current Chromium, compiled for `chrome103`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, setViewport } from '@web/test-runner-commands';
import { addEvidence, addOutlineNode, readAnnotations, readBriefing, readTimeline, setPresenter, type Actor } from '@huishen/model';
import { meetsBrowserFloor } from '@huishen/elements/floor/floor.js';
import '@huishen/elements/define.js';
import { after, before, describe, it } from '../elements/support/mocha.js';
import { makePdf } from '../elements/support/make-pdf.js';
import { configureTestPdfjs } from '../elements/support/pdf-fixtures.js';
import { sha256 } from '../elements/support/room.js';
import { CITY_MEMBER, COUNTY_PRESENTER, freshRoom, roomServerUrl, Sessions, until } from '../elements/support/room-server.js';
import { addTestEvidence, inkAt, mouseDrag, showVenues, wave } from '../elements/support/two-venues.js';
import { openSession, roomName, tokenFor, uploadEvidence, type Session } from '../elements/support/briefing-session.js';
import { waitFor } from '../elements/support/viewer.js';

/** Every element the library defines. */
const TAGS = [
  'hs-room',
  'hs-evidence-viewer',
  'hs-evidence-list',
  'hs-annotation-layer',
  'hs-annotation-toolbar',
  'hs-annotation-list',
  'hs-presence',
  'hs-doc-camera',
  'hs-briefing',
  'hs-timeline',
  'hs-roster',
  'hs-sync-status',
] as const;

interface Timed {
  timeout(ms: number): void;
}

describe('old engine: the elements', () => {
  const sessions = new Sessions();
  let base = '';
  before(async () => {
    configureTestPdfjs('auto');
    base = await roomServerUrl();
    await setViewport({ width: 1200, height: 820 });
  });
  after(async () => {
    await resetMouse();
    await sessions.closeAll();
  });

  it('meets the browser floor', () => {
    expect(/Chrome\/103\./.test(navigator.userAgent), navigator.userAgent).to.equal(true);
    expect(meetsBrowserFloor()).to.equal(true);
  });

  it('defines and renders every element', async () => {
    for (const tag of TAGS) {
      expect(customElements.get(tag), tag).to.be.a('function');
      const el = await fixture<HTMLElement & { updateComplete: Promise<boolean> }>(html`<div lang="zh-CN"></div>`);
      const element = document.createElement(tag) as HTMLElement & { updateComplete: Promise<boolean> };
      el.append(element);
      await element.updateComplete;
      expect(element.shadowRoot?.childElementCount ?? 0, `${tag} rendered`).to.be.greaterThan(0);
    }
  });

  it('syncs a stroke drawn with the mouse between two venues through the room server', async function (this: Timed) {
    this.timeout(60_000);
    const room = freshRoom('old-engine-ink');
    const countySession = await sessions.connect(base, room, COUNTY_PRESENTER, { offline: false });
    const citySession = await sessions.connect(base, room, CITY_MEMBER, { offline: false });
    await Promise.all([countySession.whenSynced, citySession.whenSynced]);
    const evidenceId = await addTestEvidence(countySession);
    await until(() => citySession.doc.getMap('evidence').has(evidenceId), 'the evidence at the city venue');
    const [county, city] = await showVenues(evidenceId, [{ session: countySession }, { session: citySession, rotation: 90 }]);
    county!.layer.setTool('ink');
    const points = await mouseDrag(county!.viewer, 1, wave(12));
    await until(() => readAnnotations(citySession.doc, { evidenceId }).length === 1, 'the stroke at the city venue', 15_000);
    const [stroke] = readAnnotations(citySession.doc, { evidenceId });
    expect(stroke!.kind).to.equal('ink');
    const middle = points[Math.floor(points.length / 2)]!;
    await until(() => inkAt(city!, 1, middle, 4), 'the stroke drawn at the city venue', 15_000);
  });

  it('moves a follower to the presenter’s page', async function (this: Timed) {
    this.timeout(60_000);
    const chair: Actor = { userId: 'chair1', name: '市院主持人', venue: 'city', role: 'chair' };
    const presenter: Actor = { userId: 'p1', name: '县院承办人', venue: 'county', role: 'presenter' };
    const follower: Actor = { userId: 'm1', name: '市院检察官', venue: 'city', role: 'member' };
    const room = roomName('old-engine-follow');
    const bytes = makePdf(Array.from({ length: 5 }, (_, i) => ({ mediaBox: [0, 0, 612, 792] as const, lines: [`Exhibit page ${i + 1}`] })));
    const hash = await sha256(bytes);
    await uploadEvidence(base, await tokenFor(room, presenter), hash, bytes);
    const opened: Session[] = [];
    try {
      const c = await openSession(base, room, chair, { color: '#1f6feb', width: 400, height: 300 });
      opened.push(c);
      setPresenter(c.doc, presenter.userId, c.origin);
      const p = await openSession(base, room, presenter, { color: '#bf3989', width: 600, height: 500 });
      const f = await openSession(base, room, follower, { color: '#1a7f37', width: 600, height: 500 });
      opened.push(p, f);
      await waitFor(() => readBriefing(p.doc).presenterId === presenter.userId, 10_000, 'the presenter set');
      addEvidence(p.doc, { id: 'ex1', title: '讯问笔录', kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256: hash, pages: 5 }, p.origin);
      addOutlineNode(p.doc, { kind: 'evidence-list', title: '证据目录', anchors: [{ evidenceId: 'ex1', page: 4 }] }, p.origin);
      await waitFor(() => readBriefing(f.doc).nodes.length === 1, 10_000, 'the outline at the follower');
      await p.briefing.updateComplete;
      p.briefing.step(1);
      await waitFor(() => f.viewer.evidenceId === 'ex1' && f.viewer.status === 'ready' && f.viewer.page === 4, 20_000, 'the follower on page 4');
    } finally {
      for (const s of opened) s.destroy();
    }
  });

  it('posts a timeline entry that the other venue receives', async function (this: Timed) {
    this.timeout(30_000);
    const room = freshRoom('old-engine-timeline');
    const county = await sessions.connect(base, room, COUNTY_PRESENTER, { offline: false });
    const city = await sessions.connect(base, room, CITY_MEMBER, { offline: false });
    await Promise.all([county.whenSynced, city.whenSynced]);
    const host = await fixture<HTMLElement>(html`<hs-story-room .room=${county} lang="zh-CN"><hs-timeline></hs-timeline></hs-story-room>`);
    const timeline = host.querySelector('hs-timeline')!;
    await timeline.updateComplete;
    const text = '旧内核发言测试：证据一第2页需核实。';
    // Typed into the composer as a user would, then sent.
    const composer = timeline.shadowRoot!.querySelector('textarea')!;
    composer.value = text;
    composer.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await timeline.updateComplete;
    expect(timeline.send(), 'the new entry id').to.be.a('string');
    await until(() => readTimeline(city.doc).some((e) => 'text' in e && e.text === text), 'the entry at the other venue', 15_000);
  });
});
