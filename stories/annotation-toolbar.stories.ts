/**
 * `<hs-annotation-toolbar>` outside the viewer (`for`), in the in-memory story room: the tools,
 * colour, width, stamp and undo/redo of the viewer's annotation layer. Keyboard: arrows move
 * between the tools, V H R O A P N M S C pick them.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { configurePdfjs, pdfjsAssetsAt } from '@huishen/elements';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import '@huishen/elements/annotation-toolbar/hs-annotation-toolbar.js';
import { createStoryRoom, seedCase, STORY_ACTORS, type StoryRoom } from './support/two-peer-room.js';

configurePdfjs(pdfjsAssetsAt(new URL('pdfjs/', document.baseURI).href, new URL('pdfjs-v4/', document.baseURI).href));

interface Args {
  lang: string;
}

interface Loaded {
  room: StoryRoom;
  evidenceId: string;
}

async function load(observer = false): Promise<Loaded> {
  const room = createStoryRoom({ captureTimeout: 0, ...(observer ? { peers: [{ actor: STORY_ACTORS.cityObserver }] } : {}) });
  const { evidence } = await seedCase(room, { documents: 1, pages: 2 });
  return { room, evidenceId: evidence[0]!.id };
}

const meta: Meta<Args> = {
  title: 'Annotations/Annotation toolbar',
  component: 'hs-annotation-toolbar',
  args: { lang: 'zh-CN' },
  argTypes: { lang: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] } },
  loaders: [() => load()],
  render: ({ lang }, { loaded, id }) => {
    const { room, evidenceId } = loaded as Loaded;
    const viewerId = `toolbar-viewer-${id}`;
    return html`<div lang=${lang}>
      <hs-story-room .room=${room.peers[0]}>
        <hs-annotation-toolbar for=${viewerId}></hs-annotation-toolbar>
        <hs-evidence-viewer id=${viewerId} evidence-id=${evidenceId} style="--hs-evidence-viewer-height: 520px"></hs-evidence-viewer>
      </hs-story-room>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The county presenter's toolbar, outside the viewer it drives. */
export const Outside: Story = {};

/** English. */
export const English: Story = { args: { lang: 'en' } };

/** An observer: only select is offered. */
export const Observer: Story = { loaders: [() => load(true)] };
