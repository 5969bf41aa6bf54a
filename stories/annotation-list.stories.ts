/**
 * `<hs-annotation-list>`: the accessible mirror of the annotation canvas, in the in-memory story
 * room — no server. Two venues' marks, venue layers, locked marks (another person's), the
 * offline state and remote additions announced politely. Use the keyboard: Up/Down, Enter,
 * Delete.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { addAnnotation } from '@huishen/model';
import { configurePdfjs, pdfjsAssetsAt } from '@huishen/elements';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import '@huishen/elements/annotation-list/hs-annotation-list.js';
import '@huishen/elements/sync-status/hs-sync-status.js';
import { createStoryRoom, seedCase, type StoryRoom } from './support/two-peer-room.js';

configurePdfjs(pdfjsAssetsAt(new URL('pdfjs/', document.baseURI).href, new URL('pdfjs-v4/', document.baseURI).href));

interface Args {
  /** Which peer's screen: 0 the county presenter, 1 the city member. */
  peer: number;
  lang: string;
  maxHeight: number;
}

interface Loaded {
  room: StoryRoom;
  evidenceId: string;
}

async function load(options: { annotations?: boolean; many?: boolean } = {}): Promise<Loaded> {
  const room = createStoryRoom({ captureTimeout: 0 });
  const { evidence } = await seedCase(room, { documents: 1, pages: 4, annotations: options.annotations ?? true });
  const evidenceId = evidence[0]!.id;
  if (options.many) {
    room.peers.forEach((peer, i) => {
      for (let n = 0; n < 12; n++) {
        addAnnotation(peer.doc, { evidenceId, page: 2 + (n % 3), kind: n % 2 ? 'pin' : 'rect', geometry: n % 2 ? { at: [80 + n * 30, 600 - i * 100] } : { rect: [60 + n * 20, 300, 120 + n * 20, 360] }, text: n % 2 ? `第 ${n + 1} 条意见：请核对笔录时间` : undefined }, peer.origin);
      }
    });
  }
  return { room, evidenceId };
}

const meta: Meta<Args> = {
  title: 'Annotations/Annotation list',
  component: 'hs-annotation-list',
  args: { peer: 0, lang: 'zh-CN', maxHeight: 520 },
  argTypes: {
    peer: { control: 'inline-radio', options: [0, 1] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
    maxHeight: { control: { type: 'range', min: 200, max: 900, step: 20 } },
  },
  loaders: [() => load()],
  render: ({ peer, lang, maxHeight }, { loaded, id }) => {
    const { room, evidenceId } = loaded as Loaded;
    const viewerId = `list-viewer-${id}`;
    return html`<div lang=${lang}>
      <hs-story-room .room=${room.peers[peer]}>
        <hs-sync-status></hs-sync-status>
        <div style="display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 16px; align-items: start">
          <hs-evidence-viewer id=${viewerId} evidence-id=${evidenceId} style="--hs-evidence-viewer-height: ${maxHeight}px"></hs-evidence-viewer>
          <hs-annotation-list for=${viewerId} style="--hs-annotation-list-max-height: ${maxHeight}px"></hs-annotation-list>
        </div>
      </hs-story-room>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The county presenter's screen: their own marks can be deleted, the city member's are locked. */
export const TwoVenues: Story = { name: 'Two venues' };

/** The city member's screen of the same room. */
export const CityVenue: Story = { name: 'City venue', args: { peer: 1 } };

/** Many marks over several pages; the list scrolls. */
export const ManyMarks: Story = { name: 'Many marks', loaders: [() => load({ many: true })] };

/** The city venue is offline: its new mark is kept and counted as not yet saved. */
export const Offline: Story = {
  args: { peer: 1 },
  loaders: [
    async () => {
      const loaded = await load();
      loaded.room.setOnline(1, false);
      const city = loaded.room.peers[1]!;
      addAnnotation(city.doc, { evidenceId: loaded.evidenceId, page: 1, kind: 'pin', geometry: { at: [500, 400] }, text: '离线时添加的评论' }, city.origin);
      return loaded;
    },
  ],
};

/** The other venue adds a mark every few seconds: the list announces it politely. */
export const RemoteAdditions: Story = {
  name: 'Remote additions',
  render: (args, context) => {
    const { room, evidenceId } = context.loaded as Loaded;
    const city = room.peers[1]!;
    let n = 0;
    const marker = document.createElement('span');
    const timer = setInterval(() => {
      if (!marker.isConnected || n >= 10) return clearInterval(timer);
      addAnnotation(city.doc, { evidenceId, page: 1 + (n % 4), kind: 'ellipse', geometry: { rect: [100 + n * 20, 200, 180 + n * 20, 260] } }, city.origin);
      n++;
    }, 3000);
    return html`${marker}${meta.render!(args, context)}`;
  },
};

/** No marks yet. */
export const Empty: Story = { loaders: [() => load({ annotations: false })] };

/** English. */
export const English: Story = { args: { lang: 'en' } };
