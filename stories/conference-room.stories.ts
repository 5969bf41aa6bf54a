/**
 * The conference room and its own parts — `<hs-room>`, `<hs-evidence-list>`, `<hs-roster>` — driven
 * by an in-memory room (no server): two venues side by side, each with its own document, presence
 * and rights, relayed in memory as the room server would.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setPresence, setPresenter } from '@huishen/model';
import '@huishen/elements/conference-room/hs-room.js';
import './support/two-peer-room.js';
import type { HsRoom } from '@huishen/elements/conference-room/conference-room.js';
import { createStoryRoom, seedCase, STORY_ACTORS, type StoryRoom } from './support/two-peer-room.js';
import { configurePdfjs, pdfjsAssetsAt } from '@huishen/elements';

// Storybook serves the pdf.js assets of both engines under pdfjs/ and pdfjs-v4/ (see .storybook/main.ts).
configurePdfjs(pdfjsAssetsAt(new URL('pdfjs/', document.baseURI).href, new URL('pdfjs-v4/', document.baseURI).href));

const meta: Meta = {
  title: 'Room/Conference room',
  component: 'hs-room',
};
export default meta;

type Story = StoryObj;

/** A seeded room with the chair in the city and the presenter in the county. */
async function seededRoom(options: { integrity?: boolean } = {}): Promise<StoryRoom> {
  const room = createStoryRoom({ peers: [{ actor: STORY_ACTORS.countyPresenter }, { actor: STORY_ACTORS.cityChair }, { actor: STORY_ACTORS.cityMember }] });
  const { evidence } = await seedCase(room);
  const [presenter, chair, member] = room.peers;
  setPresenter(chair!.doc, presenter!.actor.userId, chair!.origin);
  if (options.integrity) {
    setPresence(presenter!.awareness, 'integrity', Object.fromEntries(evidence.map((e) => [e.id, 'ok'])));
    setPresence(member!.awareness, 'integrity', { [evidence[0]!.id]: 'ok', [evidence[1]!.id]: 'mismatch' });
  }
  setPresence(member!.awareness, 'following', presenter!.actor.userId);
  return room;
}

function roomElement(room: StoryRoom, peer: number, evidence = true): HsRoom {
  const el = document.createElement('hs-room');
  el.style.cssText = 'display:block;height:720px';
  el.useRoom(room.peers[peer]!);
  if (evidence) el.evidenceId = room.peers[peer]!.doc.getMap('evidence').keys().next().value ?? '';
  return el;
}

/** The whole room at the county presenter's screen. */
export const Presenter: Story = {
  loaders: [async () => ({ room: await seededRoom({ integrity: true }) })],
  render: (_args, { loaded }) => roomElement(loaded['room'] as StoryRoom, 0),
};

/** The chair's screen in the city: the roster shows who follows; the chair may take a roll call. */
export const Chair: Story = {
  loaders: [async () => ({ room: await seededRoom({ integrity: true }) })],
  render: (_args, { loaded }) => roomElement(loaded['room'] as StoryRoom, 1),
};

/** Two venues side by side, each a separate peer of the same room. */
export const TwoVenues: Story = {
  name: 'Two venues',
  loaders: [async () => ({ room: await seededRoom({ integrity: true }) })],
  render: (_args, { loaded }) => {
    const room = loaded['room'] as StoryRoom;
    return html`<div style="display:grid;grid-template-columns:1fr 1fr;gap:8px">${roomElement(room, 1)}${roomElement(room, 0)}</div>`;
  },
};

/** The city venue lost the network: the banner says it keeps working. */
export const Offline: Story = {
  loaders: [async () => ({ room: await seededRoom() })],
  render: (_args, { loaded }) => {
    const room = loaded['room'] as StoryRoom;
    room.setOnline(2, false);
    return roomElement(room, 2);
  },
};

/** Nothing opened yet; a narrow portal column stacks the panels. */
export const Narrow: Story = {
  loaders: [async () => ({ room: await seededRoom() })],
  render: (_args, { loaded }) => html`<div style="width:760px">${roomElement(loaded['room'] as StoryRoom, 2, false)}</div>`,
};

/** Just the evidence list, with a mismatch reported by the city venue. */
export const EvidenceList: Story = {
  name: 'Evidence list',
  loaders: [async () => ({ room: await seededRoom({ integrity: true }) })],
  render: (_args, { loaded }) =>
    html`<hs-story-room .room=${(loaded['room'] as StoryRoom).peers[0]}><hs-evidence-list style="max-width:320px"></hs-evidence-list></hs-story-room>`,
};

/** Just the roster, at the chair's screen. */
export const Roster: Story = {
  loaders: [async () => ({ room: await seededRoom() })],
  render: (_args, { loaded }) => html`<hs-story-room .room=${(loaded['room'] as StoryRoom).peers[1]}><hs-roster style="max-width:320px"></hs-roster></hs-story-room>`,
};
