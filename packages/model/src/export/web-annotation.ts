/**
 * W3C Web Annotation export: a Huishen annotation becomes a Web Annotation Data Model annotation
 * in JSON-LD, and a room's annotations an AnnotationCollection. Import is in
 * `web-annotation-import.ts`; the vocabulary, the shapes and the coordinate convention are in
 * `web-annotation-vocab.ts` (read its module comment first).
 *
 * A rectangle on page 3 of a PDF comes out as (abridged):
 *
 * ```json
 * {
 *   "@context": ["http://www.w3.org/ns/anno.jsonld", { "@version": 1.1, "huishen": "urn:huishen:vocab:", … }],
 *   "id": "urn:huishen:annotation:a1", "type": "Annotation", "motivation": "highlighting",
 *   "target": {
 *     "type": "SpecificResource", "source": "urn:sha256:9f86…", "styleClass": "huishen",
 *     "selector": { "type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3778", "value": "page=3",
 *       "refinedBy": { "type": "FragmentSelector", "conformsTo": "urn:huishen:vocab:pdf-user-space", "value": "xywh=72,600,200,40" } }
 *   },
 *   "huishen:kind": "rect", "huishen:geometry": { "rect": [72, 600, 272, 640] }
 * }
 * ```
 */
import type * as Y from 'yjs';
import { readAnnotations, STAMP_LABELS_ZH, type Annotation, type AnnotationQuery, type Geometry, type Quad } from '../annotations.js';
import { readEvidence, type Evidence } from '../evidence.js';
import { readMeta } from '../meta.js';
import { InvalidInputError } from '../validate.js';
import { readVenues, type Venue } from '../venues.js';
import {
  ANNOTATION_URN,
  EXPORT_CONTEXT,
  formatNumber,
  GENERATOR,
  MOTIVATIONS,
  PDF_FRAGMENT_SPEC,
  PDF_USER_SPACE_SPEC,
  SHA256_URN,
  STAMP_LANGUAGE,
  STYLE_CLASS,
  styleCss,
  USER_URN,
  VENUE_URN,
  type WaAnnotationCollection,
  type WaSelector,
  type WaTextualBody,
  type WebAnnotation,
} from './web-annotation-vocab.js';

export * from './web-annotation-import.js';
export {
  ANNOTATION_URN,
  EXPORT_CONTEXT,
  HUISHEN_CONTEXT,
  HUISHEN_VOCAB,
  MOTIVATIONS,
  PDF_FRAGMENT_SPEC,
  PDF_USER_SPACE_SPEC,
  SHA256_URN,
  USER_URN,
  VENUE_URN,
  WEB_ANNOTATION_CONTEXT,
  type Motivation,
  type WaAnnotationCollection,
  type WaAnnotationPage,
  type WaCreator,
  type WaFragmentSelector,
  type WaSelector,
  type WaSvgSelector,
  type WaTarget,
  type WaTextQuoteSelector,
  type WaTextualBody,
  type WaVenue,
  type WebAnnotation,
} from './web-annotation-vocab.js';

/** What {@link toWebAnnotation} needs besides the annotation. */
export interface WebAnnotationContext {
  /** The evidence item the annotation is on (its SHA-256 names the target). */
  evidence: Evidence;
  /** The room's venues, to name the creator's venue; without them only its id is written. */
  venues?: readonly Venue[] | undefined;
  /**
   * Where annotations are published, e.g. `https://portal.example/rooms/r1/annotations/`; the
   * annotation's `id` is this plus the annotation id. Without it the `id` is the annotation's URN.
   * The URN is always written as `canonical`.
   */
  baseIri?: string | undefined;
  /** Leave out `@context` (for items inside a collection, which carries it). Default `true`. */
  withContext?: boolean | undefined;
}

const n = formatNumber;

/** The SVG document of a shape, in PDF user space (see the coordinate convention). */
function svgOf(annotation: Annotation): string | undefined {
  const open = '<svg xmlns="http://www.w3.org/2000/svg" data-huishen-space="pdf-user-space">';
  const g = annotation.geometry as Partial<Geometry<'highlight'> & Geometry<'ellipse'> & Geometry<'arrow'> & Geometry<'ink'>>;
  switch (annotation.kind) {
    case 'highlight': {
      // QuadPoints corners come as (x1,y1)…(x4,y4) = top-left, top-right, bottom-left, bottom-right.
      const polygon = (q: Quad) => `<polygon points="${n(q[0])},${n(q[1])} ${n(q[2])},${n(q[3])} ${n(q[6])},${n(q[7])} ${n(q[4])},${n(q[5])}"/>`;
      return `${open}${g.quads!.map(polygon).join('')}</svg>`;
    }
    case 'ellipse': {
      const [x1, y1, x2, y2] = g.rect!;
      return `${open}<ellipse cx="${n((x1 + x2) / 2)}" cy="${n((y1 + y2) / 2)}" rx="${n((x2 - x1) / 2)}" ry="${n((y2 - y1) / 2)}"/></svg>`;
    }
    case 'arrow':
      return `${open}<line x1="${n(g.from![0])}" y1="${n(g.from![1])}" x2="${n(g.to![0])}" y2="${n(g.to![1])}" data-huishen-arrow="end"/></svg>`;
    case 'ink': {
      const points = g.points!.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');
      const pressure = g.points!.map(([, , p]) => n(p)).join(' ');
      return `${open}<polyline points="${points}" data-pressure="${pressure}"/></svg>`;
    }
    default:
      return undefined;
  }
}

/** The region of a rect-like or point-like kind as `xywh=` in PDF user space. */
function xywhOf(annotation: Annotation): string | undefined {
  const g = annotation.geometry as { rect?: [number, number, number, number]; at?: [number, number] };
  if (g.rect) return `xywh=${n(g.rect[0])},${n(g.rect[1])},${n(g.rect[2] - g.rect[0])},${n(g.rect[3] - g.rect[1])}`;
  if (g.at) return `xywh=${n(g.at[0])},${n(g.at[1])},0,0`;
  return undefined;
}

function selectorsOf(annotation: Annotation, evidence: Evidence): WaSelector | WaSelector[] {
  const inner: WaSelector[] = [];
  const svg = svgOf(annotation);
  const xywh = svg === undefined ? xywhOf(annotation) : undefined;
  if (svg !== undefined) inner.push({ type: 'SvgSelector', value: svg });
  if (xywh !== undefined) inner.push({ type: 'FragmentSelector', conformsTo: PDF_USER_SPACE_SPEC, value: xywh });
  if (annotation.quote) inner.push({ type: 'TextQuoteSelector', ...annotation.quote });
  // Images have one page and no page fragment syntax: their selectors stand alone.
  const chain = (selector: WaSelector): WaSelector =>
    evidence.kind === 'pdf' ? { type: 'FragmentSelector', conformsTo: PDF_FRAGMENT_SPEC, value: `page=${annotation.page}`, refinedBy: selector } : selector;
  const selectors = inner.map(chain);
  return selectors.length === 1 ? selectors[0]! : selectors;
}

function bodiesOf(annotation: Annotation): WaTextualBody[] {
  const bodies: WaTextualBody[] = [];
  if (annotation.stamp) {
    const label = STAMP_LABELS_ZH[annotation.stamp.code];
    const value = annotation.stamp.number === undefined ? label : `${label} ${annotation.stamp.number}`;
    bodies.push({ type: 'TextualBody', purpose: 'tagging', value, format: 'text/plain', language: STAMP_LANGUAGE });
  }
  if (annotation.text !== undefined) {
    const body: WaTextualBody = { type: 'TextualBody', purpose: 'commenting', value: annotation.text, format: 'text/plain' };
    if (annotation.lang !== undefined) body.language = annotation.lang;
    bodies.push(body);
  }
  return bodies;
}

/**
 * Exports one annotation as a Web Annotation. Throws {@link InvalidInputError} when `evidence` is
 * not the annotation's evidence item (a caller's mistake, not bad data).
 */
export function toWebAnnotation(annotation: Annotation, context: WebAnnotationContext): WebAnnotation {
  const { evidence, venues, baseIri, withContext = true } = context;
  if (annotation.evidenceId !== evidence.id) throw new InvalidInputError('toWebAnnotation', [`annotation is on ${annotation.evidenceId}, not ${evidence.id}`]);
  const urn = `${ANNOTATION_URN}${annotation.id}`;
  const venueName = venues?.find((venue) => venue.id === annotation.venue)?.name;
  const bodies = bodiesOf(annotation);
  const out: WebAnnotation = {
    ...(withContext ? { '@context': EXPORT_CONTEXT } : {}),
    id: baseIri === undefined ? urn : `${baseIri}${annotation.id}`,
    type: 'Annotation',
    canonical: urn,
    motivation: MOTIVATIONS[annotation.kind],
    created: new Date(annotation.createdAt).toISOString(),
    modified: new Date(annotation.modifiedAt).toISOString(),
    creator: {
      id: `${USER_URN}${annotation.author}`,
      type: 'Person',
      name: annotation.authorName,
      'schema:memberOf': { id: `${VENUE_URN}${annotation.venue}`, type: 'Organization', ...(venueName === undefined ? {} : { name: venueName }) },
    },
    generator: GENERATOR,
    ...(bodies.length === 0 ? {} : { body: bodies.length === 1 ? bodies[0]! : bodies }),
    target: {
      type: 'SpecificResource',
      source: `${SHA256_URN}${evidence.sha256}`,
      selector: selectorsOf(annotation, evidence),
      styleClass: STYLE_CLASS,
    },
    stylesheet: { type: 'CssStylesheet', value: styleCss(annotation.style) },
    'huishen:kind': annotation.kind,
    'huishen:geometry': JSON.parse(JSON.stringify(annotation.geometry)) as Geometry,
  };
  if (annotation.lang !== undefined && annotation.text === undefined) out['huishen:lang'] = annotation.lang;
  return out;
}

/** Options of {@link toWebAnnotationCollection}. */
export interface WebAnnotationCollectionOptions {
  /** Where the collection is published; it becomes the collection's id and prefixes the annotations'. */
  baseIri?: string | undefined;
  /** The collection's label; defaults to the case title (or number). */
  label?: string | undefined;
  /** Only the annotations of one evidence item or page. */
  query?: AnnotationQuery | undefined;
}

/**
 * Exports a room's valid annotations (oldest first) as one AnnotationCollection whose first and
 * only AnnotationPage holds them inline, as in the Recommendation's example 40. Invalid records
 * and annotations on missing evidence are left out, as every reader does.
 */
export function toWebAnnotationCollection(doc: Y.Doc, options: WebAnnotationCollectionOptions = {}): WaAnnotationCollection {
  const evidence = new Map(readEvidence(doc).map((e) => [e.id, e]));
  const venues = readVenues(doc);
  const meta = readMeta(doc);
  const items: WebAnnotation[] = [];
  for (const annotation of readAnnotations(doc, options.query ?? {})) {
    const item = evidence.get(annotation.evidenceId);
    if (item) items.push(toWebAnnotation(annotation, { evidence: item, venues, baseIri: options.baseIri, withContext: false }));
  }
  const id = options.baseIri ?? `urn:huishen:collection:${meta.generation ?? 'room'}`;
  const label = options.label ?? meta.caseTitle ?? meta.caseNumber;
  return {
    '@context': EXPORT_CONTEXT,
    id,
    type: 'AnnotationCollection',
    ...(label === undefined ? {} : { label }),
    total: items.length,
    first: { id: options.baseIri === undefined ? `${id}:page:0` : `${id}?page=0`, type: 'AnnotationPage', startIndex: 0, items },
  };
}
