/**
 * `<hs-briefing>` follow-the-presenter through the REAL room server (WTR plugin): three screens
 * — a county presenter and two followers with different viewer sizes — each with its own doc,
 * presence and socket. The presenter steps with the keyboard; each follower's viewer lands on
 * the presenter's page with the anchored region wholly visible at its own size; a follower who
 * scrolls breaks away, the presenter's roster says so, and one click brings them back.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { addEvidence, addOutlineNode, readBriefing, readTimeline, setPresenter, type Actor } from '@huishen/model';
import { after, before, describe, it } from './support/mocha.js';
import { makePdf } from './support/make-pdf.js';
import { sha256 } from './support/room.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { waitFor } from './support/viewer.js';
import { openSession, regionVisible, roomName, roomServerUrl, tokenFor, uploadEvidence, type Session } from './support/briefing-session.js';

const chair: Actor = { userId: 'chair1', name: '市院主持人', venue: 'city', role: 'chair' };
const presenter: Actor = { userId: 'p1', name: '县院承办人', venue: 'county', role: 'presenter' };
const cityMember: Actor = { userId: 'm1', name: '市院检察官', venue: 'city', role: 'member' };
const countyMember: Actor = { userId: 'm2', name: '县院检察官', venue: 'county', role: 'member' };

/** Mocha's test context, for a longer timeout. */
interface Timed {
  timeout(ms: number): void;
}

const REGION: [number, number, number, number] = [72, 300, 540, 480];

function rosterState(session: Session, userId: string): string | undefined {
  return session.briefing.shadowRoot?.querySelector<HTMLElement>(`[part~="roster"] li[data-user="${userId}"]`)?.dataset['state'];
}

function part(session: Session, name: string): HTMLElement | null {
  return session.briefing.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

describe('<hs-briefing> follow-the-presenter through the room server', () => {
  let base = '';
  const sessions: Session[] = [];
  let p: Session, a: Session, b: Session;
  let factsId = '', listId = '';

  before(async function (this: Timed) {
    this.timeout(60_000);
    configureTestPdfjs();
    base = await roomServerUrl();
    const room = roomName('briefing');
    const bytes = makePdf(Array.from({ length: 6 }, (_, i) => ({ mediaBox: [0, 0, 612, 792] as const, lines: [`Exhibit page ${i + 1}`] })));
    const hash = await sha256(bytes);
    await uploadEvidence(base, await tokenFor(room, presenter), hash, bytes);

    const c = await openSession(base, room, chair, { color: '#1f6feb', width: 500, height: 400 });
    sessions.push(c);
    setPresenter(c.doc, presenter.userId, c.origin);
    p = await openSession(base, room, presenter, { color: '#bf3989', width: 700, height: 600 });
    a = await openSession(base, room, cityMember, { color: '#1a7f37', width: 800, height: 600 });
    b = await openSession(base, room, countyMember, { color: '#9a6700', width: 420, height: 700 });
    sessions.push(p, a, b);
    c.destroy();
    sessions.splice(0, 1);
    await waitFor(() => readBriefing(p.doc).presenterId === 'p1', 10_000, 'the presenter to be set');
    addEvidence(p.doc, { id: 'ex1', title: '讯问笔录', kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256: hash, pages: 6 }, p.origin);
    factsId = addOutlineNode(p.doc, { kind: 'facts', title: '案件事实', body: '经审查查明：\n\n- 第一点\n- 第二点' }, p.origin);
    listId = addOutlineNode(
      p.doc,
      { kind: 'evidence-list', title: '证据目录', anchors: [{ evidenceId: 'ex1', page: 2 }, { evidenceId: 'ex1', page: 4, region: REGION }] },
      p.origin,
    );
    for (const s of [a, b]) await waitFor(() => readBriefing(s.doc).nodes.length === 2, 10_000, 'the outline to reach the followers');
  });

  after(() => sessions.forEach((s) => s.destroy()));

  it('renders the outline with real paragraphs and lists, and the roles', async function (this: Timed) {
    this.timeout(30_000);
    await p.briefing.updateComplete;
    expect(p.briefing.getAttribute('role-mode')).to.equal('presenter');
    expect(a.briefing.getAttribute('role-mode')).to.equal('follower');
    const body = a.briefing.shadowRoot!.querySelector(`[data-node="${factsId}"] [part~="node-body"]`)!;
    expect(body.querySelector('p')?.textContent?.trim()).to.equal('经审查查明：');
    expect([...body.querySelectorAll('li')].map((li) => li.textContent?.trim())).to.deep.equal(['第一点', '第二点']);
    expect(part(p, 'follow-bar')).to.equal(null, 'the presenter follows nobody');
    expect(part(a, 'follow-bar')?.dataset['state']).to.equal('following');
  });

  it('keyboard-only presenting moves every follower to the page, and the anchored region fits each screen', async function (this: Timed) {
    this.timeout(30_000);
    // Focus the first node's button, then step like a presenter remote: PageDown, PageDown, ArrowDown.
    part(p, 'node-button')!.focus();
    await sendKeys({ press: 'PageDown' }); // 案件事实 (no anchors)
    await waitFor(() => readBriefing(a.doc).position?.nodeId === factsId, 10_000, 'the first node to reach the follower');
    await sendKeys({ press: 'PageDown' }); // 证据目录, anchor 0: page 2
    for (const s of [a, b]) {
      await waitFor(() => s.viewer.status === 'ready' && s.viewer.page === 2, 15_000, `${s.actor.userId} on page 2`).catch((e: Error) => {
        throw new Error(`${e.message}: page ${s.viewer.page}, status ${s.viewer.status}, evidence ${s.viewer.evidenceId}, position ${JSON.stringify(readBriefing(s.doc).position)}`);
      });
    }
    await sendKeys({ press: 'ArrowDown' }); // anchor 1: page 4, region
    for (const s of [p, a, b]) {
      await waitFor(() => s.viewer.page === 4 && regionVisible(s.viewer, 4, REGION), 15_000, `${s.actor.userId} showing the region of page 4`).catch((e: Error) => {
        throw new Error(`${e.message}: page ${s.viewer.page}, status ${s.viewer.status}, zoom ${s.viewer.zoomFactor}, position ${JSON.stringify(readBriefing(s.doc).position)}`);
      });
    }
    expect(a.viewer.zoomFactor).to.not.be.closeTo(b.viewer.zoomFactor, 0.01, 'each screen fits the region at its own size');
    // Presence (the presenter's view) may arrive before the document (stored, then relayed).
    await waitFor(() => readBriefing(a.doc).position?.anchor === 1, 10_000, 'the position to reach the follower’s document');
    const position = readBriefing(a.doc).position!;
    expect(position).to.include({ nodeId: listId, anchor: 1, evidenceId: 'ex1', page: 4 });
    expect(a.briefing.followState).to.equal('following');
    expect(b.briefing.followState).to.equal('following');
  });

  it('a presenter remote’s PageUp/PageDown step the briefing while the presenter’s viewer has focus', async function (this: Timed) {
    this.timeout(30_000);
    const viewport = p.viewer.shadowRoot!.querySelector<HTMLElement>('[part~="viewport"]')!;
    viewport.focus();
    await sendKeys({ press: 'PageUp' }); // back to anchor 0: page 2
    await waitFor(() => readBriefing(a.doc).position?.anchor === 0 && readBriefing(a.doc).position?.page === 2, 10_000, 'the step back to reach the follower');
    await sendKeys({ press: 'PageDown' }); // anchor 1 again
    await waitFor(() => readBriefing(a.doc).position?.anchor === 1, 10_000, 'the step forward to reach the follower');
    // A follower's PageDown in their own viewer scrolls it; it does not move the presenter.
    a.viewer.shadowRoot!.querySelector<HTMLElement>('[part~="viewport"]')!.focus();
    await sendKeys({ press: 'PageDown' });
    expect(readBriefing(p.doc).position?.anchor).to.equal(1);
    // Leave the follower following for the tests after this one.
    a.briefing.rejoin();
    await waitFor(() => a.briefing.followState === 'following', 10_000, 'the follower following again');
  });

  it('a follower who moves on in their viewer breaks away; the presenter sees it; one click returns', async function (this: Timed) {
    this.timeout(30_000);
    await waitFor(() => rosterState(p, 'm1') === 'following' && rosterState(p, 'm2') === 'following', 10_000, 'both followers following in the roster');
    const viewport = a.viewer.shadowRoot!.querySelector<HTMLElement>('[part~="viewport"]')!;
    viewport.focus();
    // The reader moves on in their own viewer: `n` (next page) jumps at once, unlike the animated
    // scroll of End or Page Down, so nothing the test does races it.
    await sendKeys({ press: 'n' });
    await waitFor(() => a.briefing.followState === 'diverged', 10_000, 'the follower to break away');
    await waitFor(() => a.viewer.page === 5, 10_000, 'the follower on the next page');
    await waitFor(() => rosterState(p, 'm1') === 'diverged', 10_000, 'the roster to show the break-away');
    expect(rosterState(p, 'm2')).to.equal('following');
    await a.briefing.updateComplete;
    expect(part(a, 'follow-bar')?.dataset['state']).to.equal('diverged');

    // Meanwhile the presenter goes back a stop: the diverged follower stays where they are.
    part(p, 'node-button')!.focus();
    await sendKeys({ press: 'PageUp' });
    await waitFor(() => b.viewer.page === 2, 10_000, 'the other follower to follow');
    expect(a.viewer.page).to.not.equal(2);

    part(a, 'return-button')!.click();
    await waitFor(() => a.viewer.page === 2 && a.briefing.followState === 'following', 10_000, 'the follower to return');
    await waitFor(() => rosterState(p, 'm1') === 'following', 10_000, 'the roster to show the return');
  });

  it('a follower may turn following off; the presenter’s moves then leave them alone', async function (this: Timed) {
    this.timeout(30_000);
    await b.briefing.updateComplete;
    part(b, 'follow-toggle')!.click();
    await waitFor(() => b.briefing.followState === 'off', 5_000, 'following turned off');
    part(p, 'node-button')!.focus();
    await sendKeys({ press: 'PageDown' });
    await waitFor(() => a.viewer.page === 4, 10_000, 'the follower who follows to move');
    expect(b.viewer.page).to.equal(2);
    await waitFor(() => rosterState(p, 'm2') === 'diverged', 10_000, 'the roster to show m2 not following');
    part(b, 'return-button')!.click();
    await waitFor(() => b.viewer.page === 4 && regionVisible(b.viewer, 4, REGION), 10_000, 'the follower back on the region');
  });

  it('a member cannot move the presenter position: no controls act, and the server refuses a forced write', async function (this: Timed) {
    this.timeout(30_000);
    const before = readBriefing(a.doc).position;
    expect(a.briefing.canDrive).to.equal(false);
    part(a, 'node-button')!.focus();
    await sendKeys({ press: 'PageDown' });
    a.briefing.present(factsId);
    expect(readBriefing(a.doc).position).to.deep.equal(before, 'the UI wrote nothing');

    // A forced raw write from the member's screen: the server rejects it and relays nothing.
    const { movePresenter } = await import('@huishen/model');
    movePresenter(a.doc, { nodeId: factsId }, a.origin);
    await waitFor(() => a.rejected.length > 0, 10_000, 'the server to reject the write');
    expect(a.rejected[0]!.reason).to.be.a('string');
    // A write the presenter makes afterwards arrives: the member's refused one never did.
    const { setPresenterPosition } = await import('@huishen/model');
    setPresenterPosition(p.doc, { nodeId: listId, anchor: 1, evidenceId: 'ex1', page: 4, region: REGION }, p.origin);
    await waitFor(() => readBriefing(b.doc).position?.at === readBriefing(p.doc).position?.at, 10_000, 'the presenter’s write to arrive');
    expect(readBriefing(b.doc).position?.by).to.equal('p1');
    // Had the server relayed the member's write, its agenda entry would have reached b before this.
    // (A member's viewer does record its venue's integrity check; nothing else of theirs may land.)
    const byMember = (e: ReturnType<typeof readTimeline>[number]) => e.author === 'm1' && !(e.kind === 'system' && e.event.code.startsWith('integrity-'));
    expect(readTimeline(b.doc).filter(byMember)).to.deep.equal([]);
    expect(readTimeline(p.doc).filter(byMember)).to.deep.equal([]);
  });
});
