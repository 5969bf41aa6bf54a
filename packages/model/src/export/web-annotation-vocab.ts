/**
 * The vocabulary Huishen uses when it speaks W3C Web Annotation (JSON-LD): the context, the IRIs
 * it mints, the JSON shapes it writes, and the little text formats (fragment values, SVG, CSS)
 * that the exporter writes and the importer reads back.
 *
 * How to think about it: every annotation field has one home. Where the Web Annotation Data Model
 * has an exact home for a field (page, text, language, quote, stamp label, style, creator, times),
 * the field lives there. What the model cannot hold exactly — which Huishen kind a mark is, and its
 * geometry as stored — lives in `huishen:`-prefixed extension properties declared in an extra
 * context object. The standard selectors are still written for geometry, so that other Web
 * Annotation tools see the page, the region and the shape; on import they are checked against the
 * extension rather than trusted over it.
 *
 * ## Coordinates
 *
 * Huishen stores geometry in PDF user space of the *unrotated* page: points (1/72 inch), origin at
 * the page's user-space origin, x to the right, **y up** — not the top-left, y-down pixels of
 * Media Fragments or of SVG on screen. Images and stills use their pixel grid as user space.
 * No W3C or IETF fragment syntax addresses that space (RFC 8118's `viewrect`/`highlight` count
 * from the top-left of the *displayed* page and need its size), so regions are written as a
 * FragmentSelector whose `conformsTo` is {@link PDF_USER_SPACE_SPEC}: the Media Fragments `xywh=`
 * syntax with these meanings — real numbers, possibly negative, `x,y` the lower-left corner in
 * user space, `w,h` the extent (zero for a point). SvgSelector documents (ink, ellipses, arrows,
 * highlight quads) use the same space as their user units; the root element says so with
 * `data-huishen-space="pdf-user-space"`. Either kind of selector always refines the page selector
 * (`page=N`, conforming to RFC 3778 as listed in the Recommendation; RFC 8118 obsoletes it with
 * the same syntax), so it is always clear which page the numbers belong to.
 */
import type { AnnotationKind, Geometry } from '../annotations.js';

/** The Web Annotation JSON-LD context. It comes first in every `@context` Huishen writes. */
export const WEB_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/**
 * The namespace IRI behind the `huishen:` prefix. A URN, because nothing is published at an HTTP
 * address; it is only a name, never dereferenced.
 */
export const HUISHEN_VOCAB = 'urn:huishen:vocab:';

/** `conformsTo` of a page FragmentSelector (`page=N`): the PDF fragment RFC as listed in the Recommendation. */
export const PDF_FRAGMENT_SPEC = 'http://tools.ietf.org/rfc/rfc3778';
/** The RFC that obsoletes RFC 3778 with the same `page=` syntax; accepted on import. */
export const PDF_FRAGMENT_SPEC_8118 = 'http://tools.ietf.org/rfc/rfc8118';
/** `conformsTo` of a region FragmentSelector: `xywh=` in PDF user space (see the module comment). */
export const PDF_USER_SPACE_SPEC = `${HUISHEN_VOCAB}pdf-user-space`;

/** The context object that declares the `huishen:` prefix and its JSON-literal properties. */
export const HUISHEN_CONTEXT = Object.freeze({
  '@version': 1.1,
  huishen: HUISHEN_VOCAB,
  /**
   * A JSON literal (`@json`): the geometry exactly as stored. Its arrays are ordered tuples; as
   * plain JSON-LD values they would be unordered sets, so they must not be interpreted as RDF.
   */
  'huishen:geometry': Object.freeze({ '@id': 'huishen:geometry', '@type': '@json' }),
});

/** The `@context` of every Huishen export: the Web Annotation context, then Huishen's. */
export const EXPORT_CONTEXT: readonly [typeof WEB_ANNOTATION_CONTEXT, typeof HUISHEN_CONTEXT] = Object.freeze([
  WEB_ANNOTATION_CONTEXT,
  HUISHEN_CONTEXT,
] as const);

/** Prefix of annotation URNs (`urn:huishen:annotation:<id>`), also written as `canonical`. */
export const ANNOTATION_URN = 'urn:huishen:annotation:';
/** Prefix of user URNs (`urn:huishen:user:<id>`). */
export const USER_URN = 'urn:huishen:user:';
/** Prefix of venue URNs (`urn:huishen:venue:<id>`). */
export const VENUE_URN = 'urn:huishen:venue:';
/** Prefix of evidence URNs: the SHA-256 of the file's bytes, so the same file has one name in every venue. */
export const SHA256_URN = 'urn:sha256:';
/** The class name of the CSS rule each export carries for its style. */
export const STYLE_CLASS = 'huishen';
/** Language of stamp labels (they come from `STAMP_LABELS_ZH`). */
export const STAMP_LANGUAGE = 'zh-CN';

/** Web Annotation motivations Huishen writes, by kind. */
export const MOTIVATIONS: Readonly<Record<AnnotationKind, Motivation>> = {
  highlight: 'highlighting',
  rect: 'highlighting',
  ellipse: 'highlighting',
  arrow: 'highlighting',
  ink: 'highlighting',
  callout: 'highlighting',
  note: 'commenting',
  pin: 'commenting',
  stamp: 'tagging',
};

/** The motivations Huishen writes. */
export type Motivation = 'highlighting' | 'commenting' | 'tagging';

/** A FragmentSelector (`page=N`, or `xywh=` in PDF user space), optionally refined. */
export interface WaFragmentSelector {
  type: 'FragmentSelector';
  conformsTo: string;
  value: string;
  refinedBy?: WaSelector;
}

/** An SvgSelector with the SVG document inline. */
export interface WaSvgSelector {
  type: 'SvgSelector';
  value: string;
}

/** A TextQuoteSelector: the quoted text and a little context. */
export interface WaTextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** Any selector Huishen writes. */
export type WaSelector = WaFragmentSelector | WaSvgSelector | WaTextQuoteSelector;

/** The target: a part of the evidence file named by its hash. */
export interface WaTarget {
  type: 'SpecificResource';
  /** `urn:sha256:<hex>`. */
  source: string;
  /** Alternatives describing the same segment (a highlight's quads and its quote), or one selector. */
  selector: WaSelector | WaSelector[];
  styleClass: typeof STYLE_CLASS;
}

/** A plain-text body: the annotation's text (`commenting`) or a stamp's label (`tagging`). */
export interface WaTextualBody {
  type: 'TextualBody';
  purpose: 'commenting' | 'tagging';
  value: string;
  format: 'text/plain';
  language?: string;
}

/** The venue a creator sits in (`schema:memberOf`, a prefix the annotation context defines). */
export interface WaVenue {
  id: string;
  type: 'Organization';
  name?: string;
}

/** The person who made the annotation. */
export interface WaCreator {
  id: string;
  type: 'Person';
  name: string;
  'schema:memberOf': WaVenue;
}

/** A Web Annotation as Huishen writes it. */
export interface WebAnnotation {
  '@context'?: typeof EXPORT_CONTEXT;
  /** `urn:huishen:annotation:<id>`, or `<baseIri><id>`. */
  id: string;
  type: 'Annotation';
  /** Always the URN, so copies published under different addresses deduplicate. */
  canonical: string;
  motivation: Motivation;
  created: string;
  modified: string;
  creator: WaCreator;
  generator: { id: string; type: 'Software'; name: 'Huishen' };
  body?: WaTextualBody | WaTextualBody[];
  target: WaTarget;
  stylesheet: { type: 'CssStylesheet'; value: string };
  /** Which Huishen tool made the mark (the motivation and selectors cannot say it exactly). */
  'huishen:kind': AnnotationKind;
  /** The geometry exactly as stored (a JSON literal). */
  'huishen:geometry': Geometry;
  /** The language of the text, kept only when the record has a language but no text. */
  'huishen:lang'?: string;
}

/** A page of annotations inside a collection. */
export interface WaAnnotationPage {
  id: string;
  type: 'AnnotationPage';
  startIndex: 0;
  items: WebAnnotation[];
}

/** A whole room's annotations as one AnnotationCollection with its first (and only) page inline. */
export interface WaAnnotationCollection {
  '@context': typeof EXPORT_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label?: string;
  total: number;
  first: WaAnnotationPage;
}

/** The generator Huishen names. */
export const GENERATOR = Object.freeze({ id: `${HUISHEN_VOCAB}software`, type: 'Software', name: 'Huishen' } as const);

/** Formats a number so that `Number(text)` gives it back exactly (`-0` is written as `0`). */
export function formatNumber(n: number): string {
  return String(n + 0);
}

const NUMBER_TEXT = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a number written by {@link formatNumber} (or any plain decimal); `undefined` if it is not one. */
export function parseNumber(text: string): number | undefined {
  if (text.length > 40 || !NUMBER_TEXT.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** The CSS rule that carries a style: colour, stroke width in points, opacity. */
export function styleCss(style: { color: string; width: number; opacity: number }): string {
  return `.${STYLE_CLASS} { color: ${style.color}; stroke-width: ${formatNumber(style.width)}pt; opacity: ${formatNumber(style.opacity)} }`;
}

const STYLE_CSS = new RegExp(`^\\.${STYLE_CLASS} \\{ color: (#[0-9a-fA-F]{6}); stroke-width: ([^;\\s]{1,40})pt; opacity: ([^;\\s]{1,40}) \\}$`);

/** Reads a rule written by {@link styleCss}; `undefined` for anything else. */
export function parseStyleCss(css: string): { color: string; width: number; opacity: number } | undefined {
  const m = STYLE_CSS.exec(css);
  if (!m) return undefined;
  const width = parseNumber(m[2]!);
  const opacity = parseNumber(m[3]!);
  return width === undefined || opacity === undefined ? undefined : { color: m[1]!, width, opacity };
}
