/**
 * `<hs-sync-status>` inside a room follows the room's connection: the in-memory story room
 * going offline and back, and a real `connectRoom` session against the room server.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { addAnnotation } from '@huishen/model';
import '@huishen/elements/sync-status/hs-sync-status.js';
import type { HsSyncStatus, HsSyncStatusChangeEvent } from '@huishen/elements';
import { createStoryRoom, seedCase, type StoryRoom } from '../../stories/support/two-peer-room.js';
import { afterEach, describe, it } from './support/mocha.js';
import { CITY_MEMBER, freshRoom, roomServerUrl, Sessions, until } from './support/room-server.js';

const text = (el: HsSyncStatus) => el.shadowRoot?.querySelector('[part="base"]')?.textContent ?? '';

describe('<hs-sync-status> in a room', () => {
  let room: StoryRoom | undefined;
  const sessions = new Sessions();
  afterEach(async () => {
    room?.destroy();
    room = undefined;
    await sessions.closeAll();
  });

  it('shows the story room’s offline state and unsaved count, then synced', async () => {
    room = createStoryRoom();
    const { evidence } = await seedCase(room, { documents: 1, pages: 1, annotations: false });
    const city = room.peers[1]!;
    const wrapper = await fixture<HTMLElement>(html`<div lang="zh-CN"><hs-story-room .room=${city}><hs-sync-status></hs-sync-status></hs-story-room></div>`);
    const el = wrapper.querySelector('hs-sync-status')!;
    await el.updateComplete;
    expect(el.status).to.equal('synced');
    const events: string[] = [];
    el.addEventListener('hs-sync-status-change', (e: HsSyncStatusChangeEvent) => events.push(`${e.previousStatus}→${e.status}`));
    room.setOnline(1, false);
    addAnnotation(city.doc, { evidenceId: evidence[0]!.id, page: 1, kind: 'pin', geometry: { at: [1, 1] } }, city.origin);
    await el.updateComplete;
    expect(el.getAttribute('status')).to.equal('offline');
    expect(el.unsaved).to.equal(1);
    expect(text(el)).to.contain('离线').and.contain('1');
    room.setOnline(1, true);
    await el.updateComplete;
    expect(el.status).to.equal('synced');
    expect(el.unsaved).to.equal(0);
    expect(events).to.deep.equal(['synced→offline', 'offline→synced']);
  });

  it('follows a connectRoom session from connecting to synced and offline', async () => {
    const base = await roomServerUrl();
    const session = await sessions.connect(base, freshRoom('status'), CITY_MEMBER, { offline: false });
    const wrapper = await fixture<HTMLElement>(html`<div lang="en"><hs-story-room .room=${session}><hs-sync-status></hs-sync-status></hs-story-room></div>`);
    const el = wrapper.querySelector('hs-sync-status')!;
    await session.whenSynced;
    await el.updateComplete;
    expect(el.status).to.equal('synced');
    session.disconnect();
    await until(() => el.getAttribute('status') === 'offline', 'offline shown');
  });
});
