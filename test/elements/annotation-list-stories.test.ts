/**
 * The annotation list, presence and sync-status stories render what they promise in the browser
 * (their loaders build the in-memory story room): stories double as fixtures.
 */
import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import listMeta, * as listStories from '../../stories/annotation-list.stories.js';
import presenceMeta, * as presenceStories from '../../stories/presence.stories.js';
import * as syncStories from '../../stories/sync-status.stories.js';
import type { HsAnnotationList } from '@huishen/elements/annotation-list/annotation-list.js';
import type { HsPresence } from '@huishen/elements/presence/presence.js';
import { describe, before, it } from './support/mocha.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { settled, waitFor } from './support/viewer.js';

interface StoryLike {
  args?: Record<string, unknown>;
  loaders?: Array<() => Promise<unknown>>;
  render?: (args: never, context: never) => unknown;
}

async function renderStory(meta: StoryLike, story: StoryLike, id: string): Promise<HTMLElement> {
  const loaders = story.loaders ?? meta.loaders ?? [];
  const loaded = Object.assign({}, ...(await Promise.all(loaders.map((l) => l()))));
  const render = (story.render ?? meta.render)!;
  const args = { ...meta.args, ...story.args };
  const template = render(args as never, { loaded, id, args } as never) as TemplateResult;
  return fixture<HTMLElement>(template);
}

describe('annotation list, presence and sync status stories', () => {
  before(() => configureTestPdfjs());

  it('Annotation list / Two venues, Offline and Empty', async () => {
    const root = await renderStory(listMeta as StoryLike, listStories.TwoVenues as StoryLike, 's1');
    const list = root.querySelector<HsAnnotationList>('hs-annotation-list')!;
    await waitFor(() => list.annotations.length === 6, 5000, 'six marks');
    const offline = await renderStory(listMeta as StoryLike, listStories.Offline as StoryLike, 's2');
    const status = offline.querySelector('hs-sync-status')!;
    await status.updateComplete;
    expect([status.status, status.unsaved]).to.deep.equal(['offline', 1]);
    const empty = await renderStory(listMeta as StoryLike, listStories.Empty as StoryLike, 's3');
    const emptyList = empty.querySelector<HsAnnotationList>('hs-annotation-list')!;
    await emptyList.updateComplete;
    expect(emptyList.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.equal('这份证据还没有批注');
  });

  it('Presence / Two venues: the wandering recorder’s pointer shows in both viewers', async () => {
    const root = await renderStory(presenceMeta as StoryLike, presenceStories.TwoVenues as StoryLike, 'p1');
    const viewers = [...root.querySelectorAll('hs-evidence-viewer')];
    for (const viewer of viewers) await settled(viewer);
    for (const presence of root.querySelectorAll<HsPresence>('hs-presence')) {
      await waitFor(() => [...(presence.overlay(1)?.drawn.values() ?? [])].some((p) => p.label.startsWith('赵丽')), 5000, 'the recorder’s pointer');
    }
  });

  it('Sync status / In a room follows the story room', async () => {
    const root = await renderStory({}, syncStories.InARoom as StoryLike, 'y1');
    const status = root.querySelector('hs-sync-status')!;
    await status.updateComplete;
    expect(status.status).to.equal('synced');
    const [offline, change, reconnect] = [...root.querySelectorAll('button')];
    offline!.click();
    change!.click();
    await status.updateComplete;
    expect([status.status, status.unsaved]).to.deep.equal(['offline', 1]);
    reconnect!.click();
    await status.updateComplete;
    expect([status.status, status.unsaved]).to.deep.equal(['synced', 0]);
  });
});
