/**
 * `<hs-presence>`: remote pointers (name, venue colour, role) and the laser pointer, in the
 * in-memory story room — no server. Two venues sit side by side: move the mouse over one viewer
 * and its pointer appears in the other; hold `L` (with the viewer focused) for the laser. A third
 * participant, the county recorder, moves by itself so the pointers are never empty.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setPresence } from '@huishen/model';
import { configurePdfjs, pdfjsAssetsAt } from '@huishen/elements';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import '@huishen/elements/presence/hs-presence.js';
import { createStoryRoom, seedCase, STORY_ACTORS, type StoryPeer, type StoryRoom } from './support/two-peer-room.js';

configurePdfjs(pdfjsAssetsAt(new URL('pdfjs/', document.baseURI).href, new URL('pdfjs-v4/', document.baseURI).href));

interface Args {
  rotation: number;
  laser: boolean;
}

interface Loaded {
  room: StoryRoom;
  evidenceId: string;
}

/** Moves `peer`'s pointer (and laser) in circles on page 1 until `until()` is false. */
function wander(peer: StoryPeer, evidenceId: string, laser: boolean, until: () => boolean): void {
  const start = performance.now();
  const step = (t: number) => {
    if (!until()) {
      setPresence(peer.awareness, 'cursor', null);
      setPresence(peer.awareness, 'laser', null);
      return;
    }
    const a = (t - start) / 900;
    const point = { evidenceId, page: 1, x: 300 + Math.cos(a) * 140, y: 560 + Math.sin(a * 1.3) * 110 };
    setPresence(peer.awareness, 'cursor', point);
    setPresence(peer.awareness, 'laser', laser ? { ...point, at: Date.now() } : null);
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

async function load(): Promise<Loaded> {
  const room = createStoryRoom({ peers: [{ actor: STORY_ACTORS.countyPresenter }, { actor: STORY_ACTORS.cityMember }, { actor: STORY_ACTORS.countyRecorder }] });
  const { evidence } = await seedCase(room, { documents: 1, pages: 3 });
  return { room, evidenceId: evidence[0]!.id };
}

const venue = (peer: StoryPeer, evidenceId: string, id: string, rotation: number) =>
  html`<section style="flex: 1; min-width: 0">
    <h3 style="font: 600 14px system-ui; margin: 0 0 4px">${peer.actor.name}</h3>
    <hs-story-room .room=${peer}>
      <hs-evidence-viewer id=${id} evidence-id=${evidenceId} rotation=${rotation} style="--hs-evidence-viewer-height: 520px"></hs-evidence-viewer>
      <hs-presence for=${id}></hs-presence>
    </hs-story-room>
  </section>`;

const meta: Meta<Args> = {
  title: 'Room/Presence',
  component: 'hs-presence',
  args: { rotation: 0, laser: false },
  argTypes: { rotation: { control: 'inline-radio', options: [0, 90, 180, 270] }, laser: { control: 'boolean' } },
  loaders: [load],
  render: ({ rotation, laser }, { loaded }) => {
    const { room, evidenceId } = loaded as Loaded;
    const [county, city, recorder] = room.peers;
    const marker = document.createElement('span');
    wander(recorder!, evidenceId, laser, () => marker.isConnected);
    return html`${marker}
      <div style="display: flex; gap: 16px">${venue(county!, evidenceId, 'presence-county', rotation)} ${venue(city!, evidenceId, 'presence-city', rotation)}</div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Pointers of the other venue and of the county recorder, who moves by itself. */
export const TwoVenues: Story = { name: 'Two venues' };

/** The county recorder points with the laser: a red dot with a fading trail, never stored. */
export const Laser: Story = { args: { laser: true } };

/** The city venue's page is rotated: pointers stay on the same spot of the document. */
export const Rotated: Story = { args: { rotation: 90 } };

/** The city venue (right) has left the room: its pointer disappears at once on the left. */
export const Departed: Story = {
  render: (args, context) => {
    const { room } = context.loaded as Loaded;
    room.setOnline(1, false);
    return meta.render!(args, context);
  },
};
