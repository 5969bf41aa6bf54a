/**
 * `<hs-room>`, `<hs-evidence-list>` and `<hs-roster>` against the real room server (the WTR
 * plugin): connecting from attributes, adding evidence (upload, hash, duplicate, refusal), the
 * per-venue integrity, the roster across venues, the chair's roll call, offline and denied states,
 * panels and splitters, and axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { readEvidence as readEvidenceOf, readTimeline as readTimelineOf, setCaseInfo, setPresenter, setVenue } from '@huishen/model';
import '@huishen/elements/conference-room/hs-room.js';
import type { HsRoom } from '@huishen/elements/conference-room/conference-room.js';
import type { HsEvidenceList } from '@huishen/elements/evidence-list/evidence-list.js';
import type { HsRoster } from '@huishen/elements/roster/roster.js';
import type { HsEvidenceSelectEvent } from '@huishen/elements/events/evidence-select-event.js';
import { HsRoomStatusChangeEvent } from '@huishen/elements/events/room-status-change-event.js';
import type { RoomSession } from '@huishen/elements/room/connect-room.js';
import { after, afterEach, before, describe, it } from './support/mocha.js';
import { makePdf } from './support/make-pdf.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { CITY_CHAIR, CITY_MEMBER, COUNTY_PRESENTER, freshRoom, roomServerUrl, Sessions, tokenFor, until } from './support/room-server.js';
import { sha256 } from './support/room.js';

const sessions = new Sessions();
const readEvidence = (session: RoomSession) => readEvidenceOf(session.doc);
const readTimeline = (session: RoomSession) => readTimelineOf(session.doc);
const rooms: HsRoom[] = [];

/** A room element for `actor`, connected through its attributes, and its shadow root. */
async function roomFor(base: string, room: string, actor: typeof CITY_CHAIR, width = 1366): Promise<HsRoom> {
  const token = await tokenFor(room, actor);
  const el = await fixture<HsRoom>(
    html`<hs-room style="width:${width}px;height:768px;display:block" no-offline-copy server-url=${base} room=${room} token=${token}></hs-room>`,
  );
  rooms.push(el);
  return el;
}

function inner<T extends Element>(el: Element, selector: string): T {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in ${el.localName}`);
  return found;
}

async function prepared(prefix: string): Promise<{ base: string; room: string }> {
  const base = await roomServerUrl();
  const room = freshRoom(prefix);
  const chair = await sessions.connect(base, room, CITY_CHAIR, { offline: false });
  await chair.whenSynced;
  setVenue(chair.doc, { id: 'city', name: '乙市人民检察院', level: 'city', color: '#b3261e' }, chair.origin);
  setVenue(chair.doc, { id: 'county', name: '甲县人民检察院', level: 'county', color: '#1e5aa8' }, chair.origin);
  setCaseInfo(chair.doc, { caseTitle: '测试案件（示例）' }, chair.origin);
  setPresenter(chair.doc, COUNTY_PRESENTER.userId, chair.origin);
  await until(() => chair.connection.unsaved === 0, 'the chair’s setup saved');
  // The setup session leaves, so only the rooms a test opens are present.
  await sessions.closeAll();
  return { base, room };
}

describe('<hs-room> through the real room server', () => {
  before(() => configureTestPdfjs());
  afterEach(async () => {
    for (const el of rooms.splice(0)) el.remove();
    await sessions.closeAll();
  });
  after(() => sessions.closeAll());

  it('connects from its attributes, provides the session, shows the case title and fires status changes', async () => {
    const { base, room } = await prepared('room-connect');
    const token = await tokenFor(room, CITY_MEMBER);
    const statuses: string[] = [];
    const el = document.createElement('hs-room');
    el.setAttribute('no-offline-copy', '');
    el.style.cssText = 'width:1366px;height:768px;display:block';
    el.addEventListener(HsRoomStatusChangeEvent.eventName, (e) => statuses.push((e as HsRoomStatusChangeEvent).status));
    Object.assign(el, { serverUrl: base, room, token });
    document.body.append(el);
    rooms.push(el);
    const first = el.session;
    expect(first, 'connected from the attributes').to.not.equal(undefined);
    await el.updateComplete;
    expect(el.session).to.equal(first, 'the first render does not connect a second time');
    await until(() => el.status === 'synced', 'synced');
    expect(statuses).to.include('synced');
    expect(el.getAttribute('status')).to.equal('synced');
    expect(el.session?.actor.userId).to.equal(CITY_MEMBER.userId);
    await el.updateComplete;
    await until(() => inner(el, '[part="title"]').textContent!.includes('测试案件（示例）'), 'the case title');
    expect(el.size).to.equal('regular');
    // A fresh token for the same room reconnects the same session (tokens carry their issue time
    // in seconds: wait for a different one).
    let fresh = token;
    while (fresh === token) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      fresh = await tokenFor(room, CITY_MEMBER);
    }
    el.token = fresh;
    await el.updateComplete;
    expect(el.session).to.equal(first);
    await until(() => el.status === 'synced', 'synced with the new token');
  });

  it('adds evidence through the list: uploaded, hashed, registered; a duplicate and an unsupported file are refused clearly', async () => {
    const { base, room } = await prepared('room-evidence');
    const el = await roomFor(base, room, COUNTY_PRESENTER);
    await until(() => el.status === 'synced', 'synced');
    const list = inner<HsEvidenceList>(el, 'hs-evidence-list');
    await until(() => list.shadowRoot?.querySelector('[part="add"]') !== null, 'the add button for the presenter');
    const bytes = makePdf([{ mediaBox: [0, 0, 595, 842], lines: ['Exhibit 1'] }, { mediaBox: [0, 0, 595, 842], lines: ['Exhibit 2'] }]);
    const selected: string[] = [];
    el.addEventListener('hs-evidence-select', (e) => selected.push((e as HsEvidenceSelectEvent).evidenceId));
    await list.addFiles([new File([bytes], '询问笔录.pdf', { type: 'application/pdf' })]);
    const items = readEvidence(el.session!);
    expect(items).to.have.length(1);
    expect(items[0]!.title).to.equal('询问笔录');
    expect(items[0]!.pages).to.equal(2);
    expect(items[0]!.sha256).to.equal(await sha256(bytes));
    expect(selected).to.deep.equal([items[0]!.id]);
    await until(() => el.evidenceId === items[0]!.id, 'the viewer opens the new item');
    // The bytes are in the server's store.
    const stored = await fetch(`${base}/evidence/${items[0]!.sha256}?token=${encodeURIComponent(await tokenFor(room, COUNTY_PRESENTER))}`);
    expect(stored.status).to.equal(200);

    await list.addFiles([new File([bytes], 'copy.pdf', { type: 'application/pdf' })]);
    expect(readEvidence(el.session!)).to.have.length(1);
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[role="status"]')!.textContent).to.include('SHA-256');

    await list.addFiles([new File(['just text'], 'notes.txt', { type: 'text/plain' })]);
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[part="error"]')!.textContent).to.include('notes.txt');
    expect(readEvidence(el.session!)).to.have.length(1);
  });

  it('shows each venue’s integrity check and lists participants by venue; a member cannot add evidence', async () => {
    const { base, room } = await prepared('room-roster');
    const presenter = await roomFor(base, room, COUNTY_PRESENTER);
    await until(() => presenter.status === 'synced', 'presenter synced');
    const bytes = makePdf([{ mediaBox: [0, 0, 595, 842], lines: ['Receipt'] }]);
    await inner<HsEvidenceList>(presenter, 'hs-evidence-list').addFiles([new File([bytes], '收据.pdf')]);
    const id = readEvidence(presenter.session!)[0]!.id;

    const member = await roomFor(base, room, CITY_MEMBER);
    await until(() => member.status === 'synced', 'member synced');
    const list = inner<HsEvidenceList>(member, 'hs-evidence-list');
    await until(() => list.shadowRoot?.querySelector(`[data-evidence-id="${id}"]`) !== null, 'the member sees the item');
    expect(list.shadowRoot!.querySelector('[part="add"]')).to.equal(null);
    // The presenter's viewer verified the bytes: the county is "ok" at the member's screen.
    await until(() => list.shadowRoot!.querySelector('[data-venue="county"]')?.getAttribute('data-integrity') === 'ok', 'county integrity ok');
    // Opening it at the member verifies it for the city too.
    (list.shadowRoot!.querySelector(`[data-evidence-id="${id}"]`) as HTMLButtonElement).click();
    await until(() => list.shadowRoot!.querySelector('[data-venue="city"]')?.getAttribute('data-integrity') === 'ok', 'city integrity ok');
    // The timeline records the addition and each venue's check once, for the minutes.
    const system = (code: string) =>
      readTimeline(member.session!).filter((e) => e.kind === 'system' && e.event.code === code && e.event.params?.['evidenceId'] === id);
    await until(() => system('integrity-confirmed').length === 2, 'both venues’ checks in the timeline');
    expect(system('integrity-confirmed').map((e) => e.venue).sort()).to.deep.equal(['city', 'county']);
    expect(system('evidence-added')).to.have.length(1);

    const roster = inner<HsRoster>(member, 'hs-roster');
    await until(() => roster.entries.length === 2, 'both participants in the roster').catch((e: Error) => {
      const states: string[] = [];
      member.session!.awareness.getStates().forEach((st, id) => states.push(`${id}: ${JSON.stringify(st)}`));
      throw new Error(`${e.message}: ${states.join(' | ')}`);
    });
    const venues = Array.from(roster.shadowRoot!.querySelectorAll('[part="venue"]'), (v) => v.getAttribute('data-venue'));
    expect(venues.sort()).to.deep.equal(['city', 'county']);
    const county = roster.entries.find((e) => e.userId === COUNTY_PRESENTER.userId)!;
    expect(county.role).to.equal('presenter');
    expect(roster.shadowRoot!.querySelector('[part="roll-call"]')).to.equal(null, 'only the chair takes a roll call');

    // When the presenter leaves, the member's roster drops them.
    presenter.remove();
    await until(() => roster.entries.length === 1, 'the departed presenter leaves the roster', 15000);
  });

  it('the chair’s roll call is written to the timeline', async () => {
    const { base, room } = await prepared('room-rollcall');
    const chair = await roomFor(base, room, CITY_CHAIR);
    const member = await roomFor(base, room, CITY_MEMBER);
    await until(() => chair.status === 'synced' && member.status === 'synced', 'both synced');
    const roster = inner<HsRoster>(chair, 'hs-roster');
    await until(() => roster.entries.length === 2, 'the member in the chair’s roster');
    await roster.updateComplete;
    (roster.shadowRoot!.querySelector('[part="roll-call"]') as HTMLButtonElement).click();
    await until(() => readTimeline(member.session!).some((e) => e.kind === 'comment' && 'text' in e && String(e.text).includes(CITY_MEMBER.name)), 'the roll call at the member');
  });

  it('goes offline and back, and refuses a token for another room with a clear message', async () => {
    const { base, room } = await prepared('room-states');
    const el = await roomFor(base, room, CITY_MEMBER);
    await until(() => el.status === 'synced', 'synced');
    el.session!.disconnect();
    await until(() => el.status === 'offline', 'offline');
    await el.updateComplete;
    expect(inner(el, '[part="banner"]').textContent).to.include('离线');
    el.session!.reconnect();
    await until(() => el.status === 'synced', 'synced again');

    const other = await tokenFor(freshRoom('other'), CITY_MEMBER);
    const denied = document.createElement('hs-room');
    denied.setAttribute('no-offline-copy', '');
    const reasons: (string | undefined)[] = [];
    denied.addEventListener('hs-room-status-change', (e) => reasons.push(e.reason));
    Object.assign(denied, { serverUrl: base, room, token: other });
    document.body.append(denied);
    rooms.push(denied);
    await until(() => denied.status === 'denied', 'denied', 15000);
    await denied.updateComplete;
    expect(inner(denied, '[part="denied"]').textContent).to.include('无权参加此会审');
    expect(reasons).to.include('forbidden');
  });

  it('collapses panels from their headers, resizes columns from the keyboard, stacks when narrow, and has no axe violations', async () => {
    const { base, room } = await prepared('room-layout');
    const el = await roomFor(base, room, CITY_CHAIR);
    await until(() => el.status === 'synced', 'synced');
    await el.updateComplete;
    const button = inner<HTMLButtonElement>(el, '[part~="panel-camera"] [part="collapse-button"]');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    button.click();
    await el.updateComplete;
    expect(el.getAttribute('collapsed')).to.equal('camera');
    expect(inner(el, '[part~="panel-camera"]').hasAttribute('data-collapsed')).to.equal(true);
    expect(inner<HTMLButtonElement>(el, '[part~="panel-camera"] [part="collapse-button"]').getAttribute('aria-expanded')).to.equal('false');

    const splitter = inner<HTMLElement>(el, '.splitter.start');
    await until(() => el.style.getPropertyValue('--hs-room-start-width') !== '', 'default widths');
    const before = Number.parseInt(el.style.getPropertyValue('--hs-room-start-width'), 10);
    splitter.focus();
    splitter.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await el.updateComplete;
    expect(Number.parseInt(el.style.getPropertyValue('--hs-room-start-width'), 10)).to.equal(before + 16);

    el.style.width = '800px';
    await until(() => el.size === 'compact', 'compact when narrow');
    el.style.width = '1366px';
    await until(() => el.size === 'regular', 'regular again');
    await expect(el).to.be.accessible({ ignoredRules: ['region'] });
  });
});
