/**
 * `<hs-briefing>` hand-off, callout, section timer and accessibility through the REAL room server:
 * the chair (city) hands presenting from the county prosecutor to a city member; the presenter
 * controls move to the new presenter's screen, the old presenter becomes a follower, and the
 * timeline records the hand-off. The presenter shows a callout to everyone; a follower closes it
 * for themselves only. axe finds nothing in the presenter, follower and callout views.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { addAnnotation, addEvidence, addOutlineNode, readBriefing, readTimeline, setPresenter, type Actor } from '@huishen/model';
import type { HsPresenterChangeEvent } from '@huishen/elements/events/presenter-change-event.js';
import { after, before, describe, it } from './support/mocha.js';
import { makePdf } from './support/make-pdf.js';
import { sha256 } from './support/room.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { waitFor } from './support/viewer.js';
import { openSession, regionVisible, roomName, roomServerUrl, tokenFor, uploadEvidence, type Session } from './support/briefing-session.js';

interface Timed {
  timeout(ms: number): void;
}

const chair: Actor = { userId: 'chair1', name: '市院主持人', venue: 'city', role: 'chair' };
const presenter: Actor = { userId: 'p1', name: '县院承办人', venue: 'county', role: 'presenter' };
const member: Actor = { userId: 'm1', name: '市院检察官', venue: 'city', role: 'member' };

function part(session: Session, name: string): HTMLElement | null {
  return session.briefing.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

describe('<hs-briefing> hand-off, callout and accessibility through the room server', () => {
  let base = '';
  const sessions: Session[] = [];
  let c: Session, p: Session, m: Session;
  let nodeId = '';

  before(async function (this: Timed) {
    this.timeout(60_000);
    configureTestPdfjs();
    base = await roomServerUrl();
    const room = roomName('handoff');
    const bytes = makePdf(Array.from({ length: 3 }, (_, i) => ({ mediaBox: [0, 0, 612, 792] as const, lines: [`Exhibit page ${i + 1}`] })));
    const hash = await sha256(bytes);
    await uploadEvidence(base, await tokenFor(room, presenter), hash, bytes);
    c = await openSession(base, room, chair, { color: '#1f6feb', width: 500, height: 400 });
    p = await openSession(base, room, presenter, { color: '#bf3989', width: 600, height: 500 });
    m = await openSession(base, room, member, { color: '#1a7f37', width: 700, height: 500 });
    sessions.push(c, p, m);
    setPresenter(c.doc, presenter.userId, c.origin);
    await waitFor(() => readBriefing(p.doc).presenterId === 'p1', 10_000, 'the presenter to be set');
    addEvidence(p.doc, { id: 'ex1', title: '现场照片', kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256: hash, pages: 3 }, p.origin);
    nodeId = addOutlineNode(p.doc, { kind: 'disputed-points', title: '争议焦点', anchors: [{ evidenceId: 'ex1', page: 2 }] }, p.origin);
    addOutlineNode(p.doc, { kind: 'proposed-decision', title: '处理意见', body: '建议不起诉。' }, p.origin);
    await waitFor(() => readBriefing(m.doc).nodes.length === 2 && readBriefing(c.doc).nodes.length === 2, 10_000, 'the outline to arrive');
  });

  after(() => sessions.forEach((s) => s.destroy()));

  it('the presenter and the chair see the timer and roster; a member sees neither', async function (this: Timed) {
    this.timeout(30_000);
    p.briefing.present(nodeId);
    await waitFor(() => m.viewer.page === 2 && m.viewer.status === 'ready', 10_000, 'the member to follow');
    // The viewer may follow the presenter's presence before the stored document update arrives.
    await waitFor(() => [m, c].every((s) => readTimeline(s.doc).some((e) => e.kind === 'agenda')), 10_000, 'the agenda entry everywhere');
    await Promise.all(sessions.map((s) => s.briefing.updateComplete));
    expect(part(p, 'timer')).to.not.equal(null);
    expect(part(c, 'timer')).to.not.equal(null);
    expect(part(m, 'timer')).to.equal(null);
    expect(part(p, 'roster')).to.not.equal(null);
    expect(part(m, 'roster')).to.equal(null);
    expect(part(c, 'hand-off')).to.not.equal(null);
    expect(part(p, 'hand-off')).to.equal(null, 'only the chair hands off');
    expect(readTimeline(m.doc).filter((e) => e.kind === 'agenda').length).to.equal(1);
  });

  it('the chair hands presenting over; controls move; the timeline records it', async function (this: Timed) {
    this.timeout(30_000);
    const changes: HsPresenterChangeEvent[] = [];
    m.briefing.addEventListener('hs-presenter-change', (e) => changes.push(e));
    const form = part(c, 'hand-off') as HTMLFormElement;
    const select = form.querySelector('select')!;
    await waitFor(() => [...select.options].some((o) => o.value === 'm1'), 10_000, 'the member in the hand-off list');
    select.value = 'm1';
    form.requestSubmit();
    await waitFor(() => m.briefing.briefingRole === 'presenter' && p.briefing.briefingRole === 'follower', 10_000, 'the roles to swap');
    await Promise.all(sessions.map((s) => s.briefing.updateComplete));
    expect(m.briefing.canDrive).to.equal(true);
    expect(p.briefing.canDrive).to.equal(false);
    expect(part(m, 'roster')).to.not.equal(null);
    expect(part(p, 'roster')).to.equal(null);
    expect(part(p, 'follow-bar')?.dataset['state']).to.equal('following');
    expect(part(m, 'follow-bar')).to.equal(null);
    expect(changes.map((e) => [e.presenterId, e.previousPresenterId, e.isLocalPresenter])).to.deep.equal([['m1', 'p1', true]]);
    // Besides the venues' integrity checks (written by their viewers), the hand-off is the one system entry.
    const system = readTimeline(p.doc).filter((e) => e.kind === 'system' && !e.event.code.startsWith('integrity-'));
    expect(system.length).to.equal(1);
    const entry = system[0]!;
    expect(entry.kind === 'system' && entry.event.code).to.equal('presenter-changed');
    expect(entry.kind === 'system' && entry.event.params).to.deep.equal({ presenter: 'm1', presenterName: '市院检察官', previous: 'p1' });

    // The new presenter drives with the keyboard; the former presenter follows.
    part(m, 'node-button')!.focus();
    await sendKeys({ press: 'PageDown' });
    await waitFor(() => readBriefing(p.doc).position?.by === 'm1', 10_000, 'the new presenter’s move to arrive');
  });

  it('the presenter shows a callout to every follower; a follower closes it for themselves', async function (this: Timed) {
    this.timeout(30_000);
    const rect: [number, number, number, number] = [100, 500, 300, 600];
    const calloutId = addAnnotation(m.doc, { evidenceId: 'ex1', page: 2, kind: 'callout', geometry: { rect }, text: '注意签名处' }, m.origin);
    m.briefing.present(nodeId); // back to the node anchored on page 2, where the callout is
    await m.briefing.updateComplete;
    const show = part(m, 'callout-button')!;
    expect(show.textContent).to.contain('注意签名处');
    expect(show.getAttribute('aria-pressed')).to.equal('false');
    show.click();
    await waitFor(() => !!part(p, 'callout') && !!part(c, 'callout'), 10_000, 'the callout at the followers');
    expect(part(m, 'callout')).to.equal(null, 'the presenter does not see their own callout box');
    const box = part(p, 'callout')!;
    expect(box.textContent).to.contain('注意签名处');
    const magnified = box.querySelector('hs-evidence-viewer')!;
    await waitFor(() => magnified.status === 'ready' && regionVisible(magnified, 2, rect), 10_000, 'the magnified region').catch((e: Error) => {
      const vp = magnified.shadowRoot?.querySelector('[part~="viewport"]')?.getBoundingClientRect();
      throw new Error(`${e.message}: ${magnified.status} zoom ${magnified.zoomFactor} page ${magnified.page} vp ${JSON.stringify(vp)} page2 ${JSON.stringify(magnified.pageElement(2)?.getBoundingClientRect())}`);
    });
    await expect(p.briefing).to.be.accessible();
    box.querySelector<HTMLButtonElement>('.callout-head button')!.click();
    await p.briefing.updateComplete;
    expect(part(p, 'callout')).to.equal(null);
    expect(part(c, 'callout')).to.not.equal(null, 'closing is local');
    expect(readBriefing(c.doc).position?.calloutId).to.equal(calloutId);
    await m.briefing.updateComplete;
    expect(part(m, 'callout-button')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('presenter, chair and follower views have no axe violations', async function (this: Timed) {
    this.timeout(30_000);
    for (const s of sessions) {
      await s.briefing.updateComplete;
      await expect(s.briefing).to.be.accessible();
    }
  });
});
