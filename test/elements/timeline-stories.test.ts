/**
 * The timeline and minutes stories render what they promise (they double as fixtures): loaders
 * and render functions run as Storybook would run them, against the in-memory two-peer room.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { HsTimeline } from '@huishen/elements/timeline/timeline.js';
import * as timelineStories from '../../stories/timeline.stories.js';
import * as minutesStories from '../../stories/minutes.stories.js';
import { before, describe, it } from './support/mocha.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { waitFor } from './support/viewer.js';

interface StoryLike {
  loaders?: (() => Promise<unknown>)[];
  render?: (args: unknown, context: { loaded: unknown; id: string }) => TemplateResult;
}

async function show(story: StoryLike, fallback: StoryLike['render']): Promise<HTMLElement> {
  const loaded = Object.assign({}, ...(await Promise.all((story.loaders ?? []).map((l) => l())))) as unknown;
  const render = story.render ?? fallback!;
  return fixture<HTMLElement>(html`<div>${render({}, { loaded, id: 'story' })}</div>`);
}

async function timelines(root: HTMLElement): Promise<HsTimeline[]> {
  const els = [...root.querySelectorAll('hs-timeline')];
  await Promise.all(els.map((e) => e.updateComplete));
  return els;
}

const text = (el: HsTimeline) => el.shadowRoot!.textContent ?? '';
const metaRender = (timelineStories.default as StoryLike).render;

describe('timeline and minutes stories', () => {
  before(() => configureTestPdfjs());

  it('Empty, Session, Two venues, Filtered, Observer, Recorder, English', async () => {
    const [empty] = await timelines(await show(timelineStories.Empty as StoryLike, metaRender));
    expect(text(empty!)).to.contain('还没有记录');
    const [session] = await timelines(await show(timelineStories.Session as StoryLike, metaRender));
    await waitFor(() => text(session!).includes('经会审决定'), 4000, 'the decision');
    const two = await timelines(await show(timelineStories.TwoVenues as StoryLike, metaRender));
    expect(two).to.have.length(2);
    const [filtered] = await timelines(await show(timelineStories.Filtered as StoryLike, metaRender));
    expect(filtered!.visibleEntries.every((e) => e.kind === 'opinion')).to.equal(true);
    const [observer] = await timelines(await show(timelineStories.ReadOnlyObserver as StoryLike, metaRender));
    expect(observer!.shadowRoot!.querySelector('[part~="composer"]')).to.equal(null);
    expect(text(observer!)).to.contain('只能查看记录');
    const [recorder] = await timelines(await show(timelineStories.RecorderComposer as StoryLike, metaRender));
    expect(recorder!.shadowRoot!.querySelector('[part~="speaker"]')).to.not.equal(null);
    const [english] = await timelines(await show(timelineStories.English as StoryLike, metaRender));
    await waitFor(() => text(english!).includes('Decision'), 4000, 'English labels');
  });

  it('Many entries keeps the DOM small', async () => {
    const [many] = await timelines(await show(timelineStories.ManyEntries as StoryLike, metaRender));
    expect(many!.visibleEntries.length).to.equal(5000);
    expect(many!.renderedRowCount).to.be.lessThan(80);
  });

  it('Minutes preview: the frame holds the minutes with a page image', async () => {
    const root = await show(minutesStories.Preview as StoryLike, (minutesStories.default as StoryLike).render);
    const frame = root.querySelector('iframe')!;
    expect(frame.srcdoc).to.contain('会审纪要');
    expect(frame.srcdoc).to.contain('经会审决定');
    expect(frame.srcdoc).to.contain('<img src="data:image/jpeg;base64,');
    expect(frame.srcdoc).to.not.contain('<script');
  });
});
