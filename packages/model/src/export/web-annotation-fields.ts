/**
 * Field readers of the Web Annotation importer: each turns one standard property (creator, bodies,
 * times, id, style) or the target's place into Huishen values, collecting issues (refuse) and
 * notes (read but not kept) instead of throwing. Values they return are still checked against the
 * annotation schema by the importer.
 */
import { DEFAULT_STYLES, STAMP_CODES, STAMP_LABELS_ZH, type AnnotationKind, type Geometry, type Stamp } from '../annotations.js';
import { isId } from '../ids.js';
import { hasType, isObject, many, own, show, single, type JsonObject } from './web-annotation-json.js';
import type { TargetPlace } from './web-annotation-target.js';
import { ANNOTATION_URN, parseStyleCss, STYLE_CLASS, USER_URN, VENUE_URN } from './web-annotation-vocab.js';

/** Who made an imported annotation, as far as the JSON says. */
export interface ImportedCreator {
  /** Huishen user id, when the creator is a `urn:huishen:user:` IRI. */
  userId?: string;
  /** The creator's IRI when it is not a Huishen user. */
  iri?: string;
  name?: string;
  /** Huishen venue id (from `schema:memberOf`). */
  venue?: string;
  venueName?: string;
}

const STAMP_VALUE = new RegExp(`^(${STAMP_CODES.map((code) => STAMP_LABELS_ZH[code]).join('|')})(?: ([0-9]{1,6}))?$`);
const ISO_TIME = /^[+-]?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_BODIES = 16;

/** An ISO 8601 date-time as milliseconds since the epoch (Huishen times are never before 1970). */
export function readTime(value: unknown, name: string, issues: string[]): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' && ISO_TIME.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms) || ms < 0) issues.push(`${name} ${show(value)} is not an ISO 8601 date-time after 1970`);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The Huishen id: from the `canonical` URN, else from `id` as a URN or under `baseIri`. */
export function readId(json: JsonObject, baseIri: string | undefined, notes: string[]): string | undefined {
  for (const iri of [own(json, 'canonical'), own(json, 'id')]) {
    if (typeof iri !== 'string') continue;
    const rest = iri.startsWith(ANNOTATION_URN) ? iri.slice(ANNOTATION_URN.length) : baseIri && iri.startsWith(baseIri) ? iri.slice(baseIri.length) : undefined;
    if (rest === undefined) continue;
    if (isId(rest)) return rest;
    notes.push(`id ${show(iri)} is not a Huishen id; a new one is made`);
  }
  return undefined;
}

/** The creator: a Huishen user and venue by their URNs, or another IRI and name. */
export function readCreator(value: unknown, issues: string[]): ImportedCreator | undefined {
  if (value === undefined) return undefined;
  const creator = single(value);
  if (typeof creator === 'string') return creator.startsWith(USER_URN) && isId(creator.slice(USER_URN.length)) ? { userId: creator.slice(USER_URN.length) } : { iri: creator };
  if (!isObject(creator)) {
    issues.push('creator must be one IRI or object');
    return undefined;
  }
  const out: ImportedCreator = {};
  const id = own(creator, 'id');
  if (typeof id === 'string') {
    if (id.startsWith(USER_URN) && isId(id.slice(USER_URN.length))) out.userId = id.slice(USER_URN.length);
    else out.iri = id;
  }
  const name = own(creator, 'name');
  if (typeof name === 'string') out.name = name;
  else if (name !== undefined) issues.push('creator.name must be a string');
  const venue = single(own(creator, 'schema:memberOf'));
  if (isObject(venue)) {
    const venueId = own(venue, 'id');
    if (typeof venueId === 'string' && venueId.startsWith(VENUE_URN) && isId(venueId.slice(VENUE_URN.length))) out.venue = venueId.slice(VENUE_URN.length);
    const venueName = own(venue, 'name');
    if (typeof venueName === 'string' && venueName.length <= 100) out.venueName = venueName;
  }
  return out;
}

/** The bodies of an annotation: its one text and its tags. */
export interface Bodies {
  text?: { value: string; language?: unknown };
  tags: string[];
}

/** The text (one TextualBody or `bodyValue`) and the tags (`purpose: tagging`); other bodies are refused. */
export function readBodies(json: JsonObject, issues: string[]): Bodies {
  const out: Bodies = { tags: [] };
  const texts: { value: string; language?: unknown }[] = [];
  const bodyValue = own(json, 'bodyValue');
  if (typeof bodyValue === 'string') texts.push({ value: bodyValue });
  else if (bodyValue !== undefined) issues.push('bodyValue must be a string');
  const bodies = many(own(json, 'body'));
  if (bodies.length > MAX_BODIES) issues.push(`more than ${MAX_BODIES} bodies`);
  for (const body of bodies.slice(0, MAX_BODIES)) {
    if (typeof body === 'string') {
      issues.push(`body ${show(body)} is an external resource; only TextualBody is imported`);
      continue;
    }
    if (!isObject(body)) {
      issues.push('a body must be an object');
      continue;
    }
    const type = own(body, 'type');
    const value = own(body, 'value');
    if (type !== undefined && !hasType(type, 'TextualBody')) {
      issues.push(`body type ${show(type)} is not supported (only TextualBody)`);
      continue;
    }
    if (typeof value !== 'string') {
      issues.push('TextualBody without a string value');
      continue;
    }
    const format = own(body, 'format');
    if (format !== undefined && format !== 'text/plain') {
      issues.push(`TextualBody format ${show(format)} is not supported (Huishen text is text/plain)`);
      continue;
    }
    if (own(body, 'purpose') === 'tagging') out.tags.push(value);
    else texts.push({ value, language: own(body, 'language') });
  }
  if (texts.length > 1) issues.push('more than one text body; Huishen annotations have one text');
  if (texts[0]) out.text = texts[0];
  return out;
}

/** The first tag that is a stamp label (with its number); other tags are noted as not kept. */
export function readStamp(tags: string[], notes: string[]): Stamp | undefined {
  let stamp: Stamp | undefined;
  for (const tag of tags) {
    const m = STAMP_VALUE.exec(tag);
    const code = m && STAMP_CODES.find((c) => STAMP_LABELS_ZH[c] === m[1]);
    if (code && !stamp) stamp = m[2] === undefined ? { code } : { code, number: Number(m[2]) };
    else notes.push(`tag ${show(tag)} not kept`);
  }
  return stamp;
}

/** Geometry from the standard selectors, for annotations without `huishen:geometry`. */
export function geometryFromPlace(kind: AnnotationKind, place: TargetPlace): Geometry | undefined {
  const r = place.region;
  if (!r) return undefined;
  if (kind === 'pin' || kind === 'stamp') return r.w === 0 && r.h === 0 ? { at: [r.x, r.y] } : undefined;
  if (kind === 'rect' || kind === 'ellipse' || kind === 'note' || kind === 'callout') return { rect: [r.x, r.y, r.x + r.w, r.y + r.h] };
  return undefined;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** True when the `xywh=` region (if any) says the same as the geometry. */
export function regionAgrees(geometry: Geometry, place: TargetPlace): boolean {
  const r = place.region;
  if (!r) return true;
  const g = geometry as { rect?: number[]; at?: number[] };
  const expected = g.rect ? [g.rect[0]!, g.rect[1]!, g.rect[2]! - g.rect[0]!, g.rect[3]! - g.rect[1]!] : g.at ? [g.at[0]!, g.at[1]!, 0, 0] : undefined;
  return expected !== undefined && [r.x, r.y, r.w, r.h].every((value, i) => close(value, expected[i]!));
}

/** The style from the annotation's CSS rule, or the kind's default when there is none Huishen wrote. */
export function readStyle(json: JsonObject, target: unknown, kind: AnnotationKind, notes: string[]): unknown {
  const sheet = single(own(json, 'stylesheet'));
  const styleClass = isObject(single(target)) ? own(single(target) as JsonObject, 'styleClass') : undefined;
  const css = isObject(sheet) && hasType(own(sheet, 'type'), 'CssStylesheet') ? own(sheet, 'value') : undefined;
  const style = typeof css === 'string' && styleClass === STYLE_CLASS ? parseStyleCss(css) : undefined;
  if (style) return style;
  if (sheet !== undefined || styleClass !== undefined) notes.push('stylesheet not understood; the default style is used');
  return DEFAULT_STYLES[kind];
}
