/**
 * The browser-floor check: feature detection (never the user-agent string), the browser's name for
 * the panel, the localised panel itself, loading above the floor, and the ES5 notice for the IE
 * engine — whose copy of the messages must equal the catalogs'.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { catalogs, type Locale } from '@huishen/elements';
import { describeBrowser, loadAboveFloor, meetsBrowserFloor, showFloorPanel } from '@huishen/elements/floor/floor.js';
import { describe, it } from './support/mocha.js';

const UA = {
  ie360: 'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0; 360SE) like Gecko',
  chromium86: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36',
  qihu: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.0.0 Safari/537.36 QIHU 360EE',
  firefox102: 'Mozilla/5.0 (X11; Linux x86_64; rv:102.0) Gecko/20100101 Firefox/102.0',
};

describe('browser floor', () => {
  it('this Chromium meets the floor; a scope without AbortSignal.timeout (Chromium 102) does not', () => {
    expect(meetsBrowserFloor()).to.equal(true);
    // What the check reads of a scope, as a newer and an older engine would have it.
    const floor = { customElements: {}, structuredClone: () => undefined, AbortSignal: { timeout: () => undefined } };
    expect(meetsBrowserFloor(floor as unknown as typeof globalThis)).to.equal(true);
    const chromium102 = { ...floor, AbortSignal: {} };
    expect(meetsBrowserFloor(chromium102 as unknown as typeof globalThis)).to.equal(false);
    const noElements = { ...floor, customElements: undefined };
    expect(meetsBrowserFloor(noElements as unknown as typeof globalThis)).to.equal(false);
  });

  it('names the browser for the panel', () => {
    expect(describeBrowser(UA.ie360)).to.equal('360安全浏览器 (IE)');
    expect(describeBrowser(UA.chromium86)).to.equal('Chromium 86');
    expect(describeBrowser(UA.qihu)).to.equal('360安全浏览器 (Chromium 108)');
    expect(describeBrowser(UA.firefox102)).to.equal('Firefox 102');
    expect(describeBrowser('curl/8')).to.equal(undefined);
  });

  it('shows a localised panel naming the browser and what to do, with no axe violations', async () => {
    const zh = await fixture<HTMLDivElement>(html`<div lang="zh-CN"></div>`);
    const panel = showFloorPanel(zh, UA.chromium86);
    expect(panel.getAttribute('role')).to.equal('alert');
    expect(panel.textContent).to.include('Chromium 86').and.include('极速模式').and.include('Chromium 103');
    await expect(zh).to.be.accessible();
    const en = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    expect(showFloorPanel(en, UA.ie360).textContent).to.include('360安全浏览器 (IE)').and.include('speed mode');
    const unknown = await fixture<HTMLDivElement>(html`<div lang="zh-TW"></div>`);
    expect(showFloorPanel(unknown, 'curl/8').textContent).to.include('未知瀏覽器');
  });

  it('loads the elements above the floor and shows nothing', async () => {
    const target = await fixture<HTMLDivElement>(html`<div></div>`);
    let loaded = 0;
    expect(await loadAboveFloor(async () => void loaded++, target)).to.equal(true);
    expect(loaded).to.equal(1);
    expect(target.querySelector('[data-hs-floor]')).to.equal(null);
  });

  it('the IE-engine notice carries exactly the catalogs’ messages and shows them as a classic script', async () => {
    const source = await (await fetch('/packages/elements/src/floor/floor-legacy.js')).text();
    const json = /\/\* BEGIN MESSAGES \*\/([\s\S]*?)\/\* END MESSAGES \*\//.exec(source)?.[1];
    expect(json, 'the messages block').to.be.a('string');
    const copy = JSON.parse(json!) as Record<Locale, Record<string, string>>;
    for (const locale of Object.keys(catalogs) as Locale[]) {
      const floor = Object.fromEntries(Object.entries(catalogs[locale]).filter(([key]) => key.startsWith('floor.')));
      expect(copy[locale], locale).to.deep.equal(floor);
    }
    // Run it as the IE engine would: a classic script in a fresh document.
    const frame = await fixture<HTMLIFrameElement>(html`<iframe title="legacy"></iframe>`);
    const doc = frame.contentDocument!;
    doc.open();
    doc.write('<!doctype html><html lang="zh-TW"><body><p>portal</p></body></html>');
    doc.close();
    const script = doc.createElement('script');
    script.textContent = source;
    doc.body.append(script);
    const panel = doc.querySelector('[data-hs-floor]');
    expect(panel?.textContent).to.include('極速模式').and.include('Chromium');
    expect(doc.body.firstElementChild).to.equal(panel);
  });
});
