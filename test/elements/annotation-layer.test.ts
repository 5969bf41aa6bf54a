/**
 * `<hs-annotation-layer>` inside `<hs-evidence-viewer>`: drawing the room's marks, every tool by
 * pointer and by keyboard, selection, moving, deleting, rights, per-user undo, IME-safe notes.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  addAnnotation,
  LocalOrigin,
  presenceUser,
  setLocalUser,
  setPresence,
  readAnnotations,
  type Annotation,
  type AnnotationKind,
} from '@huishen/model';
import { pdfToCss } from '@huishen/elements';
import type { AnnotationTool } from '@huishen/elements/annotation-layer/tools.js';
import type { HsAnnotationPresentEvent } from '@huishen/elements/events/annotation-present-event.js';
import { connectDocs } from '../helpers/memory-sync.js';
import { describe, it } from './support/mocha.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { waitFor } from './support/viewer.js';
import {
  addPdfEvidence,
  CITY_MEMBER,
  clientPoint,
  COUNTY_PRESENTER,
  drag,
  frames,
  newRoomDoc,
  openViewer,
  roomFor,
  type Opened,
} from './support/annotation-room.js';

const PAGE = { mediaBox: [0, 0, 612, 792] as const, lines: ['Exhibit 1: statement of the witness', 'Second line of text here'] };

async function setup(actor = COUNTY_PRESENTER, pages = 2): Promise<Opened> {
  configureTestPdfjs();
  const doc = newRoomDoc();
  const store = new Map<string, string>();
  await addPdfEvidence(doc, 'ex1', Array.from({ length: pages }, () => PAGE), store);
  return openViewer(roomFor(doc, actor, store), 'ex1');
}

function marks(opened: Opened, kind?: AnnotationKind): Annotation[] {
  return readAnnotations(opened.room.doc, { evidenceId: 'ex1' }).filter((a) => kind === undefined || a.kind === kind);
}

/** Alpha of the marks canvas of `page` at a user-space point. */
function alphaAt(opened: Opened, page: number, point: readonly [number, number], radius = 3): number {
  const canvas = opened.layer.overlay(page)!.marksCanvas;
  const g = opened.viewer.pageGeometry(page)!;
  const [x, y] = pdfToCss(g, point);
  const box = opened.viewer.pageElement(page)!.getBoundingClientRect();
  const fx = canvas.width / box.width;
  const ctx = canvas.getContext('2d')!;
  const data = ctx.getImageData(Math.round(x * fx) - radius, Math.round(y * fx) - radius, radius * 2 + 1, radius * 2 + 1).data;
  let max = 0;
  for (let i = 3; i < data.length; i += 4) max = Math.max(max, data[i]!);
  return max;
}

function surface(opened: Opened, page = 1): HTMLElement {
  return opened.layer.overlay(page)!.ui.querySelector<HTMLElement>('.surface')!;
}

describe('<hs-annotation-layer>', () => {
  it('draws the room’s marks on their page, and a remote addition without a full repaint of others', async () => {
    const opened = await setup();
    const other = new LocalOrigin(CITY_MEMBER);
    addAnnotation(opened.room.doc, { evidenceId: 'ex1', page: 1, kind: 'rect', geometry: { rect: [100, 500, 300, 700] } }, other);
    await frames();
    expect(alphaAt(opened, 1, [100, 600])).to.be.greaterThan(100);
    expect(alphaAt(opened, 1, [200, 600])).to.equal(0);
    addAnnotation(opened.room.doc, { evidenceId: 'ex1', page: 1, kind: 'ellipse', geometry: { rect: [350, 100, 450, 200] } }, other);
    await frames();
    expect(alphaAt(opened, 1, [350, 150])).to.be.greaterThan(100);
    expect(alphaAt(opened, 1, [100, 600]), 'the older mark is still there').to.be.greaterThan(100);
  });

  const dragTools: { tool: AnnotationTool; kind: AnnotationKind }[] = [
    { tool: 'rect', kind: 'rect' },
    { tool: 'ellipse', kind: 'ellipse' },
    { tool: 'arrow', kind: 'arrow' },
    { tool: 'ink', kind: 'ink' },
    { tool: 'callout', kind: 'callout' },
    { tool: 'stamp', kind: 'stamp' },
  ];
  for (const { tool, kind } of dragTools) {
    it(`the ${tool} tool makes a ${kind} with the pointer, where the pointer was`, async () => {
      const opened = await setup();
      opened.layer.setTool(tool);
      await opened.layer.updateComplete;
      await frames();
      const from = clientPoint(opened.viewer, 1, [150, 600], pdfToCss);
      const to = clientPoint(opened.viewer, 1, [300, 450], pdfToCss);
      drag(opened.viewer, from, to);
      await frames();
      const made = marks(opened, kind);
      expect(made).to.have.length(1);
      const a = made[0]!;
      expect(a.author).to.equal(COUNTY_PRESENTER.userId);
      expect(a.venue).to.equal('county');
      const g = a.geometry as Record<string, unknown>;
      if ('rect' in g) expect((g['rect'] as number[]).map(Math.round)).to.deep.equal([150, 450, 300, 600]);
      if ('from' in g) expect([...(g['from'] as number[]), ...(g['to'] as number[])].map(Math.round)).to.deep.equal([150, 600, 300, 450]);
      if ('at' in g) expect((g['at'] as number[]).map(Math.round)).to.deep.equal([300, 450]);
      if ('points' in g) {
        const points = g['points'] as number[][];
        expect(points[0]!.slice(0, 2).map(Math.round)).to.deep.equal([150, 600]);
        expect(points[points.length - 1]!.slice(0, 2).map(Math.round)).to.deep.equal([300, 450]);
      }
      if (kind === 'stamp') expect(a.stamp).to.deep.equal({ code: 'exhibit', number: 1 });
    });
  }

  it('a note is written in a text box; Enter during IME composition does not commit it', async () => {
    const opened = await setup();
    opened.layer.setTool('note');
    await opened.layer.updateComplete;
    await frames();
    const at = clientPoint(opened.viewer, 1, [100, 700], pdfToCss);
    drag(opened.viewer, at, at, 1);
    await frames(3);
    const editor = opened.layer.overlay(1)!.ui.querySelector<HTMLTextAreaElement>('textarea.editor')!;
    expect(editor, 'the note editor opens').to.be.instanceOf(HTMLTextAreaElement);
    expect(opened.layer.overlay(1)!.element.shadowRoot!.activeElement, 'and has focus').to.equal(editor);
    editor.value = 'zheng';
    editor.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, composed: true }));
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true, isComposing: true, keyCode: 229 } as KeyboardEventInit));
    await frames();
    expect(marks(opened, 'note'), 'nothing stored while composing').to.have.length(0);
    editor.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, composed: true, data: '证人' }));
    editor.value = '证人证言';
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    await frames();
    const notes = marks(opened, 'note');
    expect(notes).to.have.length(1);
    expect(notes[0]!.text).to.equal('证人证言');
    expect(notes[0]!.lang).to.equal('zh-Hans');
  });

  it('a pin takes a comment; Escape in the editor stores nothing', async () => {
    const opened = await setup();
    opened.layer.setTool('pin');
    await opened.layer.updateComplete;
    await frames();
    const at = clientPoint(opened.viewer, 1, [200, 500], pdfToCss);
    drag(opened.viewer, at, at, 1);
    await frames(3);
    let editor = opened.layer.overlay(1)!.ui.querySelector<HTMLTextAreaElement>('textarea.editor')!;
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    await frames();
    expect(marks(opened, 'pin')).to.have.length(0);
    drag(opened.viewer, at, at, 1);
    await frames(3);
    editor = opened.layer.overlay(1)!.ui.querySelector<HTMLTextAreaElement>('textarea.editor')!;
    editor.value = '此处签名存疑';
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    await frames();
    const pins = marks(opened, 'pin');
    expect(pins).to.have.length(1);
    expect(pins[0]!.text).to.equal('此处签名存疑');
    expect((pins[0]!.geometry as { at: number[] }).at.map(Math.round)).to.deep.equal([200, 500]);
  });

  it('highlights the text selected in the text layer, with quads and a quote', async () => {
    const opened = await setup();
    await waitFor(() => (opened.viewer.shadowRoot!.querySelector('.page[data-page="1"] .text-layer')?.textContent ?? '').includes('Exhibit'), 8000, 'the text layer');
    opened.layer.setTool('highlight');
    await opened.layer.updateComplete;
    const span = [...opened.viewer.shadowRoot!.querySelectorAll<HTMLElement>('.page[data-page="1"] .text-layer span')].find((s) => s.textContent?.includes('Exhibit'))!;
    const text = span.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 'Exhibit 1'.length);
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    surface(opened).focus();
    await sendKeys({ press: 'Enter' });
    await frames();
    const highlights = marks(opened, 'highlight');
    expect(highlights).to.have.length(1);
    const h = highlights[0] as Annotation<'highlight'>;
    expect(h.quote?.exact).to.equal('Exhibit 1');
    expect(h.quote?.suffix?.startsWith(':')).to.equal(true);
    const [x1, y1, x2, , , , , y4] = h.geometry.quads[0]!;
    // The first line starts at x = 36 and its baseline is at y = 792 − 48 = 744 (see make-pdf).
    expect(x1).to.be.closeTo(36, 3);
    expect(x2).to.be.greaterThan(60);
    expect(y1).to.be.greaterThan(744);
    expect(y4).to.be.lessThan(750);
  });

  it('keyboard: every tool makes its mark with Enter; Tab selects, arrows nudge, Delete removes', async () => {
    const opened = await setup();
    const s = surface(opened);
    s.focus();
    for (const key of ['r', 'o', 'a', 's', 'c']) {
      await sendKeys({ press: key });
      await sendKeys({ press: 'Enter' });
    }
    await sendKeys({ press: 'p' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Escape' }); // close the callout box if it has focus
    s.focus();
    await sendKeys({ press: 'n' });
    await sendKeys({ press: 'Enter' });
    await frames(2);
    await sendKeys({ type: 'note by keyboard' });
    await sendKeys({ press: 'Enter' });
    await frames();
    const kinds = marks(opened).map((a) => a.kind).sort();
    expect(kinds).to.deep.equal(['arrow', 'callout', 'ellipse', 'ink', 'note', 'rect', 'stamp']);
    expect((marks(opened, 'ink')[0] as Annotation<'ink'>).geometry.points).to.have.length(3);
    expect(marks(opened, 'note')[0]!.text).to.equal('note by keyboard');

    s.focus();
    await sendKeys({ press: 'v' });
    expect(opened.layer.tool).to.equal('select');
    await sendKeys({ press: 'Escape' }); // deselect the note just written
    expect(opened.layer.selectedId).to.equal(undefined);
    await sendKeys({ press: 'Tab' }); // first mark (oldest): the rectangle
    expect(opened.layer.annotation(opened.layer.selectedId!)?.kind).to.equal('rect');
    const before = (marks(opened, 'rect')[0]!.geometry as { rect: number[] }).rect;
    await sendKeys({ press: 'ArrowRight' });
    const after = (marks(opened, 'rect')[0]!.geometry as { rect: number[] }).rect;
    expect(after[0]! - before[0]!).to.be.closeTo(0.75, 1e-6); // 1 CSS px at 100 % = 0.75 pt
    await sendKeys({ press: 'Delete' });
    expect(marks(opened, 'rect')).to.have.length(0);
  });

  it('select and move with the pointer; others’ marks are locked (no move, no delete), author and venue on hover', async () => {
    const opened = await setup(CITY_MEMBER);
    const theirs = addAnnotation(opened.room.doc, { evidenceId: 'ex1', page: 1, kind: 'rect', geometry: { rect: [100, 500, 200, 600] } }, new LocalOrigin(COUNTY_PRESENTER));
    const mine = addAnnotation(opened.room.doc, { evidenceId: 'ex1', page: 1, kind: 'rect', geometry: { rect: [300, 500, 400, 600] } }, opened.room.origin!);
    await frames();
    drag(opened.viewer, clientPoint(opened.viewer, 1, [100, 550], pdfToCss), clientPoint(opened.viewer, 1, [150, 400], pdfToCss));
    await frames();
    expect(opened.layer.selectedId).to.equal(theirs);
    expect((opened.layer.annotation(theirs)!.geometry as { rect: number[] }).rect).to.deep.equal([100, 500, 200, 600]);
    opened.layer.deleteSelected();
    expect(opened.layer.annotation(theirs)?.id, 'not deleted').to.equal(theirs);
    surface(opened).focus();
    await sendKeys({ press: 'Delete' });
    expect(opened.layer.annotation(theirs)?.id).to.equal(theirs);
    // Hover shows who made it.
    const [hx, hy] = clientPoint(opened.viewer, 1, [150, 550], pdfToCss);
    opened.viewer.dispatchEvent(new PointerEvent('pointermove', { clientX: hx, clientY: hy, bubbles: true, composed: true, pointerType: 'mouse' }));
    await frames();
    const tip = opened.layer.overlay(1)!.ui.querySelector('.tip')!;
    expect(tip.textContent).to.contain('县院承办人');
    expect(tip.textContent).to.contain('某某县人民检察院');
    expect(tip.textContent).to.contain('已锁定');
    // Mine moves.
    drag(opened.viewer, clientPoint(opened.viewer, 1, [300, 550], pdfToCss), clientPoint(opened.viewer, 1, [330, 520], pdfToCss));
    await frames();
    expect((opened.layer.annotation(mine)!.geometry as { rect: number[] }).rect.map(Math.round)).to.deep.equal([330, 470, 430, 570]);
  });

  it('undo removes only the local person’s change, redo brings it back, and the view scrolls to it', async () => {
    const opened = await setup(CITY_MEMBER, 4);
    const doc = opened.room.doc;
    opened.layer.create({ page: 3, kind: 'rect', geometry: { rect: [100, 100, 200, 200] } });
    const theirs = addAnnotation(doc, { evidenceId: 'ex1', page: 3, kind: 'ellipse', geometry: { rect: [300, 300, 400, 400] } }, new LocalOrigin(COUNTY_PRESENTER));
    expect(marks(opened)).to.have.length(2);
    opened.viewer.goToPage(1);
    await frames(3);
    expect(opened.viewer.visiblePages).to.not.include(3);
    opened.viewer.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, composed: true, cancelable: true }));
    expect(marks(opened).map((a) => a.id)).to.deep.equal([theirs]);
    await waitFor(() => opened.viewer.visiblePages.includes(3), 3000, 'the view to scroll back to page 3');
    opened.viewer.dispatchEvent(new KeyboardEvent('keydown', { key: 'y', ctrlKey: true, bubbles: true, composed: true, cancelable: true }));
    expect(marks(opened)).to.have.length(2);
  });

  it('publishes a stroke in progress in presence, and draws peers’ strokes until their mark arrives', async () => {
    const opened = await setup();
    const awareness = opened.room.awareness!;
    opened.layer.setTool('ink');
    await opened.layer.updateComplete;
    await frames();
    const target = opened.viewer.shadowRoot!.querySelector('.page[data-page="1"]')!;
    const [x, y] = clientPoint(opened.viewer, 1, [100, 600], pdfToCss);
    const init = (cx: number, cy: number, buttons: number): PointerEventInit => ({ clientX: cx, clientY: cy, bubbles: true, composed: true, pointerId: 7, isPrimary: true, button: 0, buttons, pointerType: 'pen', pressure: 0.8 });
    target.dispatchEvent(new PointerEvent('pointerdown', init(x, y, 1)));
    target.dispatchEvent(new PointerEvent('pointermove', init(x + 40, y + 10, 1)));
    await frames(2);
    const drawing = (awareness.getLocalState() as { drawing?: { id: string; points: number[][]; page: number } }).drawing!;
    expect(drawing.page).to.equal(1);
    expect(drawing.points.length).to.be.greaterThan(1);
    expect(drawing.points[0]![2]).to.be.closeTo(0.8, 1e-6);
    target.dispatchEvent(new PointerEvent('pointerup', init(x + 40, y + 10, 0)));
    await frames();
    expect((awareness.getLocalState() as { drawing?: unknown }).drawing).to.equal(null);
    const stored = marks(opened, 'ink');
    expect(stored.map((a) => a.id)).to.deep.equal([drawing.id]);
  });

  it('draws a peer’s stroke while it is drawn, on the right page, and swaps it for the stored mark (same id)', async () => {
    const opened = await setup(COUNTY_PRESENTER, 2);
    const peerDoc = new Y.Doc();
    const peer = new Awareness(peerDoc);
    const disconnect = connectDocs([opened.room.doc, peerDoc], [opened.room.awareness!, peer]);
    try {
      setLocalUser(peer, presenceUser(CITY_MEMBER, '#e53935'));
      const points: [number, number, number][] = [[100, 600, 0.5], [140, 610, 0.5], [180, 600, 0.5], [220, 620, 0.5]];
      setPresence(peer, 'drawing', { evidenceId: 'ex1', page: 1, id: 'stroke1', color: '#e53935', width: 3, points });
      await frames(2);
      expect(opened.layer.input.remoteDrawings(1)).to.have.length(1);
      expect(opened.layer.input.remoteDrawings(2)).to.have.length(0);
      const live = opened.layer.overlay(1)!.liveCanvas;
      const g = opened.viewer.pageGeometry(1)!;
      const box = opened.viewer.pageElement(1)!.getBoundingClientRect();
      const alpha = (canvas: HTMLCanvasElement, p: readonly [number, number]) => {
        const [x, y] = pdfToCss(g, p);
        const f = canvas.width / box.width;
        return canvas.getContext('2d')!.getImageData(Math.round(x * f) - 2, Math.round(y * f) - 2, 5, 5).data.reduce((m, v, i) => (i % 4 === 3 ? Math.max(m, v) : m), 0);
      };
      expect(alpha(live, [100, 600]), 'the live stroke is drawn').to.be.greaterThan(100);
      // The peer lifts the pen: the mark is stored under the same id, the presence field cleared later.
      addAnnotation(peerDoc, { id: 'stroke1', evidenceId: 'ex1', page: 1, kind: 'ink', geometry: { points }, style: { color: '#e53935', width: 3, opacity: 1 } }, new LocalOrigin(CITY_MEMBER));
      await frames(2);
      expect(alpha(live, [100, 600]), 'not drawn twice').to.equal(0);
      expect(alphaAt(opened, 1, [100, 600])).to.be.greaterThan(100);
      setPresence(peer, 'drawing', null);
      await frames(2);
      expect(opened.layer.input.remoteDrawings(1)).to.have.length(0);
    } finally {
      disconnect();
    }
  });

  it('resize with the corner handle and with Alt+arrows; Enter edits a note’s text; the focused mark shows who made it', async () => {
    const opened = await setup();
    const { layer, viewer } = opened;
    const id = layer.create({ page: 1, kind: 'rect', geometry: { rect: [100, 500, 200, 600] } })!;
    layer.select(id);
    await frames();
    // The handle is at the shown bottom-right corner: user (200, 500) on an upright page.
    drag(viewer, clientPoint(viewer, 1, [200, 500], pdfToCss), clientPoint(viewer, 1, [260, 440], pdfToCss));
    await frames();
    expect((layer.annotation(id)!.geometry as { rect: number[] }).rect.map(Math.round)).to.deep.equal([100, 440, 260, 600]);
    surface(opened).focus();
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Alt' });
    expect((layer.annotation(id)!.geometry as { rect: number[] }).rect[2]).to.be.closeTo(260.75, 0.01);
    await frames();
    const tip = layer.overlay(1)!.ui.querySelector('.tip');
    expect(tip?.textContent, 'the focused mark’s author shows').to.contain('县院承办人');

    const note = layer.create({ page: 1, kind: 'note', geometry: { rect: [300, 300, 400, 360] }, text: '原文' })!;
    layer.select(note);
    surface(opened).focus();
    await sendKeys({ press: 'Enter' });
    await frames(2);
    const editor = layer.overlay(1)!.ui.querySelector<HTMLTextAreaElement>('textarea.editor')!;
    expect(editor.value).to.equal('原文');
    editor.value = '改后的文字';
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    expect(layer.annotation(note)!.text).to.equal('改后的文字');
  });

  it('a callout opens magnified; “show to everyone” fires hs-annotation-present; showCallout works for a remote callout', async () => {
    const opened = await setup();
    const { layer } = opened;
    const presented: string[] = [];
    opened.viewer.addEventListener('hs-annotation-present', (e) => presented.push((e as HsAnnotationPresentEvent).annotation.id));
    const theirs = addAnnotation(opened.room.doc, { evidenceId: 'ex1', page: 1, kind: 'callout', geometry: { rect: [30, 700, 250, 780] } }, new LocalOrigin(CITY_MEMBER));
    layer.showCallout(theirs);
    await frames(2);
    const box = layer.overlay(1)!.ui.querySelector<HTMLElement>('.callout-box')!;
    expect(box.getAttribute('role')).to.equal('dialog');
    const canvas = box.querySelector('canvas')!;
    expect(canvas.width).to.be.greaterThan(300);
    // The magnified picture has the page's text (dark pixels) in it.
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 3]! > 200) dark++;
    expect(dark).to.be.greaterThan(20);
    box.querySelector<HTMLButtonElement>('button.present')!.click();
    expect(presented).to.deep.equal([theirs]);
    box.querySelector<HTMLButtonElement>('button.close')!.click();
    await frames(2);
    expect(layer.overlay(1)!.ui.querySelector('.callout-box')).to.equal(null);
  });
});
