/**
 * Virtualisation on a long real book: ../shared/fixtures/pdf/perf/freeculture.pdf (352 pages).
 * Scrolling end to end keeps the number of live canvases bounded by the visible pages plus the
 * buffer, and every page on the way gets drawn when it stays in view.
 */
import { expect } from '@open-wc/testing';
import { before, describe, it } from './support/mocha.js';
import { configureTestPdfjs, fixtureOrSkip, type TestContext } from './support/pdf-fixtures.js';
import { inkRatio, loaded, pageBox, rendered, shadow, waitFor } from './support/viewer.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('<hs-evidence-viewer> virtualisation', () => {
  before(() => configureTestPdfjs());

  it('keeps a far page in view while the sizes of the pages above it are still being read', async function (this: TestContext) {
    this.timeout(30_000);
    const el = await loaded(await fixtureOrSkip(this, 'pdf/perf/freeculture.pdf'), { height: 700 });
    const viewport = shadow(el).querySelector<HTMLElement>('[part="viewport"]')!;
    el.goToPage(182); // at once: most page sizes (three kinds in this book) are estimates now
    await rendered(el, 182);
    let stable = 0;
    let height = -1;
    await waitFor(() => {
      stable = viewport.scrollHeight === height ? stable + 1 : 0;
      height = viewport.scrollHeight;
      return stable > 30; // half a second without a size change: all sizes read
    }, 20_000, 'page sizes read');
    const box = pageBox(el, 182);
    expect(box.offsetTop).to.be.lessThan(viewport.scrollTop + viewport.clientHeight);
    expect(box.offsetTop + box.offsetHeight).to.be.greaterThan(viewport.scrollTop);
    expect(el.page).to.equal(182);
  });

  it('scrolls freeculture.pdf (352 pages) end to end with live canvases bounded', async function (this: TestContext) {
    this.timeout(120_000);
    const el = await loaded(await fixtureOrSkip(this, 'pdf/perf/freeculture.pdf'), { height: 700 });
    expect(el.pageCount).to.equal(352);
    const viewport = shadow(el).querySelector<HTMLElement>('[part="viewport"]')!;
    await rendered(el, 1);
    let maxLive = 0;
    let maxVisible = 0;
    let steps = 0;
    const visibleCount = () => {
      const top = viewport.scrollTop;
      const bottom = top + viewport.clientHeight;
      return Array.from(shadow(el).querySelectorAll<HTMLElement>('.page')).filter(
        (p) => p.offsetTop < bottom && p.offsetTop + p.offsetHeight > top,
      ).length;
    };
    while (viewport.scrollTop + viewport.clientHeight < viewport.scrollHeight - 1) {
      viewport.scrollTop += viewport.clientHeight * 0.9;
      await nextFrame();
      await nextFrame();
      steps++;
      maxVisible = Math.max(maxVisible, visibleCount());
      maxLive = Math.max(maxLive, el.liveCanvasCount);
      const holding = shadow(el).querySelectorAll('canvas').length;
      expect(holding, `canvases in the DOM at step ${steps}`).to.be.at.most(maxVisible + 4);
    }
    expect(el.page).to.equal(352);
    const last = await rendered(el, 352, 20000);
    expect(inkRatio(last, 250)).to.be.greaterThan(0);
    expect(maxLive, `max live canvases (max visible ${maxVisible})`).to.be.at.most(maxVisible + 4);
    expect(steps).to.be.greaterThan(100);
    await waitFor(() => el.liveCanvasCount <= visibleCount() + 2, 5000, 'settled canvases');
    console.log(`freeculture.pdf: ${steps} scroll steps, max ${maxVisible} visible, max ${maxLive} live canvases`);

    // A far jump lands on a drawn page and the page box far away holds no pixels.
    el.goToPage(10);
    await rendered(el, 10);
    expect(pageBox(el, 352).querySelector('canvas')).to.equal(null);
  });
});
