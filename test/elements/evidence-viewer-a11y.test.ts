/** axe finds no violations in `<hs-evidence-viewer>`: loaded, with the thumbnails sidebar, and in an error state. */
import { expect, fixture, html } from '@open-wc/testing';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import type { HsEvidenceViewer } from '@huishen/elements';
import { before, describe, it } from './support/mocha.js';
import { makePdf } from './support/make-pdf.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { settled } from './support/viewer.js';

const pdf = makePdf(Array.from({ length: 4 }, (_, i) => ({ mediaBox: [0, 0, 612, 792] as const, lines: [`第 ${i + 1} 页`, 'Exhibit'] })));

describe('<hs-evidence-viewer> accessibility', () => {
  before(() => configureTestPdfjs());

  it('a loaded PDF with the thumbnails sidebar has no axe violations', async () => {
    const el = await fixture<HsEvidenceViewer>(html`<hs-evidence-viewer thumbnails .source=${pdf.slice().buffer}></hs-evidence-viewer>`);
    await settled(el);
    expect(el.status).to.equal('ready');
    await expect(el).to.be.accessible();
  });

  it('the damaged-file state has no axe violations', async () => {
    const el = await fixture<HsEvidenceViewer>(html`<hs-evidence-viewer .source=${new TextEncoder().encode('%PDF-1.4 broken').buffer}></hs-evidence-viewer>`);
    await settled(el);
    expect(el.status).to.equal('damaged');
    await expect(el).to.be.accessible();
  });
});
