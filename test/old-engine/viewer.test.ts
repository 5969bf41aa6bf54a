/**
 * Old-engine smoke: in a real Chromium 103 the viewer picks the floor pdf.js engine by feature
 * detection, renders a Chinese PDF from the shared fixtures, finds its text, and shows a camera
 * still (an image) — the same element code as in the current Chromium.
 */
import { expect } from '@open-wc/testing';
import { before, describe, it } from '../elements/support/mocha.js';
import { detectEngine, selectedEngine } from '@huishen/elements';
import '@huishen/elements/define.js';
import { configureTestPdfjs, fixtureOrSkip, type TestContext } from '../elements/support/pdf-fixtures.js';
import { inkRatio, loaded, rendered, shadow, textLayerText, waitFor } from '../elements/support/viewer.js';

describe('old engine: the evidence viewer', () => {
  before(() => configureTestPdfjs('auto'));

  it('runs in Chromium 103 and picks the floor pdf.js engine by feature detection', () => {
    const version = /Chrome\/(\d+)/.exec(navigator.userAgent)?.[1];
    expect(version, navigator.userAgent).to.equal('103');
    expect(detectEngine()).to.equal('floor');
    expect(selectedEngine()).to.equal('floor');
  });

  it('renders a Chinese PDF and finds its text', async function (this: TestContext) {
    this.timeout(30000);
    const el = await loaded(await fixtureOrSkip(this, 'pdf/cjk/issue2128r.pdf'));
    expect(inkRatio(await rendered(el, 1, 25000), 250)).to.be.greaterThan(0.001);
    await waitFor(() => textLayerText(el, 1).replace(/\s/g, '').includes('浅谈校长的魅力'), 10000, 'Chinese text');
    await el.find('校长');
    expect(el.findSummary()).to.equal('第 1 个，共 1 个');
    await waitFor(() => shadow(el).querySelector('.highlight.selected') !== null, 5000, 'the match highlighted');
  });
});
