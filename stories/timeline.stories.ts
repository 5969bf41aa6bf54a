/**
 * `<hs-timeline>` in every state, against the in-memory two-peer room (no server): empty, a whole
 * session of every kind, two venues side by side (type in one, watch the other), 5,000 entries,
 * filters applied, the composer as recorder (with the IME note), a read-only observer.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { addOutlineNode, appendEntry, editEntry, retractEntry, type Actor } from '@huishen/model';
import '@huishen/elements/timeline/hs-timeline.js';
import type { TimelineFilter } from '@huishen/elements/timeline/timeline-filter.js';
import { createStoryRoom, seedCase, STORY_ACTORS, type StoryPeer, type StoryRoom } from './support/two-peer-room.js';

interface Loaded {
  room: StoryRoom;
}

/** A room with these peers, a seeded case and (optionally) a scripted discussion. */
async function load(peers: readonly Actor[], options: { discussion?: boolean; many?: number } = {}): Promise<Loaded> {
  const room = createStoryRoom({ peers: peers.map((actor) => ({ actor })) });
  const { evidence } = await seedCase(room, { by: peers.findIndex((p) => p.role === 'chair' || p.role === 'presenter') });
  const find = (role: string) => room.peers.find((p) => p.actor.role === role);
  const writer = find('chair') ?? room.peers[0]!;
  if (options.discussion) {
    const presenter = find('presenter') ?? writer;
    const member = find('member') ?? writer;
    const { doc } = writer;
    const facts = addOutlineNode(doc, { kind: 'facts', title: '案件事实' }, presenter.origin);
    const disputed = addOutlineNode(doc, { kind: 'disputed-points', title: '争议焦点：是否构成自首' }, presenter.origin);
    appendEntry(doc, { kind: 'system', event: { code: 'joined', params: { name: member.actor.name } } }, member.origin);
    appendEntry(doc, { kind: 'agenda', nodeId: facts }, presenter.origin);
    appendEntry(doc, { kind: 'speech', text: '2026 年 3 月 5 日晚，犯罪嫌疑人张某某在某超市内窃取手机一部，价值 4,800 元。' }, presenter.origin);
    const first = evidence[0];
    if (first) appendEntry(doc, { kind: 'evidence-ref', ref: { evidenceId: first.id, page: 2, region: [72, 500, 400, 650] }, text: '见询问笔录第 2 页被害人陈述。' }, member.origin);
    const edited = appendEntry(doc, { kind: 'comment', text: '监控录像时间与笔录基本一致。' }, member.origin);
    editEntry(doc, edited, '监控录像时间与笔录一致（已核对时间戳）。', member.origin);
    appendEntry(doc, { kind: 'agenda', nodeId: disputed }, presenter.origin);
    appendEntry(doc, { kind: 'opinion', nodeId: disputed, stance: 'agree', text: '到案后如实供述，可认定自首。' }, member.origin);
    appendEntry(doc, { kind: 'opinion', nodeId: disputed, stance: 'supplement', text: '建议补充调取到案经过说明。' }, presenter.origin);
    const wrong = appendEntry(doc, { kind: 'speech', text: '（误记）此条应删除。' }, member.origin);
    if (writer.actor.role === 'chair') {
      retractEntry(doc, wrong, writer.origin);
      appendEntry(doc, { kind: 'decision', text: '经会审决定：同意县院起诉意见，认定自首情节。', ...(first ? { references: [{ evidenceId: first.id, page: 1 }] } : {}) }, writer.origin);
    }
    appendEntry(doc, { kind: 'system', event: { code: 'integrity-confirmed', params: { evidenceId: first?.id ?? '', title: first?.title ?? '' } } }, member.origin);
  }
  if (options.many) {
    const { doc } = writer;
    doc.transact(() => {
      for (let i = 0; i < options.many!; i++) appendEntry(doc, { kind: 'speech', text: `第 ${i + 1} 条发言。${'关于证据的说明。'.repeat(1 + (i % 6))}` }, room.peers[i % room.peers.length]!.origin);
    });
  }
  return { room };
}

const timeline = (peer: StoryPeer | undefined, attrs: { filter?: TimelineFilter; height?: string } = {}): TemplateResult =>
  html`<hs-story-room .room=${peer}>
    <hs-timeline style="display:flex;height:${attrs.height ?? '560px'};max-width:720px" .filter=${attrs.filter ?? {}}></hs-timeline>
  </hs-story-room>`;

const meta: Meta = {
  title: 'Discussion/Timeline',
  component: 'hs-timeline',
  render: (_args, { loaded }) => timeline((loaded as Loaded).room.peers[0]),
};
export default meta;

type Story = StoryObj;

/** A room where nothing has been said yet. */
export const Empty: Story = { loaders: [() => load([STORY_ACTORS.cityChair, STORY_ACTORS.countyPresenter])] };

/** A whole discussion, every kind: agenda markers, speech, evidence reference, edited comment, opinions, retracted entry, decision, system events. */
export const Session: Story = {
  loaders: [() => load([STORY_ACTORS.cityChair, STORY_ACTORS.countyPresenter, STORY_ACTORS.cityMember], { discussion: true })],
};

/** Two venues side by side: write in either; the other follows live. */
export const TwoVenues: Story = {
  name: 'Two venues',
  loaders: [() => load([STORY_ACTORS.cityChair, STORY_ACTORS.countyPresenter], { discussion: true })],
  render: (_args, { loaded }) => {
    const { room } = loaded as Loaded;
    return html`<div style="display:grid;grid-template-columns:1fr 1fr;gap:1rem">
      <section><h3 style="margin:0">市院 · 主持人</h3>${timeline(room.peers[0])}</section>
      <section><h3 style="margin:0">县院 · 承办人</h3>${timeline(room.peers[1])}</section>
    </div>`;
  },
};

/** 5,000 entries: only the rows in view are in the DOM; scroll, search, jump to latest. */
export const ManyEntries: Story = {
  name: 'Many entries (5,000)',
  loaders: [() => load([STORY_ACTORS.cityChair, STORY_ACTORS.countyPresenter], { many: 5000 })],
};

/** Filters applied: the county venue's opinions on the disputed point. */
export const Filtered: Story = {
  loaders: [() => load([STORY_ACTORS.cityChair, STORY_ACTORS.countyPresenter, STORY_ACTORS.cityMember], { discussion: true })],
  render: (_args, { loaded }) => timeline((loaded as Loaded).room.peers[0], { filter: { kind: 'opinion' } }),
};

/**
 * The recorder's composer: kind picker, "on behalf of" speaker and venue, reference buttons.
 * Chinese IME: an Enter that confirms a candidate (拼音 → 汉字) never sends; only a plain Enter
 * after the composition ends does. Shift+Enter starts a new line.
 */
export const RecorderComposer: Story = {
  name: 'Composer (recorder, IME)',
  loaders: [() => load([STORY_ACTORS.countyRecorder, STORY_ACTORS.cityChair], { discussion: true })],
};

/** An observer (列席) reads the record; no composer, no edit buttons. */
export const ReadOnlyObserver: Story = {
  name: 'Read-only observer',
  loaders: [() => load([STORY_ACTORS.cityObserver, STORY_ACTORS.cityChair], { discussion: true })],
};

/** The same session in English (`lang="en"` on a wrapper). */
export const English: Story = {
  loaders: [() => load([STORY_ACTORS.cityChair, STORY_ACTORS.countyPresenter], { discussion: true })],
  render: (_args, { loaded }) => html`<div lang="en">${timeline((loaded as Loaded).room.peers[0])}</div>`,
};
