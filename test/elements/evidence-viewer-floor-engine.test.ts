/**
 * The floor engine (pdfjs-dist 4.10.38, for Chromium 103–124) behind the same adapter, forced in
 * this Chromium: the viewer must not know which engine runs. (Running it in a real Chromium 103
 * is issue 11's old-engine suite.)
 */
import { expect } from '@open-wc/testing';
import { before, describe, it } from './support/mocha.js';
import { openPdf, pageBoxSize, PDF_TO_CSS_UNITS, pdfToCss, selectedEngine, detectEngine } from '@huishen/elements';
import { makePdf } from './support/make-pdf.js';
import { configureTestPdfjs, fixtureOrSkip, type TestContext } from './support/pdf-fixtures.js';
import { inkRatio, loaded, rendered, shadow, textLayerText, waitFor } from './support/viewer.js';

describe('floor engine (pdfjs-dist 4.10.38) behind the adapter', () => {
  before(() => configureTestPdfjs('floor'));

  it('is selected when forced; detection picks the current engine in this Chromium', async () => {
    expect(selectedEngine()).to.equal('floor');
    expect(detectEngine()).to.equal('current');
    const doc = await openPdf({ data: makePdf([{ mediaBox: [0, 0, 100, 100] }]) });
    expect(doc.engine).to.equal('floor');
    expect(doc.version).to.equal('4.10.38');
    await doc.destroy();
  });

  it('agrees with the geometry module for every zoom × rotation on an offset MediaBox', async () => {
    const doc = await openPdf({ data: makePdf([{ mediaBox: [-40, 25, 560, 900], rotate: 90 }]) });
    const page = await doc.getPage(1);
    for (const zoom of [0.5, 1, 2.5]) {
      for (const r of [0, 90, 180, 270]) {
        const scale = zoom * PDF_TO_CSS_UNITS;
        const rotation = (page.rotate + r) % 360;
        const viewport = page.viewport(scale, rotation);
        const g = { view: page.view, scale, rotation };
        expect(pageBoxSize(g).width).to.be.closeTo(viewport.width, 1e-6);
        for (const p of [[-40, 25], [560, 900], [100, 400]] as const) {
          const [x, y] = pdfToCss(g, p);
          const [vx, vy] = viewport.convertToViewportPoint(p[0], p[1]);
          expect(x).to.be.closeTo(vx!, 1e-6);
          expect(y).to.be.closeTo(vy!, 1e-6);
        }
      }
    }
    await doc.destroy();
  });

  it('shows Chinese text in the text layer and finds it', async function (this: TestContext) {
    const el = await loaded(await fixtureOrSkip(this, 'pdf/cjk/issue2128r.pdf'));
    await waitFor(() => textLayerText(el, 1).replace(/\s/g, '').includes('浅谈校长的魅力'), 10000, 'Chinese text');
    await el.find('校长');
    expect(el.findSummary()).to.equal('第 1 个，共 1 个');
    await waitFor(() => shadow(el).querySelector('.highlight.selected') !== null);
  });

  it('renders a JBIG2 scan non-blank', async function (this: TestContext) {
    this.timeout(30000);
    const el = await loaded(await fixtureOrSkip(this, 'pdf/scanned/issue12963.pdf'));
    expect(inkRatio(await rendered(el, 1, 25000), 250)).to.be.greaterThan(0.0005);
  });

  it('asks for a password, refuses a wrong one, opens with the right one', async function (this: TestContext) {
    const el = await loaded(await fixtureOrSkip(this, 'pdf/encrypted/issue6010_1.pdf'));
    expect(el.status).to.equal('password');
    el.submitPassword('nope');
    await waitFor(() => shadow(el).querySelector('.password-message')?.textContent === '密码不正确，请重新输入。');
    el.submitPassword('abc');
    await waitFor(() => el.status === 'ready');
  });

  it('shows the damaged state for an invalid file', async function (this: TestContext) {
    const el = await loaded(await fixtureOrSkip(this, 'pdf/malformed/bug1020226.pdf'));
    expect(el.status).to.equal('damaged');
  });
});
