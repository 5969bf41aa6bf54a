/**
 * `<hs-presence>` over a real `<hs-evidence-viewer>` in the in-memory story room: remote pointers
 * drawn where the peer points (PDF coordinates through the page geometry, at any rotation), the
 * local pointer published in PDF coordinates, the laser (held key, property) seen by others and
 * never stored, and a departed peer's pointer removed.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { readPeers, setPresence } from '@huishen/model';
import type { HsEvidenceViewer } from '@huishen/elements';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import '@huishen/elements/presence/hs-presence.js';
import type { HsPresence } from '@huishen/elements/presence/presence.js';
import type { HsLaserChangeEvent } from '@huishen/elements/events/laser-change-event.js';
import { pageBoxSize, pdfToCss } from '@huishen/elements/pdf/geometry.js';
import * as Y from 'yjs';
import { createStoryRoom, seedCase, type StoryPeer, type StoryRoom } from '../../stories/support/two-peer-room.js';
import { afterEach, before, describe, it } from './support/mocha.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { settled, waitFor } from './support/viewer.js';

async function mount(peer: StoryPeer, evidenceId: string, rotation = 0): Promise<{ viewer: HsEvidenceViewer; presence: HsPresence }> {
  const wrapper = await fixture<HTMLElement>(html`<div lang="zh-CN" style="width: 700px">
    <hs-story-room .room=${peer}>
      <hs-evidence-viewer id="v" evidence-id=${evidenceId} rotation=${rotation} no-annotations style="--hs-evidence-viewer-height: 900px"></hs-evidence-viewer>
      <hs-presence for="v"></hs-presence>
    </hs-story-room>
  </div>`);
  const viewer = wrapper.querySelector('hs-evidence-viewer')!;
  const presence = wrapper.querySelector('hs-presence')!;
  await settled(viewer);
  return { viewer, presence };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('<hs-presence>', () => {
  let room: StoryRoom | undefined;
  before(() => configureTestPdfjs());
  afterEach(() => {
    room?.destroy();
    room = undefined;
  });

  for (const rotation of [0, 90, 180, 270]) {
    it(`draws a remote pointer at the peer’s PDF point, with name and role (rotation ${rotation})`, async () => {
      room = createStoryRoom();
      const { evidence } = await seedCase(room, { documents: 1, pages: 2, annotations: false, pageSize: [612, 792] });
      const [county, city] = room.peers;
      const { viewer, presence } = await mount(county!, evidence[0]!.id, rotation);
      setPresence(city!.awareness, 'cursor', { evidenceId: evidence[0]!.id, page: 1, x: 100, y: 700 });
      await waitFor(() => (presence.overlay(1)?.drawn.size ?? 0) === 1, 4000, 'the remote pointer');
      const drawn = [...presence.overlay(1)!.drawn.values()][0]!;
      const geometry = viewer.pageGeometry(1)!;
      const [left, top] = pdfToCss(geometry, [100, 700]);
      const box = pageBoxSize(geometry);
      expect(drawn.left).to.be.closeTo((left / box.width) * 100, 0.01);
      expect(drawn.top).to.be.closeTo((top / box.height) * 100, 0.01);
      expect(drawn.label).to.equal('王芳（市院检察官） · 参会检察官');
      // On screen, the arrow's tip is where that PDF point is drawn.
      const pointer = viewer.pageElement(1)!.querySelector('.hs-presence-page')!.shadowRoot!.querySelector<HTMLElement>('.pointer')!;
      const tip = pointer.getBoundingClientRect();
      const pageBox = viewer.pageElement(1)!.getBoundingClientRect();
      expect(tip.left + 1 - pageBox.left).to.be.closeTo(left, 1.5);
      expect(tip.top + 1 - pageBox.top).to.be.closeTo(top, 1.5);
    });
  }

  it('publishes the local pointer in PDF coordinates, once per frame, and clears it on leave', async () => {
    room = createStoryRoom();
    const { evidence } = await seedCase(room, { documents: 1, pages: 1, annotations: false });
    const [county, city] = room.peers;
    const { viewer } = await mount(county!, evidence[0]!.id);
    const box = viewer.pageElement(1)!.getBoundingClientRect();
    const clientX = box.left + box.width * 0.25;
    const clientY = box.top + box.height * 0.5;
    let updates = 0;
    county!.awareness.on('update', () => updates++);
    for (let i = 0; i < 5; i++) viewer.dispatchEvent(new PointerEvent('pointermove', { clientX, clientY: clientY + i, bubbles: true, composed: true }));
    await frame();
    await frame();
    expect(updates).to.equal(1);
    const expected = viewer.pagePointAt(clientX, clientY + 4)!;
    const seen = readPeers(city!.awareness)[0]!;
    expect(seen.cursor!.page).to.equal(1);
    expect(seen.cursor!.x).to.be.closeTo(expected.x, 0.051);
    expect(seen.cursor!.y).to.be.closeTo(expected.y, 0.051);
    viewer.dispatchEvent(new PointerEvent('pointerleave'));
    await frame();
    await frame();
    expect(readPeers(city!.awareness)[0]!.cursor).to.equal(null);
  });

  it('shares the laser while L is held; peers see it and hear it announced; nothing is stored', async () => {
    room = createStoryRoom();
    const { evidence } = await seedCase(room, { documents: 1, pages: 1, annotations: false });
    const [county, city] = room.peers;
    const { viewer, presence } = await mount(county!, evidence[0]!.id);
    const cityView = await mount(city!, evidence[0]!.id);
    const before = Y.encodeStateVector(county!.doc);
    const changes: boolean[] = [];
    presence.addEventListener('hs-laser-change', (e) => changes.push((e as HsLaserChangeEvent).active));
    const box = viewer.pageElement(1)!.getBoundingClientRect();
    viewer.dispatchEvent(new PointerEvent('pointermove', { clientX: box.left + 50, clientY: box.top + 60 }));
    viewer.dispatchEvent(new KeyboardEvent('keydown', { key: 'l', bubbles: true, composed: true }));
    await presence.updateComplete;
    expect(presence.laser).to.equal(true);
    expect(presence.hasAttribute('laser')).to.equal(true);
    await waitFor(() => readPeers(city!.awareness)[0]?.laser != null, 2000, 'the laser to reach the city venue');
    await waitFor(() => (cityView.presence.overlay(1)?.laserDots ?? 0) > 0, 2000, 'the laser dot');
    await waitFor(() => cityView.presence.shadowRoot!.textContent!.includes('正在用激光笔指示第 1 页'), 2000, 'the announcement');
    viewer.dispatchEvent(new KeyboardEvent('keyup', { key: 'l', bubbles: true, composed: true }));
    await presence.updateComplete;
    await waitFor(() => readPeers(city!.awareness)[0]?.laser == null, 2000, 'the laser to stop');
    await waitFor(() => cityView.presence.overlay(1)?.laserDots === 0, 2000, 'the trail to fade');
    expect(changes).to.deep.equal([true, false]);
    expect(Y.encodeStateVector(county!.doc)).to.deep.equal(before);
  });

  it('removes a departed peer’s pointer', async () => {
    room = createStoryRoom();
    const { evidence } = await seedCase(room, { documents: 1, pages: 1, annotations: false });
    const [county, city] = room.peers;
    const { presence } = await mount(county!, evidence[0]!.id);
    setPresence(city!.awareness, 'cursor', { evidenceId: evidence[0]!.id, page: 1, x: 100, y: 100 });
    await waitFor(() => presence.overlay(1)?.drawn.size === 1, 2000, 'the pointer');
    room.setOnline(1, false);
    await waitFor(() => presence.overlay(1)?.drawn.size === 0, 1000, 'the pointer to go');
  });
});
