/**
 * The minutes (会审纪要) as one print-ready HTML document, built from a `MinutesBundle` — a pure
 * function of the bundle, the locale and the page images, with no DOM (it runs in Node too).
 *
 * The document is self-contained (styles inline, images as `data:` URLs, a Content Security
 * Policy that forbids everything else) and has no scripts. All room data is escaped. Printing:
 * A4 pages with page numbers from CSS `@page` margin boxes (`@bottom-center` with
 * `counter(page)` / `counter(pages)`), which Chromium supports since 131. For older Chromium,
 * print with the DevTools protocol's `displayHeaderFooter` and {@link minutesFooterTemplate}
 * instead (its `pageNumber` / `totalPages` classes are filled by Chromium itself).
 */
import type { MinutesBundle, TimelineEntry } from '@huishen/model';
import type { Locale } from '../i18n/locale.js';
import { translate } from '../i18n/messages.js';
import { anchorLabel, entryText, formatTime, intlTag, venueName, type DescribeContext } from '../timeline/describe.js';
import { cssString, escapeHtml as e } from './escape.js';

/** A rendered page image (or why there is none). */
export type MinutesPageImage = { src: string; width: number; height: number } | { error: string };

/** Options of {@link renderMinutesHtml}. */
export interface MinutesHtmlOptions {
  /** The language of the document's own words. Default `zh-Hans`. */
  locale?: Locale | undefined;
  /** Page images by {@link pageKey}; pages without one are listed with their caption only. */
  images?: ReadonlyMap<string, MinutesPageImage> | undefined;
  /** Time zone for times, overriding the bundle's (the room's). */
  timeZone?: string | undefined;
}

/** The key of a page image: evidence id and page. */
export function pageKey(evidenceId: string, page: number): string {
  return `${evidenceId}#${page}`;
}

const FONTS: Readonly<Record<Locale, string>> = {
  'zh-Hans': `"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", serif`,
  'zh-Hant': `"Noto Serif CJK TC", "Source Han Serif TC", "Songti TC", PMingLiU, "Noto Sans CJK TC", serif`,
  en: `"Noto Serif", "Noto Serif CJK SC", Georgia, serif`,
};

/** The page footer message with its `{page}` and `{pages}` placeholders left in. */
function footerTemplate(locale: Locale): string {
  return translate(locale, 'minutes.page-footer', { page: '{page}', pages: '{pages}' });
}

/** The `@bottom-center` content for the page footer message of `locale`. */
function footerContent(locale: Locale): string {
  const template = footerTemplate(locale);
  const parts: string[] = [];
  let rest = template;
  for (;;) {
    const match = /\{(page|pages)\}/.exec(rest);
    if (!match) break;
    if (match.index > 0) parts.push(cssString(rest.slice(0, match.index)));
    parts.push(`counter(${match[1]})`);
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest) parts.push(cssString(rest));
  return parts.join(' ');
}

/**
 * A footer template for Chromium's `Page.printToPDF` (`displayHeaderFooter: true`), for Chromium
 * before 131 where `@page` margin boxes are not drawn.
 */
export function minutesFooterTemplate(locale: Locale = 'zh-Hans'): string {
  const text = e(footerTemplate(locale))
    .replace('{page}', '<span class="pageNumber"></span>')
    .replace('{pages}', '<span class="totalPages"></span>');
  return `<div style="font-size:9pt;width:100%;text-align:center;font-family:${e(FONTS[locale])}">${text}</div>`;
}

function styles(locale: Locale): string {
  return `
@page { size: A4; margin: 20mm 18mm 22mm; @bottom-center { content: ${footerContent(locale)}; font-size: 9pt; color: #444; } }
html { font-family: ${FONTS[locale]}; font-size: 11pt; line-height: 1.6; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 180mm; }
h1 { text-align: center; font-size: 20pt; margin: 0 0 4mm; letter-spacing: 0.1em; }
h2 { font-size: 14pt; border-bottom: 1px solid #000; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 12pt; margin: 4mm 0 2mm; break-after: avoid; }
p.subtitle { text-align: center; margin: 0 0 6mm; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
th, td { border: 1px solid #555; padding: 1mm 2mm; text-align: start; vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.time { white-space: nowrap; }
.hash { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; }
.muted { color: #555; font-size: 9pt; }
.text { white-space: pre-wrap; }
.retracted .text { text-decoration: line-through; }
.decision { border-inline-start: 2mm solid #000; padding-inline-start: 3mm; margin: 3mm 0; break-inside: avoid; }
dl.case { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 0; }
dl.case dt { font-weight: bold; }
dl.case dd { margin: 0; }
figure.page { margin: 4mm 0; break-inside: avoid; text-align: center; }
figure.page img { max-width: 100%; max-height: 230mm; border: 1px solid #999; }
figcaption { font-size: 9pt; margin-top: 1mm; }
ol.outline > li { margin-bottom: 2mm; }
@media screen { body { padding: 10mm; } }
`;
}

interface Ctx {
  locale: Locale;
  t: (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => string;
  describe: DescribeContext;
  timeZone: string;
  bundle: MinutesBundle;
}

const roleName = (c: Ctx, role: string) => c.t(`timeline.role.${role}` as Parameters<typeof translate>[1]);

function whoOf(c: Ctx, entry: TimelineEntry): string {
  if (entry.kind === 'system' || entry.kind === 'agenda') return '';
  const s = entry.speaker;
  const name = s ? s.name : entry.authorName;
  const venue = venueName(c.describe, s?.venue ?? entry.venue);
  const role = s ? s.role : entry.role;
  const lines = [`${e(name)}`, `<span class="muted">${e(venue)}${role ? ` · ${e(roleName(c, role))}` : ''}</span>`];
  if (s) lines.push(`<span class="muted">${e(c.t('timeline.on-behalf', { recorder: entry.authorName }))}</span>`);
  return lines.join('<br>');
}

function contentOf(c: Ctx, entry: TimelineEntry): string {
  const parts = [`<div class="text">${e(entryText(c.describe, entry))}</div>`];
  if (entry.kind === 'decision' && entry.references?.length) {
    parts.push(`<div class="muted">${e(c.t('timeline.decision-refs'))}${e(entry.references.map((r) => anchorLabel(c.describe, r)).join(c.t('minutes.list-separator')))}</div>`);
  }
  if (entry.history?.length) {
    parts.push(
      `<div class="muted">${e(c.t('timeline.history'))}：${entry.history.map((h) => `${e(formatTime(h.at, c.locale, c.timeZone))} ${e(h.text)}`).join('；')}</div>`,
    );
  }
  if (entry.retracted) parts.push(`<div class="muted"><strong>${e(c.t('timeline.retracted'))}</strong></div>`);
  return parts.join('');
}

function caseSection(c: Ctx): string {
  const b = c.bundle;
  const rows: [string, string][] = [];
  if (b.case.caseNumber) rows.push([c.t('minutes.case-number'), b.case.caseNumber]);
  if (b.case.caseTitle) rows.push([c.t('minutes.case-title'), b.case.caseTitle]);
  if (b.case.cause) rows.push([c.t('minutes.cause'), b.case.cause]);
  if (b.case.createdAt !== undefined) rows.push([c.t('minutes.session-start'), formatTime(b.case.createdAt, c.locale, c.timeZone, 'full')]);
  rows.push([c.t('minutes.time-zone'), c.timeZone]);
  if (b.venues.length) rows.push([c.t('minutes.venues'), b.venues.map((v) => v.name).join(c.t('minutes.list-separator'))]);
  if (b.generatedAt !== undefined) rows.push([c.t('minutes.generated-at'), formatTime(b.generatedAt, c.locale, c.timeZone, 'full')]);
  return `<section><h2>${e(c.t('minutes.case'))}</h2><dl class="case">${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl></section>`;
}

function participantsSection(c: Ctx): string {
  const rows = c.bundle.participants
    .map(
      (p) =>
        `<tr><td>${e(venueName(c.describe, p.venue))}</td><td>${e(roleName(c, p.role))}</td><td>${e(p.name)}${p.namedByRecorder ? `<span class="muted">${e(c.t('minutes.named-by-recorder'))}</span>` : ''}</td></tr>`,
    )
    .join('');
  return `<section><h2>${e(c.t('minutes.participants'))}</h2><table><thead><tr><th>${e(c.t('minutes.col-venue'))}</th><th>${e(c.t('minutes.col-role'))}</th><th>${e(
    c.t('minutes.col-name'),
  )}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function outlineSection(c: Ctx): string {
  const nodes = c.bundle.outline;
  const items = nodes
    .map((n) => {
      const anchors = n.anchors.length ? `<div class="muted">${e(n.anchors.map((a) => anchorLabel(c.describe, a)).join(c.t('minutes.list-separator')))}</div>` : '';
      return `<li><strong>${e(n.title)}</strong>${n.body ? `<div class="text">${e(n.body)}</div>` : ''}${anchors}</li>`;
    })
    .join('');
  return `<section><h2>${e(c.t('minutes.outline'))}</h2>${nodes.length ? `<ol class="outline">${items}</ol>` : `<p>${e(c.t('minutes.none'))}</p>`}</section>`;
}

function decisionsSection(c: Ctx): string {
  const items = c.bundle.decisions.map(
    (d) =>
      `<div class="decision${d.retracted ? ' retracted' : ''}" data-entry="${e(d.id)}"><div class="muted">${e(formatTime(d.at, c.locale, c.timeZone, 'full'))} · ${e(d.authorName)}</div>${contentOf(c, d)}</div>`,
  );
  return `<section><h2>${e(c.t('minutes.decisions'))}</h2>${items.length ? items.join('') : `<p>${e(c.t('minutes.none'))}</p>`}</section>`;
}

function opinionsSection(c: Ctx): string {
  const groups = c.bundle.opinions.map(
    (g) =>
      `<h3>${e(venueName(c.describe, g.venue))}</h3><table><tbody>${g.entries
        .map((o) => `<tr class="${o.retracted ? 'retracted' : ''}"><td>${whoOf(c, o)}</td><td>${contentOf(c, o)}</td></tr>`)
        .join('')}</tbody></table>`,
  );
  return `<section><h2>${e(c.t('minutes.opinions'))}</h2>${groups.length ? groups.join('') : `<p>${e(c.t('minutes.none'))}</p>`}</section>`;
}

function timelineSection(c: Ctx): string {
  const rows = c.bundle.timeline
    .map(
      (entry) =>
        `<tr data-entry="${e(entry.id)}" class="${entry.retracted ? 'retracted' : ''}"><td class="time">${e(formatTime(entry.at, c.locale, c.timeZone))}</td><td>${whoOf(c, entry)}</td><td>${e(
          c.t(`timeline.kind.${entry.kind}`),
        )}</td><td>${contentOf(c, entry)}</td></tr>`,
    )
    .join('');
  return `<section><h2>${e(c.t('minutes.timeline'))}</h2><table><thead><tr><th>${e(c.t('minutes.col-time'))}</th><th>${e(c.t('minutes.col-who'))}</th><th>${e(
    c.t('minutes.col-kind'),
  )}</th><th>${e(c.t('minutes.col-content'))}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function evidenceSection(c: Ctx): string {
  const sep = c.t('minutes.list-separator');
  const rows = c.bundle.evidence
    .map((ev) => {
      const confirmed = ev.confirmedBy.map((v) => venueName(c.describe, v)).join(sep) || c.t('minutes.none');
      const mismatch = ev.mismatchIn.length ? `<div><strong>${e(c.t('minutes.mismatch', { venues: ev.mismatchIn.map((v) => venueName(c.describe, v)).join(sep) }))}</strong></div>` : '';
      return `<tr data-evidence="${e(ev.id)}"><td>${e(ev.title)}</td><td>${ev.pages}</td><td class="hash">${e(ev.sha256)}</td><td>${e(confirmed)}${mismatch}</td></tr>`;
    })
    .join('');
  return `<section><h2>${e(c.t('minutes.evidence'))}</h2><table><thead><tr><th>${e(c.t('minutes.col-evidence'))}</th><th>${e(c.t('minutes.col-pages'))}</th><th>${e(
    c.t('minutes.col-sha256'),
  )}</th><th>${e(c.t('minutes.col-confirmed'))}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function pagesSection(c: Ctx, images: ReadonlyMap<string, MinutesPageImage>): string {
  if (c.bundle.pages.length === 0) return '';
  const figures = c.bundle.pages.map((p) => {
    const title = c.describe.evidence.get(p.evidenceId)?.title ?? p.evidenceId;
    const caption = c.t('minutes.page-caption', { title, page: p.page, count: p.annotationIds.length });
    const image = images.get(pageKey(p.evidenceId, p.page));
    const body =
      image && 'src' in image
        ? `<img src="${e(image.src)}" width="${Math.round(image.width)}" height="${Math.round(image.height)}" alt="${e(caption)}">`
        : image
          ? `<p class="muted">${e(c.t('minutes.page-missing', { detail: image.error }))}</p>`
          : '';
    return `<figure class="page" data-page="${e(pageKey(p.evidenceId, p.page))}">${body}<figcaption>${e(caption)}</figcaption></figure>`;
  });
  return `<section><h2>${e(c.t('minutes.annotated-pages'))}</h2>${figures.join('')}</section>`;
}

/** Renders the minutes of `bundle` as a complete HTML document (a string). */
export function renderMinutesHtml(bundle: MinutesBundle, options: MinutesHtmlOptions = {}): string {
  const locale = options.locale ?? 'zh-Hans';
  const describe: DescribeContext = {
    locale,
    venues: new Map(bundle.venues.map((v) => [v.id, v])),
    evidence: new Map(bundle.evidence.map((ev) => [ev.id, ev])),
    nodes: bundle.outline,
  };
  const t = ((key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    params ? (translate as (l: Locale, k: string, p: Record<string, string | number>) => string)(locale, key, params) : (translate as (l: Locale, k: string) => string)(locale, key)) as Ctx['t'];
  const c: Ctx = { locale, t, describe, timeZone: options.timeZone ?? bundle.timeZone, bundle };
  const title = c.t('minutes.title');
  const subtitle = [bundle.case.caseNumber, bundle.case.caseTitle].filter(Boolean).join(' ');
  return `<!DOCTYPE html>
<html lang="${intlTag(locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="Huishen">
<title>${e(subtitle ? `${title} · ${subtitle}` : title)}</title>
<style>${styles(locale)}</style>
</head>
<body>
<h1>${e(title)}</h1>
${subtitle ? `<p class="subtitle">${e(subtitle)}</p>` : ''}
${caseSection(c)}
${participantsSection(c)}
${outlineSection(c)}
${decisionsSection(c)}
${opinionsSection(c)}
${timelineSection(c)}
${evidenceSection(c)}
${pagesSection(c, options.images ?? new Map())}
</body>
</html>
`;
}
