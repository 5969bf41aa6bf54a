/**
 * The annotation layer and toolbar stories render what they promise (their loaders build the
 * in-memory two-peer story room): a mark drawn on one venue's screen reaches the other's layer,
 * the 2,000-mark story holds 2,000 marks, the observer gets no tools. Stories double as fixtures.
 */
import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import layerMeta, * as layerStories from '../../stories/annotation-layer.stories.js';
import toolbarMeta, * as toolbarStories from '../../stories/annotation-toolbar.stories.js';
import type { HsEvidenceViewer } from '@huishen/elements';
import type { HsAnnotationToolbar } from '@huishen/elements/annotation-toolbar/annotation-toolbar.js';
import { before, describe, it } from './support/mocha.js';
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

async function layersOf(root: HTMLElement): Promise<HsEvidenceViewer[]> {
  const viewers = [...root.querySelectorAll<HsEvidenceViewer>('hs-evidence-viewer')];
  for (const viewer of viewers) {
    await settled(viewer);
    await waitFor(() => viewer.annotationLayer !== undefined, 5000, 'the annotation layer');
  }
  return viewers;
}

describe('annotation layer and toolbar stories', () => {
  before(() => configureTestPdfjs());

  it('Two venues: a mark made on the county screen appears on the city screen, locked there', async () => {
    const root = await renderStory(layerMeta as StoryLike, layerStories.TwoVenues as StoryLike, 'l1');
    const [county, city] = await layersOf(root);
    const seeded = city!.annotationLayer!.annotations(1).length;
    expect(seeded).to.be.greaterThan(0);
    const id = county!.annotationLayer!.create({ page: 1, kind: 'rect', geometry: { rect: [100, 100, 200, 200] } })!;
    await waitFor(() => city!.annotationLayer!.annotation(id) !== undefined, 3000, 'the mark at the city venue');
    expect(city!.annotationLayer!.canEdit(city!.annotationLayer!.annotation(id)!)).to.equal(false);
    expect(county!.annotationLayer!.canEdit(county!.annotationLayer!.annotation(id)!)).to.equal(true);
  });

  it('Many annotations: 2,000 marks on page 1; Pen: the tool is set', async () => {
    const many = await renderStory(layerMeta as StoryLike, layerStories.ManyAnnotations as StoryLike, 'l2');
    const [viewer] = await layersOf(many);
    expect(viewer!.annotationLayer!.annotations(1).length).to.be.at.least(2000);
    const pen = await renderStory(layerMeta as StoryLike, layerStories.Pen as StoryLike, 'l3');
    const [first] = await layersOf(pen);
    await waitFor(() => first!.annotationLayer!.tool === 'ink', 3000, 'the pen tool');
  });

  it('Toolbar / Observer: only select is offered', async () => {
    const root = await renderStory(toolbarMeta as StoryLike, toolbarStories.Observer as StoryLike, 't1');
    await layersOf(root);
    const toolbar = root.querySelector<HsAnnotationToolbar>('hs-annotation-toolbar')!;
    await waitFor(() => toolbar.target !== undefined, 3000, 'the toolbar to find the layer');
    await toolbar.updateComplete;
    expect(toolbar.shadowRoot!.querySelector<HTMLButtonElement>('[data-tool="rect"]')!.disabled).to.equal(true);
    expect(toolbar.shadowRoot!.querySelector<HTMLButtonElement>('[data-tool="select"]')!.disabled).to.equal(false);
  });
});
