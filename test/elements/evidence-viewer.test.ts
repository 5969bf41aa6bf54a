/**
 * `<hs-evidence-viewer>` behaviour on generated PDFs and images (no shared fixtures needed):
 * states, events, zoom, rotation, navigation, find, selection, integrity, in-room use.
 */
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { addEvidence, initRoom, SERVER_ORIGIN } from '@huishen/model';
import { before, describe, it } from './support/mocha.js';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import {
  HsEvidenceViewer,
  HsIntegrityMismatchEvent,
  MAX_CANVAS_PIXELS,
  openPdf,
  PDF_TO_CSS_UNITS,
  parseZoom,
  type HsDocumentErrorEvent,
  type HsDocumentLoadEvent,
  type HsPageChangeEvent,
  type HsViewportChangeEvent,
  type RoomContextValue,
} from '@huishen/elements';
import { PageView } from '@huishen/elements/evidence-viewer/page-view.js';
import { fetchBytes, sniff } from '@huishen/elements/evidence-viewer/source.js';
import { actor, origin } from '../helpers/model-fixtures.js';
import { makePdf } from './support/make-pdf.js';
import { sha256, TestRoomProvider } from './support/room.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { inkRatio, loaded, pageBox, rendered, settled, shadow, textLayerText, waitFor } from './support/viewer.js';

/** A PNG of `width`×`height` with a black square in the top-left quarter. */
async function makePng(width: number, height: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width / 2, height / 2);
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/png'));
}

const letter = [0, 0, 612, 792] as const;
const tenPages = makePdf(
  Array.from({ length: 10 }, (_, i) => ({ mediaBox: letter, lines: [`Page ${i + 1} of ten`, i === 6 ? 'needle here' : 'hay'] })),
);


describe('<hs-evidence-viewer>', () => {
  before(() => configureTestPdfjs());

  describe('opening', () => {
    it('opens a PDF from `source` and fires hs-document-load with kind, page count and SHA-256', async () => {
      const el = await fixture<HsEvidenceViewer>(html`<hs-evidence-viewer></hs-evidence-viewer>`);
      const event = oneEvent(el, 'hs-document-load') as Promise<HsDocumentLoadEvent>;
      el.source = tenPages.buffer;
      const e = await event;
      expect([e.kind, e.pageCount, e.sha256]).to.deep.equal(['pdf', 10, await sha256(tenPages)]);
      expect([el.status, el.getAttribute('status'), el.pageCount, el.kind]).to.deep.equal(['ready', 'ready', 10, 'pdf']);
      await waitFor(() => textLayerText(el, 1).includes('Page 1 of ten'));
      expect(inkRatio(await rendered(el, 1))).to.be.greaterThan(0);
    });

    it('opens a PDF from `src`, and a Blob `source`', async () => {
      const url = URL.createObjectURL(new Blob([tenPages], { type: 'application/pdf' }));
      const a = await loaded(url);
      expect(a.pageCount).to.equal(10);
      URL.revokeObjectURL(url);
      const b = await fixture<HsEvidenceViewer>(html`<hs-evidence-viewer></hs-evidence-viewer>`);
      b.source = new Blob([tenPages]);
      await settled(b);
      expect(b.pageCount).to.equal(10);
    });

    it('is idle without anything to show', async () => {
      const el = await fixture<HsEvidenceViewer>(html`<hs-evidence-viewer></hs-evidence-viewer>`);
      await aTimeout(0);
      expect(el.status).to.equal('idle');
      expect(shadow(el).querySelector('[part="status-panel"]')).to.equal(null);
    });

    it('shows an image as one page with its aspect ratio', async () => {
      const el = await fixture<HsEvidenceViewer>(html`<hs-evidence-viewer></hs-evidence-viewer>`);
      const event = oneEvent(el, 'hs-document-load') as Promise<HsDocumentLoadEvent>;
      el.source = await makePng(400, 300);
      expect((await event).kind).to.equal('image');
      expect(el.pageCount).to.equal(1);
      const box = pageBox(el, 1);
      expect(Math.abs(box.offsetWidth / box.offsetHeight - 4 / 3)).to.be.lessThan(0.01);
      el.rotation = 90;
      await el.updateComplete;
      await waitFor(() => Math.abs(pageBox(el, 1).offsetWidth / pageBox(el, 1).offsetHeight - 3 / 4) < 0.01);
      expect(shadow(el).querySelector('[part="find-input"]'), 'no find for images').to.equal(null);
    });

    it('says unsupported for other bytes, localised and announced', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><hs-evidence-viewer></hs-evidence-viewer></div>`);
      const el = wrapper.querySelector('hs-evidence-viewer')!;
      const event = oneEvent(el, 'hs-document-error') as Promise<HsDocumentErrorEvent>;
      el.source = new TextEncoder().encode('just some text, not evidence').buffer;
      expect((await event).status).to.equal('unsupported');
      await el.updateComplete;
      expect(shadow(el).querySelector('[part="status-panel"]')?.textContent).to.include('This file type is not supported.');
      await waitFor(() => (shadow(el).querySelector('[role="status"]')?.textContent ?? '').includes('not supported'));
    });

    it('says network error for a failed download, and retries', async () => {
      const el = await loaded('/__does-not-exist__.pdf');
      expect(el.status).to.equal('network-error');
      const panel = shadow(el).querySelector('[part="status-panel"]')!;
      expect(panel.textContent).to.include('无法下载文件，请检查网络后重试。');
      expect(panel.textContent).to.include('HTTP 404');
      const retry = shadow(el).querySelector<HTMLButtonElement>('.retry')!;
      const url = URL.createObjectURL(new Blob([tenPages]));
      el.src = url; // the file is there now; retry also works without a new src
      await el.updateComplete;
      await settled(el);
      expect(el.status).to.equal('ready');
      expect(retry).to.not.equal(null);
    });

    it('frees the document when removed from the page and opens it again when put back', async () => {
      const el = await loaded(tenPages);
      await rendered(el, 1);
      const parent = el.parentElement!;
      el.remove();
      expect(el.liveCanvasCount).to.equal(0);
      expect(el.pageCount).to.equal(0);
      parent.append(el);
      await settled(el);
      expect([el.status, el.pageCount]).to.deep.equal(['ready', 10]);
    });

    it('renders error details as text, never as HTML', async () => {
      const el = await loaded('/__missing__/<img src=x onerror=alert(1)>.pdf');
      expect(el.status).to.equal('network-error');
      expect(shadow(el).querySelector('[part="status-panel"] img')).to.equal(null);
    });
  });

  describe('integrity', () => {
    it('fires hs-integrity-mismatch and shows a localised alert when the SHA-256 differs', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="zh-TW"><hs-evidence-viewer expected-sha256=${'0'.repeat(64)}></hs-evidence-viewer></div>`,
      );
      const el = wrapper.querySelector('hs-evidence-viewer')!;
      const event = oneEvent(el, 'hs-integrity-mismatch') as Promise<HsIntegrityMismatchEvent>;
      el.source = tenPages.buffer;
      const e = await event;
      expect(e).to.be.instanceOf(HsIntegrityMismatchEvent);
      expect([e.expected, e.actual]).to.deep.equal(['0'.repeat(64), await sha256(tenPages)]);
      expect(el.integrity).to.equal('mismatch');
      expect(el.getAttribute('integrity')).to.equal('mismatch');
      await el.updateComplete;
      const warning = shadow(el).querySelector('[part="integrity-warning"]')!;
      expect(warning.getAttribute('role')).to.equal('alert');
      expect(warning.textContent).to.include('SHA-256 校驗值不符');
    });

    it('is ok when the SHA-256 matches, and unchecked with nothing to compare', async () => {
      const ok = await loaded(tenPages, { expected: await sha256(tenPages) });
      expect(ok.integrity).to.equal('ok');
      expect(shadow(ok).querySelector('[part="integrity-warning"]')).to.equal(null);
      const none = await loaded(tenPages);
      expect(none.integrity).to.equal('unchecked');
    });
  });

  describe('view', () => {
    it('zooms to a factor, fit-width and fit-page; ctrl+wheel zooms', async () => {
      const el = await loaded(tenPages, { height: 500 });
      const viewport = shadow(el).querySelector<HTMLElement>('[part="viewport"]')!;
      expect(pageBox(el, 1).offsetWidth).to.be.closeTo(viewport.clientWidth - 24, 2); // fit-width by default
      el.zoom = 2;
      await el.updateComplete;
      expect(el.zoomFactor).to.equal(2);
      expect(pageBox(el, 1).offsetWidth).to.be.closeTo(612 * PDF_TO_CSS_UNITS * 2, 1);
      el.zoom = 'fit-page';
      await el.updateComplete;
      expect(pageBox(el, 1).offsetHeight).to.be.at.most(viewport.clientHeight);
      const before = el.zoomFactor;
      viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: -200, ctrlKey: true, bubbles: true, cancelable: true }));
      await el.updateComplete;
      expect(el.zoomFactor).to.be.greaterThan(before);
      expect(parseZoom('150%')).to.equal(1.5);
      expect(parseZoom('fit-page')).to.equal('fit-page');
      expect(parseZoom('nonsense')).to.equal('fit-width');
    });

    it('re-renders sharply after a zoom, keeping the old pixels until the new ones are ready', async () => {
      const el = await loaded(tenPages);
      const first = await rendered(el, 1);
      const width = first.width;
      el.zoom = el.zoomFactor * 2;
      await el.updateComplete;
      expect(pageBox(el, 1).querySelector('canvas'), 'old canvas still shown').to.equal(first);
      await waitFor(() => pageBox(el, 1).querySelector('canvas') !== first);
      const second = pageBox(el, 1).querySelector('canvas')!;
      expect(second.width).to.be.closeTo(width * 2, 2);
      expect(first.width, 'old canvas released').to.equal(0);
    });

    it('navigates with goToPage, the page input and keys, firing hs-page-change', async () => {
      const el = await loaded(tenPages, { height: 400 });
      const change = oneEvent(el, 'hs-page-change') as Promise<HsPageChangeEvent>;
      el.goToPage(5);
      const e = await change;
      expect([e.page, e.previousPage]).to.deep.equal([5, 1]);
      await el.updateComplete;
      expect(el.page).to.equal(5);
      const viewport = shadow(el).querySelector<HTMLElement>('[part="viewport"]')!;
      viewport.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
      await waitFor(() => el.page === 6);
      viewport.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', bubbles: true }));
      await waitFor(() => el.page === 5);
      const input = shadow(el).querySelector<HTMLInputElement>('[part="page-input"]')!;
      input.value = '9';
      input.dispatchEvent(new Event('change'));
      await waitFor(() => el.page === 9);
      el.page = 2;
      await waitFor(() => el.page === 2 && pageBox(el, 2).offsetTop - viewport.scrollTop < 20);
    });

    it('rotates with the button and the r key; pages turn a quarter', async () => {
      const el = await loaded(tenPages);
      const w = pageBox(el, 1).offsetWidth;
      const h = pageBox(el, 1).offsetHeight;
      el.zoom = 1;
      await el.updateComplete;
      shadow(el).querySelector<HTMLButtonElement>('.rotate')!.click();
      await el.updateComplete;
      expect(el.rotation).to.equal(90);
      expect(pageBox(el, 1).offsetWidth / pageBox(el, 1).offsetHeight).to.be.closeTo(h / w, 0.01);
      const viewport = shadow(el).querySelector<HTMLElement>('[part="viewport"]')!;
      viewport.dispatchEvent(new KeyboardEvent('keydown', { key: 'R', shiftKey: true, bubbles: true }));
      await el.updateComplete;
      expect(el.rotation).to.equal(0);
    });

    it('scrollToRegion brings a PDF-space rect into view; hs-viewport-change reports the region in PDF space', async () => {
      const el = await loaded(tenPages, { height: 400 });
      el.zoom = 1;
      await el.updateComplete;
      let last: HsViewportChangeEvent | undefined;
      el.addEventListener('hs-viewport-change', (e) => (last = e));
      el.scrollToRegion(4, [100, 300, 200, 350]);
      await waitFor(() => last?.page === 4);
      const [x1, y1, x2, y2] = last!.region;
      expect(y2).to.be.closeTo(350 + 8 / PDF_TO_CSS_UNITS, 1); // the rect's top edge at the top, 8px margin
      expect(x1).to.be.at.most(100);
      expect(x2).to.be.at.least(200);
      expect(y1).to.be.lessThan(300);
      expect(last!.zoom).to.equal(1);
    });
  });

  describe('find and selection', () => {
    it('finds text across pages with counts, next and previous, and highlights the current match', async () => {
      const el = await loaded(tenPages);
      await el.find('ten');
      expect(el.findSummary()).to.equal('第 1 个，共 10 个');
      el.findStep(1);
      el.findStep(1);
      await el.updateComplete;
      expect(shadow(el).querySelector('[part="find-count"]')?.textContent).to.equal('第 3 个，共 10 个');
      el.findStep(-1);
      el.findStep(-1);
      el.findStep(-1);
      expect(el.findSummary()).to.equal('第 10 个，共 10 个'); // wraps around
      await el.find('NEEDLE'); // case-insensitive
      expect(el.findSummary()).to.equal('第 1 个，共 1 个');
      await waitFor(() => el.page === 7 && shadow(el).querySelector('.page[data-page="7"] .highlight.selected') !== null, 8000, 'match on page 7');
      await el.find('ｎｅｅｄｌｅ　ｈｅｒｅ'); // full-width and an ideographic space
      expect(el.findSummary()).to.equal('第 1 个，共 1 个');
      await el.find('absent');
      expect(el.findSummary()).to.equal('未找到');
    });

    it('lets the text layer be selected and copied as text', async () => {
      const el = await loaded(tenPages);
      await waitFor(() => textLayerText(el, 1).includes('Page 1'));
      const layer = shadow(el).querySelector('.page[data-page="1"] .text-layer')!;
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.selectAllChildren(layer);
      expect(selection.toString()).to.include('Page 1 of ten');
      expect(getComputedStyle(layer.querySelector('span')!).userSelect).to.equal('text');
      selection.removeAllRanges();
    });
  });

  describe('sources', () => {
    it('reads a download whole whatever its Content-Length says, reporting progress', async () => {
      const body = Uint8Array.from({ length: 25_000 }, (_, i) => i % 251);
      const realFetch = window.fetch;
      for (const announced of ['10', '25000', '100000', null]) {
        window.fetch = async () =>
          new Response(new Blob([body]), { headers: announced === null ? {} : { 'content-length': announced, 'content-type': 'application/pdf' } });
        const progress: number[] = [];
        try {
          const got = await fetchBytes('/x', undefined, (n) => progress.push(n), new AbortController().signal);
          expect(Array.from(got.bytes), `Content-Length ${announced}`).to.deep.equal(Array.from(body));
          expect(progress[progress.length - 1]).to.equal(body.length);
        } finally {
          window.fetch = realFetch;
        }
      }
    });

    it('recognises PDFs, JPEG, PNG and WebP by their bytes', () => {
      const bytes = (...b: number[]) => Uint8Array.from(b);
      expect(sniff(new TextEncoder().encode('junk\n%PDF-1.7\n'), '').kind).to.equal('pdf');
      expect(sniff(bytes(0xff, 0xd8, 0xff, 0xe0), '').mime).to.equal('image/jpeg');
      expect(sniff(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), '').mime).to.equal('image/png');
      expect(sniff(bytes(0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50), '').mime).to.equal('image/webp');
      expect(sniff(bytes(1, 2, 3), 'application/pdf').kind, 'declared PDF: pdf.js decides').to.equal('pdf');
      expect(sniff(bytes(1, 2, 3), 'image/png').kind, 'says PNG, is not').to.equal('unknown');
    });
  });

  describe('page views', () => {
    it('cancel a render in flight when evicted, and cap canvas pixels', async () => {
      const doc = await openPdf({ data: tenPages });
      try {
        const page = await doc.getPage(1);
        const geometry = { view: page.view, scale: 1, rotation: 0 };
        const view = new PageView(1, geometry, 'page 1');
        document.body.append(view.element);
        const drawing = view.render(page, 1);
        view.evict();
        expect(await drawing, 'cancelled').to.equal(false);
        expect(view.hasCanvas).to.equal(false);
        expect(view.element.querySelector('canvas')).to.equal(null);

        view.layout({ ...geometry, scale: 12 }); // 7344 × 9504 CSS px: 70 M pixels uncapped
        expect(await view.render(page, 2)).to.equal(true);
        const canvas = view.element.querySelector('canvas')!;
        expect(canvas.width * canvas.height).to.be.at.most(MAX_CANVAS_PIXELS);
        expect(canvas.width / canvas.height).to.be.closeTo(612 / 792, 0.01);
        view.destroy();
        expect(canvas.width, 'released').to.equal(0);
      } finally {
        await doc.destroy();
      }
    });
  });

  describe('layers', () => {
    it('stacks canvas, text layer, find layer, annotation slot and presence slot in that order', async () => {
      const el = await loaded(tenPages);
      await rendered(el, 1);
      await waitFor(() => textLayerText(el, 1) !== '');
      const order = Array.from(pageBox(el, 1).children, (child) => child.className);
      expect(order).to.deep.equal(['canvas', 'text-layer', 'find-layer', 'annotation-layer', 'presence-layer']);
      const slot = pageBox(el, 1).querySelector<HTMLSlotElement>('.annotation-layer slot')!;
      expect(slot.name).to.equal('annotations-page-1');
      const mark = document.createElement('div');
      mark.slot = 'annotations-page-1';
      el.append(mark);
      expect(slot.assignedElements()).to.deep.equal([mark]);
    });
  });

  describe('in a room', () => {
    it('resolves evidence-id from the room, fetches from the evidence store and checks the record hash', async () => {
      const doc = new Y.Doc();
      initRoom(doc, { generation: 'g1', now: 1 }, SERVER_ORIGIN);
      const hash = await sha256(tenPages);
      const store = new Map([[hash, URL.createObjectURL(new Blob([tenPages]))]]);
      const fetched: string[] = [];
      const awareness = new Awareness(doc);
      const room: RoomContextValue = {
        doc,
        awareness,
        evidenceUrl: (sha) => {
          fetched.push(sha);
          return store.get(sha) ?? '/__missing__';
        },
        fetchInit: () => ({ credentials: 'same-origin' }),
      };
      const provider = await fixture<TestRoomProvider>(
        html`<hs-test-room-provider .room=${room}><hs-evidence-viewer evidence-id="ev1"></hs-evidence-viewer></hs-test-room-provider>`,
      );
      const el = provider.querySelector('hs-evidence-viewer')!;
      await el.updateComplete;
      expect(el.status, 'waits for the record').to.equal('loading');
      addEvidence(
        doc,
        { id: 'ev1', title: '讯问笔录', kind: 'pdf', mime: 'application/pdf', bytes: tenPages.byteLength, sha256: hash, pages: 10 },
        origin(actor('presenter')),
      );
      await settled(el);
      expect(el.status).to.equal('ready');
      expect(fetched).to.deep.equal([hash]);
      expect(el.integrity).to.equal('ok');
      expect((awareness.getLocalState() as { integrity?: unknown }).integrity).to.deep.equal({ ev1: 'ok' });

      // A record whose hash does not match the bytes served: loud warning, presence says mismatch.
      addEvidence(
        doc,
        { id: 'ev2', title: '鉴定意见', kind: 'pdf', mime: 'application/pdf', bytes: 10, sha256: 'f'.repeat(64), pages: 10 },
        origin(actor('presenter')),
      );
      store.set('f'.repeat(64), store.get(hash)!);
      const mismatch = oneEvent(el, 'hs-integrity-mismatch');
      el.evidenceId = 'ev2';
      await mismatch;
      expect(el.integrity).to.equal('mismatch');
      expect((awareness.getLocalState() as { integrity?: unknown }).integrity).to.deep.equal({ ev1: 'ok', ev2: 'mismatch' });
      awareness.destroy();
    });
  });
});
