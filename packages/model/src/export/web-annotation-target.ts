/**
 * Reading a Web Annotation's target: which evidence file (by SHA-256), which page, and what the
 * selectors say about the place on it. Selectors given as an array are alternatives for the same
 * segment; a `refinedBy` chain narrows from the page to the region. Selectors Huishen cannot place
 * on a page (CSS, XPath, text positions, ranges, media-fragment regions in pixels, external SVG)
 * are skipped with a note when another alternative works, and refuse the annotation otherwise.
 */
import { MAX_PAGE } from '../validate.js';
import { isObject, many, own, show, single, type JsonObject } from './web-annotation-json.js';
import { parseNumber, PDF_FRAGMENT_SPEC, PDF_FRAGMENT_SPEC_8118, PDF_USER_SPACE_SPEC, SHA256_URN } from './web-annotation-vocab.js';

/** A region as written in a `xywh=` fragment in PDF user space. */
export interface Xywh {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a target says. */
export interface TargetPlace {
  /** Lower-case hex SHA-256 of the evidence file. */
  sha256: string;
  page?: number | undefined;
  region?: Xywh | undefined;
  svg?: string | undefined;
  quote?: { exact: unknown; prefix?: unknown; suffix?: unknown } | undefined;
}

const MAX_ALTERNATIVES = 16;
const MAX_CHAIN = 8;
const PAGE_VALUE = /^page=([1-9][0-9]{0,5})$/;
const XYWH_VALUE = /^xywh=([^,]{1,40}),([^,]{1,40}),([^,]{1,40}),([^,]{1,40})$/;

type Step = { page: number } | { region: Xywh } | { svg: string } | { quote: TargetPlace['quote'] };

/** Reads one selector of a chain; a string is the reason it cannot be used. */
function readStep(selector: JsonObject): Step | string {
  const type = own(selector, 'type');
  const value = own(selector, 'value');
  switch (type) {
    case 'FragmentSelector': {
      if (typeof value !== 'string') return 'FragmentSelector without a string value';
      const conformsTo = own(selector, 'conformsTo');
      if (conformsTo === PDF_FRAGMENT_SPEC || conformsTo === PDF_FRAGMENT_SPEC_8118 || (conformsTo === undefined && value.startsWith('page='))) {
        const page = PAGE_VALUE.exec(value);
        const n = page ? Number(page[1]) : NaN;
        return n <= MAX_PAGE ? { page: n } : `page selector ${show(value)} is not page=N with 1 ≤ N ≤ ${MAX_PAGE}`;
      }
      if (conformsTo === PDF_USER_SPACE_SPEC) {
        const m = XYWH_VALUE.exec(value);
        const [x, y, w, h] = m ? m.slice(1).map(parseNumber) : [];
        if (x === undefined || y === undefined || w === undefined || h === undefined) return `region ${show(value)} is not xywh=x,y,w,h`;
        if (w < 0 || h < 0) return `region ${show(value)} has a negative size`;
        return { region: { x, y, w, h } };
      }
      return `FragmentSelector ${show(value)} conforming to ${show(conformsTo)} cannot be placed in PDF user space`;
    }
    case 'SvgSelector':
      return typeof value === 'string' ? { svg: value } : 'SvgSelector without an inline value';
    case 'TextQuoteSelector':
      return { quote: { exact: own(selector, 'exact'), prefix: own(selector, 'prefix'), suffix: own(selector, 'suffix') } };
    default:
      return `selector type ${show(type)} is not supported`;
  }
}

/** Follows one alternative's `refinedBy` chain. */
function readChain(selector: unknown): Step[] | string {
  const steps: Step[] = [];
  let current: unknown = selector;
  while (current !== undefined) {
    if (steps.length >= MAX_CHAIN) return 'refinedBy chain too long';
    const one = single(current);
    if (!isObject(one)) return typeof one === 'string' ? `selector ${show(one)} is a reference, not fetched` : 'a selector must be an object';
    const step = readStep(one);
    if (typeof step === 'string') return step;
    steps.push(step);
    current = own(one, 'refinedBy');
  }
  return steps;
}

/**
 * Reads the target of an annotation: exactly one SpecificResource whose source is
 * `urn:sha256:<hex>`, with at least one selector Huishen understands. Returns the place or the
 * issues; notes collect what was skipped.
 */
export function readTarget(value: unknown, notes: string[]): TargetPlace | { issues: string[] } {
  if (value === undefined) return { issues: ['no target'] };
  const target = single(value);
  if (target === undefined) return { issues: ['more than one target; Huishen annotations mark one place'] };
  if (typeof target === 'string') return { issues: [`target ${show(target)} is a whole resource; Huishen needs a SpecificResource with a page selector`] };
  if (!isObject(target)) return { issues: ['target must be an object'] };
  const type = own(target, 'type');
  const id = own(target, 'id');
  if (own(target, 'source') === undefined && typeof id === 'string')
    return { issues: [`target ${show(id)} is ${id.includes('#') ? 'a fragment IRI' : 'a whole resource'}; Huishen needs a SpecificResource with a page selector`] };
  if (type !== undefined && type !== 'SpecificResource') return { issues: [`target type ${show(type)} is not supported (expected SpecificResource)`] };
  const rawSource = own(target, 'source');
  const source = isObject(rawSource) ? own(rawSource, 'id') : rawSource;
  if (typeof source !== 'string') return { issues: ['target has no source IRI'] };
  if (!source.startsWith(SHA256_URN) || !/^[0-9a-fA-F]{64}$/.test(source.slice(SHA256_URN.length)))
    return { issues: [`target source ${show(source)} is not ${SHA256_URN}<hex SHA-256>`] };
  const place: TargetPlace = { sha256: source.slice(SHA256_URN.length).toLowerCase() };
  const alternatives = many(own(target, 'selector'));
  if (alternatives.length === 0) return { issues: ['target has no selector; Huishen annotations mark a place on a page'] };
  if (alternatives.length > MAX_ALTERNATIVES) return { issues: [`more than ${MAX_ALTERNATIVES} alternative selectors`] };
  const refused: string[] = [];
  for (const alternative of alternatives) {
    const chain = readChain(alternative);
    if (typeof chain === 'string') {
      refused.push(chain);
      continue;
    }
    for (const step of chain) {
      if ('page' in step) {
        if (place.page !== undefined && place.page !== step.page) return { issues: [`selectors name two pages (${place.page} and ${step.page})`] };
        place.page = step.page;
      } else if ('region' in step) place.region ??= step.region;
      else if ('svg' in step) place.svg ??= step.svg;
      else place.quote ??= step.quote;
    }
  }
  if (refused.length === alternatives.length) return { issues: refused };
  notes.push(...refused.map((reason) => `selector skipped: ${reason}`));
  return place;
}
