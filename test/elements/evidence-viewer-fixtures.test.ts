/**
 * `<hs-evidence-viewer>` against real PDFs from other projects (../shared/fixtures/pdf, see its
 * SOURCES.md), with the engine this browser selects. Skips when the fixtures are absent.
 */
import { expect } from '@open-wc/testing';
import { afterEach, before, beforeEach, describe, it } from './support/mocha.js';
import { selectedEngine, type HsEvidenceViewer } from '@huishen/elements';
import { configureTestPdfjs, fixtureOrSkip, type TestContext } from './support/pdf-fixtures.js';
import { inkRatio, loaded, pageBox, rendered, shadow, textLayerText, waitFor } from './support/viewer.js';

/** Uncaught errors and unhandled rejections seen during a test. */
const uncaught: string[] = [];
const onError = (event: ErrorEvent) => uncaught.push(String(event.message));
const onRejection = (event: PromiseRejectionEvent) => uncaught.push(String(event.reason));

describe('<hs-evidence-viewer> with real PDFs', () => {
  before(() => configureTestPdfjs());
  beforeEach(() => {
    uncaught.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  it('runs the current engine in this Chromium', () => {
    expect(selectedEngine()).to.equal('current');
  });

  describe('Chinese, Japanese and Korean text (non-embedded fonts need the CMaps)', () => {
    const cases = [
      ['pdf/cjk/issue2128r.pdf', '浅谈校长的魅力', '校长的魅力'],
      ['pdf/cjk/issue3521.pdf', '我们都是黑体字', '黑体字'],
      ['pdf/cjk/noembed-sjis.pdf', 'あいうえお', 'いうえ'],
      ['pdf/cjk/issue5010.pdf', '인터뷰', '홍인혜'],
    ] as const;
    for (const [file, text, query] of cases) {
      it(`${file}: text layer shows “${text}” and find finds “${query}”`, async function (this: TestContext) {
        const el = await loaded(await fixtureOrSkip(this, file));
        expect(el.status).to.equal('ready');
        await waitFor(() => textLayerText(el, 1).replace(/\s/g, '').includes(text), 10000, `text ${text}`);
        await el.find(query);
        expect(el.findSummary()).to.equal('第 1 个，共 1 个');
        await waitFor(() => shadow(el).querySelectorAll('.page[data-page="1"] .highlight.selected').length > 0, 5000, 'highlight');
        const canvas = await rendered(el, 1);
        expect(inkRatio(canvas), 'glyphs drawn').to.be.greaterThan(0.0005);
      });
    }
  });

  describe('scans render non-blank', () => {
    const cases = [
      ['pdf/scanned/issue7229.pdf', 'JPEG, damaged xref'],
      ['pdf/scanned/scan-bad.pdf', 'JPEG, garbage after %%EOF'],
      ['pdf/scanned/issue12963.pdf', 'JBIG2 (wasm decoder)'],
      ['pdf/scanned/issue5747.pdf', 'CCITT G4, /Rotate 270'],
    ] as const;
    for (const [file, what] of cases) {
      it(`${file} (${what})`, async function (this: TestContext) {
        this.timeout(30000);
        const el = await loaded(await fixtureOrSkip(this, file));
        expect(el.status).to.equal('ready');
        const canvas = await rendered(el, 1, 25000);
        // A scan whose decoder is missing renders pure white; any real scan has some ink.
        expect(inkRatio(canvas, 250)).to.be.greaterThan(0.0005);
      });
    }
  });

  describe('rotation and page sizes lay out with the right aspect', () => {
    /** Box aspect (width / height) of every page once its size is read. */
    async function aspects(el: HsEvidenceViewer): Promise<number[]> {
      await waitFor(() => el.pageCount > 0);
      // Every page of these short files is within the drawn buffer; drawn means its size is read.
      for (let n = 1; n <= el.pageCount; n++) await rendered(el, n);
      return Array.from({ length: el.pageCount }, (_, i) => {
        const box = pageBox(el, i + 1);
        return box.offsetWidth / box.offsetHeight;
      });
    }
    const close = (a: number, b: number) => Math.abs(a - b) < 0.02;

    it('rotation.pdf: page 2 has /Rotate 90 and lies landscape; the view rotation turns both', async function (this: TestContext) {
      const el = await loaded(await fixtureOrSkip(this, 'pdf/rotation/rotation.pdf'));
      const [p1, p2] = await aspects(el);
      expect(p1!).to.be.lessThan(1);
      expect(close(p2!, 1 / p1!), `${p1} ${p2}`).to.equal(true);
      el.rotation = 90;
      await el.updateComplete;
      const [q1, q2] = await aspects(el);
      expect(close(q1!, 1 / p1!) && close(q2!, p1!)).to.equal(true);
    });

    it('issue14415.pdf (/Rotate 180) and pr20043.pdf (/Rotate 270) render and keep their aspect', async function (this: TestContext) {
      const a = await loaded(await fixtureOrSkip(this, 'pdf/rotation/issue14415.pdf'));
      expect(inkRatio(await rendered(a, 1))).to.be.greaterThan(0.001);
      const [aspect180] = await aspects(a);
      expect(aspect180!).to.be.lessThan(1);
      const b = await loaded(await fixtureOrSkip(this, 'pdf/rotation/pr20043.pdf'));
      const [aspect270] = await aspects(b);
      expect(aspect270!).to.be.greaterThan(1); // a portrait page turned a quarter
      expect(inkRatio(await rendered(b, 1))).to.be.greaterThan(0.001);
    });

    it('sizes.pdf: 612×792, 649×323, 792×612', async function (this: TestContext) {
      const el = await loaded(await fixtureOrSkip(this, 'pdf/page-sizes/sizes.pdf'));
      const got = await aspects(el);
      [612 / 792, 649 / 323, 792 / 612].forEach((want, i) => expect(close(got[i]!, want), `page ${i + 1}: ${got[i]} vs ${want}`).to.equal(true));
      // One zoom for all pages: widths are proportional to the pages' widths in points.
      expect(Math.abs(pageBox(el, 2).offsetWidth / pageBox(el, 1).offsetWidth - 649 / 612)).to.be.lessThan(0.01);
    });

    it('issue1350.pdf: 612×492, 361×310, 255×141', async function (this: TestContext) {
      const el = await loaded(await fixtureOrSkip(this, 'pdf/page-sizes/issue1350.pdf'));
      const got = await aspects(el);
      [612 / 492, 361 / 310, 255 / 141].forEach((want, i) => expect(close(got[i]!, want), `page ${i + 1}`).to.equal(true));
    });
  });

  describe('malformed files open or show the damaged state, with no uncaught error', () => {
    const cases = [
      ['pdf/malformed/helloworld-bad.pdf', 'ready', 'Hello, world!'],
      ['pdf/malformed/xref_command_missing.pdf', 'ready', 'Reduced test-case'],
      ['pdf/malformed/issue1293r.pdf', 'ready', 'Issue 1293'],
      ['pdf/malformed/poppler-85140-0.pdf', 'ready', ''],
      ['pdf/malformed/bug1020226.pdf', 'damaged', ''],
    ] as const;
    for (const [file, status, text] of cases) {
      it(`${file} → ${status}`, async function (this: TestContext) {
        const el = await loaded(await fixtureOrSkip(this, file));
        expect(el.status).to.equal(status);
        if (status === 'ready' && text) await waitFor(() => textLayerText(el, 1).includes(text), 8000, text);
        if (status === 'ready') await rendered(el, 1).catch(() => undefined);
        if (status === 'damaged') {
          const panel = shadow(el).querySelector('[part="status-panel"]');
          expect(panel?.getAttribute('role')).to.equal('alert');
          expect(panel?.textContent).to.include('文件已损坏，无法打开。');
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(uncaught, uncaught.join('\n')).to.deep.equal([]);
      });
    }
  });

  describe('encrypted files open with their password and refuse without', () => {
    const cases = [
      ['pdf/encrypted/issue6010_1.pdf', 'abc', 'Issue 6010'],
      ['pdf/encrypted/issue6010_2.pdf', 'æøå', 'Issue 6010'],
      ['pdf/encrypted/issue3371.pdf', 'ELXRTQWS', ''],
      ['pdf/encrypted/bug1782186.pdf', 'Hello', ''],
      ['pdf/encrypted/saslprep-r6.pdf', 'SªSL\u00adprep', 'Hello pdf.js world'],
    ] as const;
    for (const [file, password, text] of cases) {
      it(`${file}: asks, refuses a wrong password, opens with the right one`, async function (this: TestContext) {
        const el = await loaded(await fixtureOrSkip(this, file));
        expect(el.status).to.equal('password');
        const message = () => shadow(el).querySelector('.password-message')?.textContent ?? '';
        expect(message()).to.equal('此文件受密码保护，请输入密码。');
        el.submitPassword('wrong-password');
        await waitFor(() => el.status === 'password' && message() === '密码不正确，请重新输入。', 8000, 'wrong password message');
        const input = shadow(el).querySelector<HTMLInputElement>('.password-input')!;
        input.value = password;
        shadow(el).querySelector<HTMLButtonElement>('.password-submit')!.click();
        await waitFor(() => el.status === 'ready', 8000, 'opened with password');
        if (text) await waitFor(() => textLayerText(el, 1).includes(text), 8000, text);
        expect(uncaught).to.deep.equal([]);
      });
    }

    for (const file of ['pdf/encrypted/empty_protected.pdf', 'pdf/encrypted/issue17215.pdf']) {
      it(`${file}: owner password only, opens without asking`, async function (this: TestContext) {
        const el = await loaded(await fixtureOrSkip(this, file));
        expect(el.status).to.equal('ready');
      });
    }
  });
});
