/**
 * Printing the minutes to PDF in Chromium (Debian's, driven by playwright-core): the HTML of a
 * scripted session printed with the page size from its CSS gives a paginated A4 PDF whose text,
 * read back with pdf.js, holds the Chinese content (decision, on-behalf speech, opinions, case
 * title) and a page number on every page ("第 N 页，共 M 页" from the `@page` margin box, which
 * Chromium draws since 131). The older-Chromium path (`displayHeaderFooter` with
 * `minutesFooterTemplate`) is printed and checked too.
 *
 * Skips with a message when Chromium is not installed.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { buildMinutes } from '@huishen/model';
import { minutesFooterTemplate, renderMinutesHtml } from '@huishen/elements/minutes/minutes-html.js';
import { SCRIPT, scriptedSession } from '../bench/minutes/scripted-session.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'];
const PDFJS = fileURLToPath(new URL('../../node_modules/pdfjs-dist-v4/', import.meta.url));
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)`;

interface PdfjsNode {
  getDocument(options: Record<string, unknown>): {
    promise: Promise<{ numPages: number; getPage(n: number): Promise<{ getTextContent(): Promise<{ items: { str?: string }[] }> }> }>;
    destroy(): Promise<void>;
  };
}

/**
 * Chromium's PDF writer gives some CJK glyphs that Noto CJK shares with radicals the radical's
 * code point in its ToUnicode map (页 → ⻚ U+2EDA, 人 → ⼈ U+2F08). The glyphs print correctly;
 * extracted text needs folding: NFKC handles the Kangxi radicals, this table the few CJK Radicals
 * Supplement characters that have no decomposition.
 */
const RADICALS: Readonly<Record<string, string>> = { '⻚': '页', '⺠': '民', '⻓': '长', '⻅': '见', '⻆': '角', '⻔': '门', '⻋': '车', '⻛': '风', '⻉': '贝', '⻢': '马', '⻥': '鱼', '⻜': '飞', '⻝': '食', '⻣': '骨', '⻩': '黄', '⻬': '齐', '⻮': '齿', '⻳': '龟' };
const fold = (s: string) => s.normalize('NFKC').replace(/[\u2e80-\u2eff]/g, (c) => RADICALS[c] ?? c);

/** The text of each page of `pdf`, folded, whitespace removed (pdf.js splits runs at its own places). */
async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const pdfjs = (await import('pdfjs-dist-v4/legacy/build/pdf.mjs')) as unknown as PdfjsNode;
  const task = pdfjs.getDocument({ data: pdf, cMapUrl: `${PDFJS}cmaps/`, cMapPacked: true, standardFontDataUrl: `${PDFJS}standard_fonts/`, isEvalSupported: false, useSystemFonts: false });
  const doc = await task.promise;
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    out.push(fold(content.items.map((i) => i.str ?? '').join('')).replace(/\s+/g, ''));
  }
  await task.destroy();
  return out;
}

const squash = (s: string) => fold(s).replace(/\s+/g, '');

describe('minutes printed to PDF in Chromium', { skip }, () => {
  let browser: Browser;
  const { doc } = scriptedSession({ extraEntries: 80 });
  const bundle = buildMinutes(doc);
  const html = renderMinutesHtml(bundle, { locale: 'zh-Hans' });

  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  after(async () => {
    await browser?.close();
  });

  async function print(options: Parameters<import('playwright-core').Page['pdf']>[0]): Promise<Uint8Array> {
    const page = await browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return new Uint8Array(await page.pdf(options));
    } finally {
      await page.close();
    }
  }

  test('the PDF holds the Chinese content and numbers every page from the CSS @page box', async () => {
    const texts = await pageTexts(await print({ preferCSSPageSize: true, printBackground: true }));
    assert.ok(texts.length >= 3, `expected several pages, got ${texts.length}`);
    const all = texts.join('');
    for (const s of [SCRIPT.decision, SCRIPT.decisionRationale, SCRIPT.onBehalf, SCRIPT.onBehalfSpeaker, SCRIPT.opinionCounty, SCRIPT.caseTitle, '会审纪要', '各会场意见']) {
      assert.ok(all.includes(squash(s)), `missing in the PDF text: ${s}`);
    }
    assert.ok(all.includes(squash('第 80 条发言')), 'the last scripted speech is printed');
    texts.forEach((text, i) => assert.ok(text.includes(squash(`第${i + 1}页，共${texts.length}页`)), `page ${i + 1} has no page number: …${text.slice(-40)}`));
  });

  test('the older-Chromium path: header/footer template numbers the pages too', async () => {
    const texts = await pageTexts(
      await print({ format: 'A4', displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: minutesFooterTemplate('zh-Hans'), margin: { top: '20mm', bottom: '22mm', left: '18mm', right: '18mm' } }),
    );
    assert.ok(texts.length >= 3);
    // Both footers are there on this Chromium; each page names itself at least once.
    texts.forEach((text, i) => assert.ok(text.includes(squash(`第${i + 1}页，共${texts.length}页`)), `page ${i + 1} has no page number`));
  });
});
