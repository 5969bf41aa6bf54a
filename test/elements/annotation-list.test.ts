/**
 * `<hs-annotation-list>` in the in-memory story room, next to a real viewer: the marks by page
 * with kind, author, venue, excerpt and time; keyboard navigation, reveal and deletion where the
 * rights allow; venue layers in the room's `venueLayers`; polite announcements of remote marks;
 * and no axe violations.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { addAnnotation, readAnnotation } from '@huishen/model';
import type { HsEvidenceViewer } from '@huishen/elements';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import '@huishen/elements/annotation-list/hs-annotation-list.js';
import type { HsAnnotationList } from '@huishen/elements/annotation-list/annotation-list.js';
import type { HsAnnotationRevealRequestEvent } from '@huishen/elements/events/annotation-reveal-request-event.js';
import { createStoryRoom, seedCase, type StoryPeer, type StoryRoom } from '../../stories/support/two-peer-room.js';
import { afterEach, before, describe, it } from './support/mocha.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { settled, waitFor } from './support/viewer.js';

async function mount(peer: StoryPeer, evidenceId: string, lang = 'zh-CN'): Promise<{ viewer: HsEvidenceViewer; list: HsAnnotationList }> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}>
    <hs-story-room .room=${peer}>
      <hs-evidence-viewer id="v" evidence-id=${evidenceId} style="--hs-evidence-viewer-height: 500px"></hs-evidence-viewer>
      <hs-annotation-list for="v"></hs-annotation-list>
    </hs-story-room>
  </div>`);
  const viewer = wrapper.querySelector('hs-evidence-viewer')!;
  const list = wrapper.querySelector('hs-annotation-list')!;
  await settled(viewer);
  await list.updateComplete;
  return { viewer, list };
}

const rows = (list: HsAnnotationList) => [...list.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.reveal')];
const row = (list: HsAnnotationList, id: string) => list.shadowRoot!.querySelector<HTMLButtonElement>(`button.reveal[data-id="${id}"]`)!;
const announcer = (list: HsAnnotationList) => list.shadowRoot!.querySelector('.announcer')!.textContent ?? '';

describe('<hs-annotation-list>', () => {
  let room: StoryRoom | undefined;
  before(() => configureTestPdfjs());
  afterEach(() => {
    room?.destroy();
    room = undefined;
  });

  it('lists every mark by page with kind, author, venue, excerpt and time', async () => {
    room = createStoryRoom();
    const { evidence } = await seedCase(room, { documents: 1, pages: 2 });
    const [county, city] = room.peers;
    addAnnotation(city!.doc, { evidenceId: evidence[0]!.id, page: 2, kind: 'stamp', geometry: { at: [100, 100] }, stamp: { code: 'examined', number: 7 } }, city!.origin);
    const { list } = await mount(county!, evidence[0]!.id);
    await waitFor(() => rows(list).length === 7, 2000, 'seven rows');
    const headings = [...list.shadowRoot!.querySelectorAll('h3')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
    expect(headings).to.deep.equal(['第 1 页 6 条', '第 2 页 1 条']);
    const texts = rows(list).map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
    expect(texts.some((t) => /^矩形，李明（县院承办人）（县人民检察院）/.test(t))).to.equal(true);
    expect(texts.some((t) => t.includes('便签，王芳（市院检察官）（市人民检察院）“请核实案发时间”'))).to.equal(true);
    expect(texts[6]).to.include('证据印章').and.include('已质证 7');
    // The presenter's own marks can be deleted; the member's are locked for them.
    const own = list.shadowRoot!.querySelectorAll('.item .delete').length;
    expect(own).to.equal(3);
    expect(texts.filter((t) => t.includes('已锁定'))).to.have.length(4);
  });

  it('is operable by keyboard: arrows move, Enter reveals in the viewer, Delete removes own marks only', async () => {
    room = createStoryRoom();
    const { evidence, annotations } = await seedCase(room, { documents: 1, pages: 1 });
    const [county] = room.peers;
    const { viewer, list } = await mount(county!, evidence[0]!.id);
    await waitFor(() => rows(list).length === 6, 2000, 'six rows');
    expect(rows(list).map((r) => r.tabIndex)).to.deep.equal([0, -1, -1, -1, -1, -1]);
    rows(list)[0]!.focus();
    rows(list)[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await list.updateComplete;
    await list.updateComplete;
    expect(list.shadowRoot!.activeElement).to.equal(rows(list)[1]);
    expect(rows(list)[1]!.tabIndex).to.equal(0);

    const revealed: string[] = [];
    list.addEventListener('hs-annotation-reveal-request', (e) => revealed.push((e as HsAnnotationRevealRequestEvent).annotation.id));
    const picked = rows(list)[1]!.dataset['id']!;
    rows(list)[1]!.click();
    await list.updateComplete;
    expect(revealed).to.deep.equal([picked]);
    expect(rows(list)[1]!.getAttribute('aria-current')).to.equal('true');
    if (viewer.annotationLayer) {
      await waitFor(() => viewer.annotationLayer!.selectedId === picked, 2000, 'the layer to select the mark');
    }

    // The city member's ink (the seed's sixth mark) is locked for the county presenter.
    const locked = row(list, annotations[5]!);
    locked.focus();
    locked.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }));
    await list.updateComplete;
    expect(readAnnotation(county!.doc, annotations[5]!)).to.not.equal(undefined);
    expect(announcer(list)).to.equal('您无权删除这条批注');

    // The presenter's own rectangle (the seed's first mark) is theirs to delete.
    const own = row(list, annotations[0]!);
    own.focus();
    own.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }));
    await list.updateComplete;
    expect(readAnnotation(county!.doc, annotations[0]!)).to.equal(undefined);
    expect(announcer(list)).to.equal('已删除矩形');
    await waitFor(() => rows(list).length === 5, 2000, 'five rows');
  });

  it('shows and hides each venue’s marks through the room’s venue layers', async () => {
    room = createStoryRoom();
    const { evidence } = await seedCase(room, { documents: 1, pages: 1 });
    const [county] = room.peers;
    const { list } = await mount(county!, evidence[0]!.id, 'en');
    await waitFor(() => rows(list).length === 6, 2000, 'six rows');
    const city = list.shadowRoot!.querySelector<HTMLLabelElement>('label[data-venue="city"]')!;
    expect(city.textContent!.replace(/\s+/g, ' ').trim()).to.equal('市人民检察院 (3)');
    city.querySelector('input')!.click();
    await list.updateComplete;
    expect([...county!.venueLayers.hidden]).to.deep.equal(['city']);
    expect(rows(list)).to.have.length(3);
    expect(list.annotations.every((a) => a.venue === 'county')).to.equal(true);
    county!.venueLayers.setVisible('city', true);
    await list.updateComplete;
    expect(rows(list)).to.have.length(6);
  });

  it('announces marks other venues add, politely, and not its own', async () => {
    room = createStoryRoom();
    const { evidence } = await seedCase(room, { documents: 1, pages: 2, annotations: false });
    const [county, city] = room.peers;
    const { list } = await mount(county!, evidence[0]!.id);
    expect(list.shadowRoot!.querySelector('.announcer')!.getAttribute('aria-live')).to.equal('polite');
    addAnnotation(county!.doc, { evidenceId: evidence[0]!.id, page: 1, kind: 'pin', geometry: { at: [1, 1] } }, county!.origin);
    await waitFor(() => rows(list).length === 1, 2000, 'the own mark');
    expect(announcer(list)).to.equal('');
    addAnnotation(city!.doc, { evidenceId: evidence[0]!.id, page: 2, kind: 'ellipse', geometry: { rect: [1, 1, 50, 50] } }, city!.origin);
    await waitFor(() => announcer(list) !== '', 2000, 'an announcement');
    expect(announcer(list)).to.equal('王芳（市院检察官）（市人民检察院）在第 2 页添加了椭圆');
  });

  it('has no axe violations', async () => {
    room = createStoryRoom();
    const { evidence } = await seedCase(room, { documents: 1, pages: 2 });
    const { list } = await mount(room.peers[0]!, evidence[0]!.id);
    await waitFor(() => rows(list).length === 6, 2000, 'six rows');
    await expect(list).to.be.accessible();
  });
});
