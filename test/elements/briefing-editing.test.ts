/**
 * Editing the outline in `<hs-briefing>`, in the stories' in-memory room (real Y.Docs and
 * presence per peer, relayed like the server would): add, edit, reorder by keyboard and by drag,
 * anchor the current view, remove; a member gets no editing controls; bodies are text, never HTML.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html, render } from 'lit';
import { addOutlineNode, readBriefing, readEvidence, setPresenter } from '@huishen/model';
import '@huishen/elements/briefing/hs-briefing.js';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import type { HsBriefing } from '@huishen/elements/briefing/briefing.js';
import type { HsEvidenceViewer } from '@huishen/elements';
import { createStoryRoom, seedCase, STORY_ACTORS, type StoryPeer, type StoryRoom } from '../../stories/support/two-peer-room.js';
import { after, before, describe, it } from './support/mocha.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { settled, waitFor } from './support/viewer.js';

/** Presses `key` with Alt held, as a real keyboard would. */
async function altPress(key: string): Promise<void> {
  await sendKeys({ down: 'Alt' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Alt' });
}

interface Timed {
  timeout(ms: number): void;
}

describe('<hs-briefing> editing the outline', () => {
  let room: StoryRoom;
  let host: HTMLDivElement;
  let presenter: HsBriefing, member: HsBriefing;
  let viewer: HsEvidenceViewer;
  let evidenceId = '';

  const titles = (b: HsBriefing) => readBriefing(b.room!.doc).nodes.map((n) => n.title);
  const node = (b: HsBriefing, title: string) =>
    [...b.shadowRoot!.querySelectorAll<HTMLElement>('[part~="node"]')].find((n) => n.querySelector('[part~="node-button"]')?.textContent?.trim() === title)!;

  before(async function (this: Timed) {
    this.timeout(30_000);
    configureTestPdfjs();
    room = createStoryRoom({ peers: [{ actor: STORY_ACTORS.countyPresenter }, { actor: STORY_ACTORS.cityMember }, { actor: STORY_ACTORS.cityChair }] });
    const { evidence } = await seedCase(room, { pages: 4, annotations: false });
    evidenceId = evidence[0]!.id;
    const [p, m, c] = room.peers as [StoryPeer, StoryPeer, StoryPeer];
    setPresenter(c.doc, p.actor.userId, c.origin);
    addOutlineNode(p.doc, { kind: 'facts', title: '案件事实', body: '<img src=x onerror="window.__pwned=1">\n\n- <b>不是粗体</b>' }, p.origin);
    addOutlineNode(p.doc, { kind: 'disputed-points', title: '争议焦点' }, p.origin);
    host = document.createElement('div');
    document.body.append(host);
    const screen = (peer: StoryPeer, id: string) => html`<hs-story-room .room=${peer} lang="zh-CN">
      <hs-briefing for=${id} editing></hs-briefing>
      <div style="width: 600px"><hs-evidence-viewer id=${id} zoom="1" evidence-id=${evidenceId} style="--hs-evidence-viewer-height: 400px"></hs-evidence-viewer></div>
    </hs-story-room>`;
    render(html`${screen(p, 'edit-p')}${screen(m, 'edit-m')}`, host);
    [presenter, member] = [...host.querySelectorAll('hs-briefing')] as [HsBriefing, HsBriefing];
    viewer = host.querySelector<HsEvidenceViewer>('#edit-p')!;
    await settled(viewer);
    await presenter.updateComplete;
  });

  after(() => {
    host.remove();
    room.destroy();
  });

  it('bodies are shown as text: markup in a body is never HTML', () => {
    const body = node(presenter, '案件事实').querySelector('[part~="node-body"]')!;
    expect(body.querySelector('img')).to.equal(null);
    expect(body.querySelector('b')).to.equal(null);
    expect(body.querySelector('p')!.textContent).to.contain('<img src=x');
    expect(body.querySelector('li')!.textContent).to.equal('<b>不是粗体</b>');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('a member gets no editing controls, even with `editing` set', async () => {
    await member.updateComplete;
    expect(member.canEdit).to.equal(false);
    expect(member.shadowRoot!.querySelector('[part~="add-node"]')).to.equal(null);
    expect(member.shadowRoot!.querySelector('[part~="editor"]')).to.equal(null);
    expect(presenter.shadowRoot!.querySelector('[part~="add-node"]')).to.not.equal(null);
  });

  it('the editing view has no axe violations', async () => {
    await expect(presenter).to.be.accessible();
  });

  it('adds a node with the form and edits its title, kind and body', async () => {
    const form = presenter.shadowRoot!.querySelector<HTMLFormElement>('[part~="add-node"]')!;
    (form.elements.namedItem('kind') as HTMLSelectElement).value = 'proposed-decision';
    (form.elements.namedItem('title') as HTMLInputElement).value = '  处理意见  ';
    form.requestSubmit();
    await waitFor(() => titles(member).length === 3, 5000, 'the new node at the member');
    expect(readBriefing(member.room!.doc).nodes[2]).to.include({ kind: 'proposed-decision', title: '处理意见' });
    await presenter.updateComplete;
    const editor = node(presenter, '处理意见').querySelector('[part~="editor"]')!;
    const title = editor.querySelector('input')!;
    title.value = '处理意见（草）';
    title.dispatchEvent(new Event('change'));
    const body = editor.querySelector('textarea')!;
    body.value = '建议起诉。';
    body.dispatchEvent(new Event('change'));
    await waitFor(() => readBriefing(member.room!.doc).nodes[2]?.body === '建议起诉。', 5000, 'the edit at the member');
    expect(titles(member)[2]).to.equal('处理意见（草）');
    // An empty title is refused, not stored.
    await presenter.updateComplete;
    const again = node(presenter, '处理意见（草）').querySelector<HTMLInputElement>('[part~="editor"] input')!;
    again.value = '   ';
    again.dispatchEvent(new Event('change'));
    expect(titles(presenter)[2]).to.equal('处理意见（草）');
  });

  it('reorders with Alt+ArrowDown/Up on a node and by dragging', async () => {
    node(presenter, '案件事实').querySelector<HTMLElement>('[part~="node-button"]')!.focus();
    await altPress('ArrowDown');
    await waitFor(() => titles(member)[1] === '案件事实', 5000, 'the keyboard move');
    expect(titles(presenter)).to.deep.equal(['争议焦点', '案件事实', '处理意见（草）']);
    expect(presenter.shadowRoot!.activeElement?.textContent?.trim()).to.equal('案件事实', 'focus stays on the moved node');
    await altPress('ArrowUp');
    await waitFor(() => titles(presenter)[0] === '案件事实', 5000, 'the move back');

    await presenter.updateComplete;
    const from = node(presenter, '处理意见（草）');
    const to = node(presenter, '案件事实');
    const data = new DataTransfer();
    from.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true, composed: true }));
    to.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    to.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => titles(member)[0] === '处理意见（草）', 5000, 'the dragged node first');
  });

  it('anchors the current view (evidence, page, visible region) and removes anchors and nodes', async () => {
    viewer.goToPage(3);
    await waitFor(() => viewer.page === 3 && presenter.follow.lastView?.page === 3, 5000, 'the viewer on page 3');
    await presenter.updateComplete;
    const button = [...node(presenter, '争议焦点').querySelectorAll('button')].find((b) => b.textContent?.trim() === '关联当前视图')!;
    button.click();
    await waitFor(() => (readBriefing(member.room!.doc).nodes.find((n) => n.title === '争议焦点')?.anchors.length ?? 0) === 1, 5000, 'the anchor');
    const anchor = readBriefing(member.room!.doc).nodes.find((n) => n.title === '争议焦点')!.anchors[0]!;
    expect(anchor).to.include({ evidenceId, page: 3 });
    expect(anchor.region).to.have.length(4);
    await presenter.updateComplete;
    expect(node(presenter, '争议焦点').querySelector('[part~="anchor"]')!.textContent).to.contain('第 3 页');

    const remove = node(presenter, '争议焦点').querySelector<HTMLButtonElement>('[aria-label^="删除关联"]')!;
    remove.click();
    await waitFor(() => readBriefing(member.room!.doc).nodes.find((n) => n.title === '争议焦点')?.anchors.length === 0, 5000, 'the anchor removed');
    await presenter.updateComplete;
    [...node(presenter, '争议焦点').querySelectorAll('button')].find((b) => b.textContent?.trim() === '删除此节')!.click();
    await waitFor(() => titles(member).length === 2, 5000, 'the node removed');
  });

  it('the presenter’s steps move the member’s viewer in the in-memory room too', async () => {
    const first = readBriefing(presenter.room!.doc).nodes[0]!;
    presenter.outline.editNode(first.id, { anchors: [{ evidenceId, page: 4 }] });
    presenter.present(first.id);
    const memberViewer = host.querySelector<HsEvidenceViewer>('#edit-m')!;
    await waitFor(() => memberViewer.page === 4, 5000, 'the member on page 4');
    expect(member.followState).to.equal('following');
  });

  it('a follower whose viewer opens other evidence breaks away; `f` in the viewer returns', async function (this: Timed) {
    this.timeout(20_000);
    const memberViewer = host.querySelector<HsEvidenceViewer>('#edit-m')!;
    const other = readEvidence(room.peers[1]!.doc).find((e) => e.id !== evidenceId);
    expect(other, 'the seeded case has a second document').to.not.equal(undefined);
    const changes: string[] = [];
    member.addEventListener('hs-follow-change', (e) => changes.push(`${e.previousState}>${e.state}:${e.cause}`));
    memberViewer.evidenceId = other!.id; // the portal opens another document in this viewer
    await settled(memberViewer);
    await waitFor(() => member.followState === 'diverged', 5000, 'the break-away');
    memberViewer.shadowRoot!.querySelector<HTMLElement>('[part~="viewport"]')!.focus();
    await sendKeys({ press: 'f' });
    await waitFor(() => member.followState === 'following' && memberViewer.evidenceId === evidenceId, 5000, 'the return');
    await waitFor(() => memberViewer.status === 'ready' && memberViewer.page === 4, 10_000, 'back on the presenter’s page');
    expect(changes).to.deep.equal(['following>diverged:user', 'diverged>following:user']);
  });

  it('a follower who opens an anchor looks at it alone (a break-away) and returns with the bar', async function (this: Timed) {
    this.timeout(20_000);
    const memberViewer = host.querySelector<HsEvidenceViewer>('#edit-m')!;
    const first = readBriefing(presenter.room!.doc).nodes[0]!;
    presenter.outline.editNode(first.id, { anchors: [{ evidenceId, page: 4 }, { evidenceId, page: 1 }] });
    await member.updateComplete;
    const anchors = node(member, first.title).querySelectorAll<HTMLButtonElement>('[part~="anchor"]');
    expect(anchors.length).to.equal(2);
    anchors[1]!.click();
    await waitFor(() => memberViewer.page === 1 && member.followState === 'diverged', 5000, 'the member alone on page 1');
    expect(readBriefing(member.room!.doc).position?.anchor ?? 0, 'a member never moves the presenter').to.equal(0);
    await member.updateComplete;
    member.shadowRoot!.querySelector<HTMLButtonElement>('[part~="return-button"]')!.click();
    await waitFor(() => memberViewer.page === 4 && member.followState === 'following', 5000, 'back with the presenter');
  });
});
