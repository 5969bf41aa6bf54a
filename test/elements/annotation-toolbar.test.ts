/**
 * `<hs-annotation-toolbar>`: inside the viewer and outside it (`for`), tool buttons with
 * `aria-pressed` and roving focus, tool keys, colour, undo/redo state, delete; axe finds nothing
 * on the toolbar and on the layer with a mark selected.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { addAnnotation, LocalOrigin, readAnnotations } from '@huishen/model';
import type { HsEvidenceViewer, RoomContextValue } from '@huishen/elements';
import type { HsAnnotationToolbar } from '@huishen/elements/annotation-toolbar/annotation-toolbar.js';
import '@huishen/elements/annotation-toolbar/hs-annotation-toolbar.js';
import { describe, it } from './support/mocha.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import type { TestRoomProvider } from './support/room.js';
import { settled, waitFor } from './support/viewer.js';
import { addPdfEvidence, CITY_MEMBER, COUNTY_PRESENTER, frames, newRoomDoc, OBSERVER, openViewer, roomFor } from './support/annotation-room.js';

async function room(actor = COUNTY_PRESENTER): Promise<RoomContextValue> {
  configureTestPdfjs();
  const doc = newRoomDoc();
  const store = new Map<string, string>();
  await addPdfEvidence(doc, 'ex1', [{ mediaBox: [0, 0, 612, 792], lines: ['Exhibit'] }], store);
  return roomFor(doc, actor, store);
}

function toolbarOf(viewer: HsEvidenceViewer): HsAnnotationToolbar {
  return viewer.shadowRoot!.querySelector('hs-annotation-toolbar')!;
}

function button(toolbar: HsAnnotationToolbar, selector: string): HTMLButtonElement {
  return toolbar.shadowRoot!.querySelector<HTMLButtonElement>(selector)!;
}

describe('<hs-annotation-toolbar>', () => {
  it('inside the viewer: tools are buttons with aria-pressed and one tab stop; arrows and tool keys switch', async () => {
    const opened = await openViewer(await room(), 'ex1', { toolbar: true });
    const toolbar = toolbarOf(opened.viewer);
    await waitFor(() => toolbar.target === opened.layer, 3000, 'the toolbar to find the layer');
    await toolbar.updateComplete;
    const tools = [...toolbar.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.tool')];
    expect(tools.map((b) => b.dataset['tool'])).to.deep.equal(['select', 'highlight', 'rect', 'ellipse', 'arrow', 'ink', 'note', 'pin', 'stamp', 'callout']);
    expect(tools.filter((b) => b.tabIndex === 0)).to.have.length(1);
    expect(button(toolbar, '[data-tool="select"]').getAttribute('aria-pressed')).to.equal('true');
    expect(button(toolbar, '[data-tool="rect"]').textContent?.trim()).to.equal('矩形');
    expect(toolbar.shadowRoot!.querySelector('[role="toolbar"]')!.getAttribute('aria-label')).to.equal('批注工具');

    button(toolbar, '[data-tool="rect"]').click();
    await toolbar.updateComplete;
    expect(opened.layer.tool).to.equal('rect');
    expect(button(toolbar, '[data-tool="rect"]').getAttribute('aria-pressed')).to.equal('true');

    button(toolbar, '[data-tool="rect"]').focus();
    await sendKeys({ press: 'ArrowRight' });
    await toolbar.updateComplete;
    expect(toolbar.shadowRoot!.activeElement).to.equal(button(toolbar, '[data-tool="ellipse"]'));
    await sendKeys({ press: 'P' });
    await toolbar.updateComplete;
    expect(opened.layer.tool).to.equal('ink');
    expect(button(toolbar, '[data-tool="ink"]').getAttribute('aria-pressed')).to.equal('true');

    // Ctrl+Z in the toolbar undoes one step, not two (the viewer hears the key too).
    opened.layer.create({ page: 1, kind: 'rect', geometry: { rect: [10, 10, 50, 50] } });
    opened.layer.create({ page: 1, kind: 'rect', geometry: { rect: [60, 60, 90, 90] } });
    button(toolbar, '[data-tool="ink"]').focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'z' });
    await sendKeys({ up: 'Control' });
    expect(opened.layer.annotations(1)).to.have.length(1);

    // The layer's own tool change shows in the toolbar.
    opened.layer.setTool('stamp');
    await opened.layer.updateComplete;
    await toolbar.updateComplete;
    expect(button(toolbar, '[data-tool="stamp"]').getAttribute('aria-pressed')).to.equal('true');
    expect(toolbar.shadowRoot!.querySelector('.stamp-code'), 'the stamp kind shows with the stamp tool').to.be.instanceOf(HTMLSelectElement);
  });

  it('outside the viewer with for=: undo/redo enable with the stacks, colour recolours the selection, delete', async () => {
    const ctx = await room(CITY_MEMBER);
    const provider = await fixture<TestRoomProvider>(html`<hs-test-room-provider .room=${ctx}>
      <hs-annotation-toolbar for="v1"></hs-annotation-toolbar>
      <hs-evidence-viewer id="v1" evidence-id="ex1" zoom="1" style="--hs-evidence-viewer-height: 600px"></hs-evidence-viewer>
    </hs-test-room-provider>`);
    const viewer = provider.querySelector<HsEvidenceViewer>('hs-evidence-viewer')!;
    const toolbar = provider.querySelector<HsAnnotationToolbar>('hs-annotation-toolbar')!;
    await settled(viewer);
    await waitFor(() => toolbar.target !== undefined, 3000, 'the toolbar to find the layer');
    const layer = toolbar.target!;
    expect(button(toolbar, '.undo').disabled).to.equal(true);
    const id = layer.create({ page: 1, kind: 'rect', geometry: { rect: [10, 10, 100, 100] } })!;
    await toolbar.updateComplete;
    expect(button(toolbar, '.undo').disabled).to.equal(false);
    layer.select(id);
    await toolbar.updateComplete;
    expect(button(toolbar, '.delete').disabled).to.equal(false);
    button(toolbar, '.swatch[data-color="#43a047"]').click();
    expect(layer.annotation(id)!.style.color).to.equal('#43a047');
    expect(layer.color).to.equal('#43a047');
    button(toolbar, '.undo').click();
    expect(layer.annotation(id)!.style.color, 'undo recolour').to.equal('#e53935');
    await toolbar.updateComplete;
    expect(button(toolbar, '.redo').disabled).to.equal(false);
    button(toolbar, '.redo').click();
    expect(layer.annotation(id)!.style.color).to.equal('#43a047');
    // Someone else's mark: delete is off.
    const theirs = addAnnotation(ctx.doc, { evidenceId: 'ex1', page: 1, kind: 'rect', geometry: { rect: [200, 200, 300, 300] } }, new LocalOrigin(COUNTY_PRESENTER));
    layer.select(theirs);
    await toolbar.updateComplete;
    expect(button(toolbar, '.delete').disabled).to.equal(true);
    layer.select(id);
    await toolbar.updateComplete;
    button(toolbar, '.delete').click();
    expect(readAnnotations(ctx.doc).map((a) => a.id)).to.deep.equal([theirs]);
  });

  it('for an observer, only select is offered', async () => {
    const opened = await openViewer(await room(OBSERVER), 'ex1', { toolbar: true });
    const toolbar = toolbarOf(opened.viewer);
    await waitFor(() => toolbar.target === opened.layer, 3000, 'the toolbar to find the layer');
    await toolbar.updateComplete;
    expect(button(toolbar, '[data-tool="select"]').disabled).to.equal(false);
    expect(button(toolbar, '[data-tool="rect"]').disabled).to.equal(true);
    expect(opened.layer.canCreate(1)).to.equal(false);
  });

  it('axe: no violations on the toolbar, nor on the layer with a selected mark and an open note editor', async () => {
    const opened = await openViewer(await room(), 'ex1', { toolbar: true });
    const toolbar = toolbarOf(opened.viewer);
    await waitFor(() => toolbar.target === opened.layer, 3000, 'the toolbar to find the layer');
    await expect(toolbar).to.be.accessible();
    const id = opened.layer.create({ page: 1, kind: 'rect', geometry: { rect: [100, 100, 200, 200] } })!;
    opened.layer.select(id);
    await frames(2);
    await expect(opened.viewer).to.be.accessible();
    opened.layer.setTool('note');
    await opened.layer.updateComplete;
    opened.layer.overlay(1)!.ui.querySelector<HTMLElement>('.surface')!.focus();
    await sendKeys({ press: 'Enter' });
    await frames(2);
    expect(opened.layer.overlay(1)!.ui.querySelector('textarea.editor')).to.be.instanceOf(HTMLTextAreaElement);
    await expect(opened.viewer).to.be.accessible();
  });
});
