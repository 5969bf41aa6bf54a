/**
 * `<hs-briefing>` in the in-memory two-peer room (stories/support/two-peer-room.ts): the county
 * presenter's screen beside a city member's (and, for the hand-off story, the city chair's). Every
 * screen has its own doc and presence; the room relays between them like the server would, so a
 * step on the presenter's side moves the follower's viewer. Nothing is fetched from a server.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { addOutlineNode, movePresenter, setPresenter } from '@huishen/model';
import { configurePdfjs, pdfjsAssetsAt } from '@huishen/elements';
import '@huishen/elements/briefing/hs-briefing.js';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import type { HsBriefing } from '@huishen/elements/briefing/briefing.js';
import { createStoryRoom, seedCase, STORY_ACTORS, type StoryPeer, type StoryRoom } from './support/two-peer-room.js';

configurePdfjs(pdfjsAssetsAt(new URL('pdfjs/', document.baseURI).href, new URL('pdfjs-v4/', document.baseURI).href));

interface Loaded {
  room: StoryRoom;
}

interface Args {
  /** Which screens to show: indexes into the room's peers. */
  screens: number[];
  editing: boolean;
}

/** A room with a presenter, a member and a chair, a case, and an outline of the five usual sections. */
async function briefingRoom(): Promise<Loaded> {
  const room = createStoryRoom({ peers: [{ actor: STORY_ACTORS.countyPresenter }, { actor: STORY_ACTORS.cityMember }, { actor: STORY_ACTORS.cityChair }] });
  const { evidence } = await seedCase(room, { pages: 6, annotations: false });
  const [presenter, , chair] = room.peers as [StoryPeer, StoryPeer, StoryPeer];
  setPresenter(chair.doc, presenter.actor.userId, chair.origin);
  const [first, second] = evidence;
  const doc = presenter.doc;
  const o = presenter.origin;
  const facts = addOutlineNode(
    doc,
    { kind: 'facts', title: '案件事实', body: '经审查查明：2026年3月12日21时许，犯罪嫌疑人张某某在某小区地下车库内窃取电动自行车一辆。\n\n- 被害人报案时间：21时40分\n- 监控录像显示嫌疑人21时32分离开车库', anchors: first ? [{ evidenceId: first.id, page: 1 }] : [] },
    o,
  );
  addOutlineNode(
    doc,
    {
      kind: 'evidence-list',
      title: '证据目录',
      anchors: [first, second].flatMap((e) => (e ? [{ evidenceId: e.id, page: 2, region: [72, 560, 540, 760] as [number, number, number, number] }, { evidenceId: e.id, page: 4 }] : [])),
    },
    o,
  );
  addOutlineNode(doc, { kind: 'disputed-points', title: '争议焦点', body: '嫌疑人供述的离开时间与监控记录不一致。' }, o);
  addOutlineNode(doc, { kind: 'legal-characterisation', title: '法律定性', body: '涉案财物价值2,860元，达到盗窃罪数额较大标准。' }, o);
  addOutlineNode(doc, { kind: 'proposed-decision', title: '处理意见', body: '建议以盗窃罪提起公诉。' }, o);
  movePresenter(doc, { nodeId: facts, evidenceId: first?.id, page: 1 }, o);
  room.peers.forEach((peer) => peer.undoManager.clear());
  return { room };
}

const screen = (peer: StoryPeer, index: number, editing: boolean) => html`<section style="flex: 1; min-width: 420px">
  <h3 style="margin: 0 0 4px; font: 600 14px sans-serif">${peer.actor.name}</h3>
  <hs-story-room .room=${peer} style="display: flex; gap: 8px; align-items: flex-start">
    <hs-briefing for="story-viewer-${index}" ?editing=${editing} style="width: 320px; flex: none"></hs-briefing>
    <div style="flex: 1; min-width: 0">
      <hs-evidence-viewer id="story-viewer-${index}" zoom="fit-width" style="--hs-evidence-viewer-height: 520px"></hs-evidence-viewer>
    </div>
  </hs-story-room>
</section>`;

const meta: Meta<Args> = {
  title: 'Briefing/Briefing',
  component: 'hs-briefing',
  args: { screens: [0, 1], editing: false },
  loaders: [briefingRoom],
  render: (args, { loaded }) => {
    const { room } = loaded as Loaded;
    return html`<div lang="zh-CN" style="display: flex; gap: 24px; flex-wrap: wrap">
      ${args.screens.map((i) => {
        const peer = room.peers[i];
        return peer ? screen(peer, i, args.editing) : html``;
      })}
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The presenter (left) steps with the outline — click a section or press PageDown in it; the member (right) follows. */
export const PresenterAndFollower: Story = {};

/** Only the presenter's screen: outline, section timer and the roster of who follows. */
export const PresenterView: Story = { args: { screens: [0] } };

/** Only a follower's screen: the follow bar says whom they follow. */
export const FollowerView: Story = { args: { screens: [1] } };

/** The member pressed `n` in their viewer: they broke away; the bar offers to return, the presenter's roster shows it. */
export const Diverged: Story = {
  play: async ({ canvasElement }) => {
    const viewer = canvasElement.querySelector<HTMLElement>('#story-viewer-1');
    const briefing = canvasElement.querySelectorAll<HsBriefing>('hs-briefing')[1];
    await new Promise((resolve) => setTimeout(resolve, 800));
    const viewport = viewer?.shadowRoot?.querySelector<HTMLElement>('[part~="viewport"]');
    viewport?.focus();
    viewport?.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true, composed: true }));
    await briefing?.updateComplete;
  },
};

/** The presenter with the editing controls: add, edit, reorder (drag, Alt+↑/↓), remove, anchor the current view. */
export const Editing: Story = { args: { screens: [0], editing: true } };

/** The chair (right) can hand presenting to another participant; the roster and timer show on both sides. */
export const ChairHandOff: Story = { args: { screens: [0, 2] } };
