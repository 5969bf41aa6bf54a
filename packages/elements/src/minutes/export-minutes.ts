/**
 * `exportMinutes(room, options)`: the minutes of a review room in the three formats — print-ready
 * HTML (with the referenced and annotated pages rendered as images), the JSON bundle and the
 * annotations as W3C Web Annotation JSON-LD. For hosts (a "file the minutes" button of their
 * own, a server-side archive step driven by a headless browser) and for `<hs-timeline>`'s
 * export button.
 */
import { buildMinutes, type MinutesBundle, type MinutesOptions, type WaAnnotationCollection } from '@huishen/model';
import type { Locale } from '../i18n/locale.js';
import type { RoomContextValue } from '../room/room-context.js';
import { renderMinutesHtml, type MinutesPageImage } from './minutes-html.js';
import { renderMinutesPages, type MinutesPagesOptions } from './page-images.js';

/** Options of {@link exportMinutes}. */
export interface ExportMinutesOptions extends MinutesOptions, MinutesPagesOptions {
  /** Language of the HTML's own words (headings, labels). Default `zh-Hans`. */
  locale?: Locale | undefined;
  /** Leave the page images out (faster; the HTML lists the pages by caption only). */
  withoutImages?: boolean | undefined;
}

/** The exported minutes. */
export interface MinutesExport {
  /** The print-ready, self-contained HTML document. */
  html: string;
  /** The JSON bundle (timeline, outline, decisions, opinions, evidence, participants…). */
  json: MinutesBundle;
  /** The annotations as one W3C Web Annotation collection (JSON-LD). */
  webAnnotations: WaAnnotationCollection;
  /** The page images embedded in `html`, by `pageKey(evidenceId, page)`. */
  images: ReadonlyMap<string, MinutesPageImage>;
}

/**
 * Exports the minutes of `room`. Deterministic: the same room and options give the same output
 * (the current time appears only if passed as `generatedAt`). Rejects only when aborted; pages
 * that cannot be rendered are named in the HTML with the reason.
 */
export async function exportMinutes(room: RoomContextValue, options: ExportMinutesOptions = {}): Promise<MinutesExport> {
  const json = buildMinutes(room.doc, options);
  const images = options.withoutImages ? new Map<string, MinutesPageImage>() : await renderMinutesPages(json, room, options);
  const html = renderMinutesHtml(json, { locale: options.locale, images });
  return { html, json, webAnnotations: json.webAnnotations, images };
}

/** A file name for the minutes: `会审纪要-<case number or title>.html`, safe on every file system. */
export function minutesFileName(bundle: MinutesBundle): string {
  const raw = bundle.case.caseNumber ?? bundle.case.caseTitle ?? bundle.case.generation ?? '';
  const name = Array.from(raw, (ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .trim();
  return name ? `会审纪要-${name}.html` : '会审纪要.html';
}
