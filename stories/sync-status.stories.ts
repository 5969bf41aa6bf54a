/**
 * `<hs-sync-status>` in every connection state. Switch the language with the toolbar's Locale
 * menu: the element follows the story root's `lang` without being re-created.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { connectionStatuses, type HsSyncStatus } from '@huishen/elements';
import '@huishen/elements/sync-status/hs-sync-status.js';
import { addAnnotation } from '@huishen/model';
import { createStoryRoom, seedCase, type StoryRoom } from './support/two-peer-room.js';

type Args = Pick<HsSyncStatus, 'status' | 'unsaved'>;

const meta: Meta<Args> = {
  title: 'Room/Sync status',
  component: 'hs-sync-status',
  args: { status: 'synced', unsaved: 0 },
  argTypes: {
    status: { control: 'inline-radio', options: [...connectionStatuses] },
    unsaved: { control: { type: 'number', min: 0, step: 1 } },
  },
  render: ({ status, unsaved }) => html`<hs-sync-status status=${status} unsaved=${unsaved}></hs-sync-status>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Connected and everything this venue changed is stored on the server. */
export const Synced: Story = { args: { status: 'synced' } };

/** Connected; two changes are on their way to the server. */
export const SyncedSaving: Story = { name: 'Synced, saving', args: { status: 'synced', unsaved: 2 } };

/** Reaching the room server, first time or after a drop. */
export const Connecting: Story = { args: { status: 'connecting' } };

/** The network dropped after everything was saved. */
export const OfflineAllSaved: Story = { name: 'Offline, all saved', args: { status: 'offline' } };

/** The network dropped with three changes kept locally; they merge on reconnect. */
export const OfflineUnsaved: Story = { name: 'Offline, unsaved', args: { status: 'offline', unsaved: 3 } };

/** The server refused this user (expired token, no rights for the room). */
export const Denied: Story = { args: { status: 'denied' } };

/** Every state side by side, for comparing the indicator shapes. */
export const AllStates: Story = {
  name: 'All states',
  render: ({ unsaved }) =>
    html`<div style="display: grid; gap: 0.5rem; justify-items: start">
      ${connectionStatuses.map(
        (status) => html`<hs-sync-status status=${status} unsaved=${unsaved}></hs-sync-status>`,
      )}
    </div>`,
  args: { unsaved: 1 },
};

/** Themed through custom properties, as a portal with a dark header bar would. */
export const Themed: Story = {
  args: { status: 'offline', unsaved: 3 },
  render: ({ status, unsaved }) =>
    html`<div
      style="background: #0b3d91; padding: 0.5rem 1rem; font-size: 0.875rem;
        --hs-sync-status-color: #ffffff; --hs-sync-status-separator-color: #c9d6ee;
        --hs-sync-status-synced-color: #7ee2a8; --hs-sync-status-offline-color: #ffd479;
        --hs-sync-status-connecting-color: #ffd479; --hs-sync-status-denied-color: #ff9b9b"
    >
      <hs-sync-status status=${status} unsaved=${unsaved}></hs-sync-status>
    </div>`,
};

/**
 * Inside a room: the element follows the room's connection (the in-memory story room here).
 * Take the venue offline, make changes, bring it back.
 */
export const InARoom: Story = {
  name: 'In a room',
  loaders: [
    async () => {
      const room = createStoryRoom();
      const { evidence } = await seedCase(room, { documents: 1, pages: 1, annotations: false });
      return { room, evidenceId: evidence[0]!.id };
    },
  ],
  render: (_args, { loaded }) => {
    const { room, evidenceId } = loaded as { room: StoryRoom; evidenceId: string };
    const city = room.peers[1]!;
    const mark = () => addAnnotation(city.doc, { evidenceId, page: 1, kind: 'pin', geometry: { at: [100, 100] } }, city.origin);
    return html`<hs-story-room .room=${city}>
      <hs-sync-status></hs-sync-status>
      <p style="display: flex; gap: 8px; font: 14px system-ui">
        <button @click=${() => room.setOnline(1, false)}>Go offline</button>
        <button @click=${mark}>Make a change</button>
        <button @click=${() => room.setOnline(1, true)}>Reconnect</button>
      </p>
    </hs-story-room>`;
  },
};
