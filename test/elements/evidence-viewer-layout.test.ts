/**
 * `<hs-evidence-viewer>` touch pinch zoom, single-page layout and the thumbnails sidebar, on
 * generated PDFs.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { before, describe, it } from './support/mocha.js';
import type { HsPageChangeEvent } from '@huishen/elements';
import { makePdf } from './support/make-pdf.js';
import { configureTestPdfjs, type TestContext } from './support/pdf-fixtures.js';
import { loaded, pageBox, shadow, waitFor } from './support/viewer.js';
import { MAX_LIVE_THUMBNAILS } from '@huishen/elements/evidence-viewer/thumbnails.js';

const letter = [0, 0, 612, 792] as const;
const tenPages = makePdf(Array.from({ length: 10 }, (_, i) => ({ mediaBox: letter, lines: [`Page ${i + 1} of ten`] })));

function touch(target: Element, type: string, pointerId: number, clientX: number, clientY: number): void {
  target.dispatchEvent(
    new PointerEvent(type, { pointerId, pointerType: 'touch', clientX, clientY, isPrimary: pointerId === 1, bubbles: true, cancelable: true, composed: true }),
  );
}

describe('<hs-evidence-viewer> layout', () => {
  before(() => configureTestPdfjs());

  describe('pinch zoom', () => {
    it('zooms by the pinch ratio around the pinch centre', async () => {
      const el = await loaded(tenPages, { height: 500 });
      el.zoom = 1;
      await el.updateComplete;
      const viewport = shadow(el).querySelector<HTMLElement>('[part="viewport"]')!;
      const box = viewport.getBoundingClientRect();
      const cx = box.left + viewport.clientWidth / 2;
      const cy = box.top + 200;
      const page = pageBox(el, 1);
      const at = (x: number, y: number) => {
        const r = page.getBoundingClientRect();
        return [(x - r.left) / r.width, (y - r.top) / r.height];
      };
      const before = at(cx, cy);
      touch(viewport, 'pointerdown', 1, cx - 50, cy);
      touch(viewport, 'pointerdown', 2, cx + 50, cy);
      touch(viewport, 'pointermove', 2, cx + 100, cy); // spread 100 → 150
      touch(viewport, 'pointermove', 1, cx - 100, cy); // spread 150 → 200, centre back at cx
      await el.updateComplete;
      expect(el.zoomFactor).to.be.closeTo(2, 0.01);
      expect(el.zoom).to.be.closeTo(2, 0.01);
      const after = at(cx, cy);
      expect(after[0]).to.be.closeTo(before[0]!, 0.02);
      expect(after[1]).to.be.closeTo(before[1]!, 0.02);
      touch(viewport, 'pointerup', 1, cx - 100, cy);
      touch(viewport, 'pointermove', 2, cx + 300, cy); // one finger left: no zoom
      touch(viewport, 'pointerup', 2, cx + 300, cy);
      await el.updateComplete;
      expect(el.zoomFactor).to.be.closeTo(2, 0.01);
    });

    it('ignores mouse pointers', async () => {
      const el = await loaded(tenPages, { height: 500 });
      const before = el.zoomFactor;
      const viewport = shadow(el).querySelector<HTMLElement>('[part="viewport"]')!;
      for (const [id, x] of [[1, 100], [2, 200]] as const) {
        viewport.dispatchEvent(new PointerEvent('pointerdown', { pointerId: id, pointerType: 'mouse', clientX: x, clientY: 100, bubbles: true }));
      }
      viewport.dispatchEvent(new PointerEvent('pointermove', { pointerId: 2, pointerType: 'mouse', clientX: 400, clientY: 100, bubbles: true }));
      await el.updateComplete;
      expect(el.zoomFactor).to.equal(before);
    });
  });

  describe('single-page layout', () => {
    it('shows only the current page; keys, input and buttons turn pages, firing hs-page-change; the toolbar toggles it', async () => {
      const el = await loaded(tenPages, { height: 400 });
      expect(el.layout).to.equal('continuous');
      const toggle = shadow(el).querySelector<HTMLButtonElement>('[part="layout-toggle"]')!;
      expect(toggle.getAttribute('aria-pressed')).to.equal('false');
      expect(toggle.textContent!.trim()).to.equal('单页显示');
      toggle.click();
      await el.updateComplete;
      expect([el.layout, el.getAttribute('layout'), toggle.getAttribute('aria-pressed')]).to.deep.equal(['single', 'single', 'true']);
      const shown = () => [...shadow(el).querySelectorAll<HTMLElement>('.page')].filter((p) => p.offsetHeight > 0).map((p) => Number(p.dataset['page']));
      expect(shown()).to.deep.equal([1]);
      const viewport = shadow(el).querySelector<HTMLElement>('[part="viewport"]')!;
      let change = oneEvent(el, 'hs-page-change') as Promise<HsPageChangeEvent>;
      viewport.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
      expect([(await change).page, (await change).previousPage]).to.deep.equal([2, 1]);
      await waitFor(() => el.page === 2);
      expect(shown()).to.deep.equal([2]);
      const input = shadow(el).querySelector<HTMLInputElement>('[part="page-input"]')!;
      change = oneEvent(el, 'hs-page-change') as Promise<HsPageChangeEvent>;
      input.value = '7';
      input.dispatchEvent(new Event('change'));
      expect((await change).page).to.equal(7);
      expect(shown()).to.deep.equal([7]);
      expect(pageBox(el, 7).offsetTop - viewport.scrollTop).to.be.lessThan(20);
      viewport.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, cancelable: true }));
      await waitFor(() => el.page === 10);
      expect(shown()).to.deep.equal([10]);
      viewport.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, cancelable: true }));
      await waitFor(() => el.page === 1);
      el.zoom = 'fit-page';
      await el.updateComplete;
      const pageDown = new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, cancelable: true });
      viewport.dispatchEvent(pageDown);
      expect(pageDown.defaultPrevented).to.equal(true);
      await waitFor(() => el.page === 2);
      shadow(el).querySelector<HTMLButtonElement>('.next-page')!.click();
      await waitFor(() => el.page === 3);
      expect(shown()).to.deep.equal([3]);
      el.layout = 'continuous';
      await el.updateComplete;
      expect(el.hasAttribute('layout') && el.getAttribute('layout')).to.equal('continuous');
      expect(shown().length).to.equal(10);
      await waitFor(() => el.page === 3, 2000, 'stays on page 3');
    });

    it('takes the layout attribute', async () => {
      const el = await loaded(tenPages, { height: 400 });
      el.setAttribute('layout', 'single');
      await el.updateComplete;
      expect(el.layout).to.equal('single');
      el.goToPage(4);
      await waitFor(() => el.page === 4);
      expect(pageBox(el, 3).offsetHeight).to.equal(0);
      expect(pageBox(el, 4).offsetHeight).to.be.greaterThan(0);
    });
  });

  describe('thumbnails sidebar', () => {
    it('toggles from the toolbar; a thumbnail is a labelled button that goes to its page; arrows move focus, Enter goes', async () => {
      const el = await loaded(tenPages, { height: 500 });
      const sidebar = shadow(el).querySelector<HTMLElement>('[part="thumbnails"]')!;
      expect(sidebar.hidden).to.equal(true);
      const toggle = shadow(el).querySelector<HTMLButtonElement>('[part="thumbnails-toggle"]')!;
      expect([toggle.textContent!.trim(), toggle.getAttribute('aria-pressed')]).to.deep.equal(['缩略图', 'false']);
      toggle.click();
      await el.updateComplete;
      expect([el.thumbnails, el.hasAttribute('thumbnails'), toggle.getAttribute('aria-pressed'), sidebar.hidden]).to.deep.equal([true, true, 'true', false]);
      expect(sidebar.getAttribute('aria-label')).to.equal('缩略图');
      const thumb = (n: number) => sidebar.querySelector<HTMLButtonElement>(`[part="thumbnail"][data-page="${n}"]`)!;
      expect(sidebar.querySelectorAll('[part="thumbnail"]').length).to.equal(10);
      expect(thumb(1).getAttribute('aria-label')).to.equal('第 1 页');
      expect(thumb(1).getAttribute('aria-current')).to.equal('page');
      await waitFor(() => thumb(1).hasAttribute('data-rendered'), 8000, 'thumbnail 1 drawn');
      const change = oneEvent(el, 'hs-page-change') as Promise<HsPageChangeEvent>;
      thumb(6).click();
      expect((await change).page).to.equal(6);
      await waitFor(() => el.page === 6 && thumb(6).getAttribute('aria-current') === 'page');
      expect(thumb(1).hasAttribute('aria-current')).to.equal(false);
      const viewport = shadow(el).querySelector<HTMLElement>('[part="viewport"]')!;
      expect(pageBox(el, 6).offsetTop - viewport.scrollTop).to.be.lessThan(20);
      // Keyboard: one tab stop on the current thumbnail; arrows move focus, Enter activates.
      expect([thumb(6).tabIndex, thumb(1).tabIndex]).to.deep.equal([0, -1]);
      thumb(6).focus();
      thumb(6).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
      expect(shadow(el).activeElement).to.equal(thumb(7));
      thumb(7).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
      thumb(8).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, cancelable: true }));
      expect(shadow(el).activeElement).to.equal(thumb(7));
      const { sendKeys } = await import('@web/test-runner-commands');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => el.page === 7 && thumb(7).getAttribute('aria-current') === 'page', 4000, 'Enter goes to page 7');
      el.thumbnails = false;
      await el.updateComplete;
      expect(sidebar.hidden).to.equal(true);
    });

    it('draws only thumbnails in view and keeps live thumbnail canvases bounded on a long document', async function (this: TestContext) {
      this.timeout(60000);
      const many = makePdf(Array.from({ length: 240 }, (_, i) => ({ mediaBox: letter, lines: [`Page ${i + 1}`] })));
      const el = await loaded(many, { height: 500 });
      el.setAttribute('thumbnails', '');
      await el.updateComplete;
      const sidebar = shadow(el).querySelector<HTMLElement>('[part="thumbnails"]')!;
      const drawn = () => sidebar.querySelectorAll('[part="thumbnail"][data-rendered]').length;
      await waitFor(() => drawn() > 0, 8000, 'first thumbnails drawn');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(drawn(), 'only those in view').to.be.lessThan(10);
      let peak = 0;
      const seen = new Set<string>();
      for (let top = 0; top < sidebar.scrollHeight; top += sidebar.clientHeight) {
        sidebar.scrollTop = top;
        const at = sidebar.scrollTop; // the last step stops at the end
        await waitFor(() => {
          peak = Math.max(peak, el.liveThumbnailCount, sidebar.querySelectorAll('canvas').length);
          sidebar.querySelectorAll<HTMLElement>('[data-rendered]').forEach((b) => seen.add(b.dataset['page']!));
          return [...sidebar.querySelectorAll<HTMLElement>('[part="thumbnail"]')].some(
            (b) => b.hasAttribute('data-rendered') && b.offsetTop - sidebar.offsetTop >= at - 5 && b.offsetTop - sidebar.offsetTop < at + sidebar.clientHeight,
          );
        }, 8000, `a thumbnail drawn at ${top}`);
      }
      await waitFor(() => sidebar.querySelector('[data-page="240"][data-rendered]') !== null, 8000, 'last thumbnail drawn');
      expect(seen.size, 'more thumbnails drawn over time than the cap').to.be.greaterThan(MAX_LIVE_THUMBNAILS);
      expect(peak).to.be.at.most(MAX_LIVE_THUMBNAILS);
      expect(el.liveThumbnailCount).to.be.at.most(MAX_LIVE_THUMBNAILS);
    });
  });
});
