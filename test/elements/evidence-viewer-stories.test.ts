/**
 * The viewer's story samples (stories/support/sample-pdfs.ts) open as their stories promise: the
 * stories double as fixtures that need no files from outside the repository.
 */
import { expect } from '@open-wc/testing';
import { before, describe, it } from './support/mocha.js';
import { sampleDamagedPdf, samplePdf, samplePhotoPng, sampleScanJpeg } from '../../stories/support/sample-pdfs.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { inkRatio, loaded, rendered, textLayerText, waitFor } from './support/viewer.js';

describe('<hs-evidence-viewer> story samples', () => {
  before(() => configureTestPdfjs());

  it('Chinese PDF: non-embedded STSong-Light text shows in the text layer and is found', async () => {
    const el = await loaded(samplePdf([{ chineseLines: ['起诉意见书', '经依法侦查查明'] }]));
    await waitFor(() => textLayerText(el, 1).replace(/\s/g, '').includes('起诉意见书'), 8000, 'Chinese text');
    await el.find('侦查');
    expect(el.findSummary()).to.equal('第 1 个，共 1 个');
    expect(inkRatio(await rendered(el, 1))).to.be.greaterThan(0.0005);
  });

  it('Scan: JPEG pages render non-blank', async () => {
    const el = await loaded(samplePdf([{ jpeg: await sampleScanJpeg(1, 620, 877) }]));
    expect(inkRatio(await rendered(el, 1))).to.be.greaterThan(0.05);
  });

  it('Password: RC4-encrypted sample asks for `huishen` and opens with it', async () => {
    const el = await loaded(samplePdf([{ lines: ['Opened with the password.'] }], { userPassword: 'huishen' }));
    expect(el.status).to.equal('password');
    el.submitPassword('huishen');
    await waitFor(() => el.status === 'ready', 8000, 'ready');
    await waitFor(() => textLayerText(el, 1).includes('Opened with the password.'), 8000, 'decrypted text');
  });

  it('Damaged and Image samples', async () => {
    expect((await loaded(sampleDamagedPdf())).status).to.equal('damaged');
    const image = await samplePhotoPng(320, 240);
    const el = await loaded(new Uint8Array(await image.arrayBuffer()));
    expect([el.status, el.kind]).to.deep.equal(['ready', 'image']);
  });
});
