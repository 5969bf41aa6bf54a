/**
 * W3C Web Annotation import: JSON-LD in, validated Huishen annotations out. Input is untrusted:
 * {@link fromWebAnnotation} never throws and refuses with `{ ok: false, issues }`; what it can
 * read but not keep (a second text body, a selector it cannot place) is listed in `notes`.
 *
 * A Huishen export comes back exactly: kind and geometry from the `huishen:` extension, the rest
 * from the standard properties (see `web-annotation-vocab.ts`). Other tools' annotations are read
 * when they target an evidence file by `urn:sha256:` and place themselves with a page selector
 * refined by a `xywh=` region in PDF user space; a zero-size region becomes a pin (or a stamp, when
 * tagged with a stamp label), a `commenting` region a note, any other region a rect.
 *
 * **Who is the author of an imported annotation?** {@link importWebAnnotations} writes through
 * `addAnnotation`, so the importing person becomes author and venue and the times are the import's.
 * That is deliberate: the rights table lets nobody write a record naming someone else as author,
 * and the room server refuses such updates. The original creator, venue, times and IRI are
 * returned per annotation (`from`), for the caller to show or to record in the timeline; the
 * annotation record has no field to keep them in.
 */
import * as v from 'valibot';
import type * as Y from 'yjs';
import { addAnnotation, annotationSchema, ANNOTATION_KINDS, geometrySchemas, type Annotation, type AnnotationKind, type NewAnnotation, type Style } from '../annotations.js';
import { readEvidence } from '../evidence.js';
import type { LocalOrigin } from '../origins.js';
import { roots } from '../schema.js';
import { describeIssues, InvalidInputError } from '../validate.js';
import { geometryFromPlace, readBodies, readCreator, readId, readStamp, readStyle, readTime, regionAgrees, type ImportedCreator } from './web-annotation-fields.js';
import { checkJson, hasType, isObject, own, parseJsonText, readContext, show, single, type ContextInfo, type JsonObject } from './web-annotation-json.js';
import { readTarget } from './web-annotation-target.js';
import { WEB_ANNOTATION_CONTEXT } from './web-annotation-vocab.js';

export type { ImportedCreator } from './web-annotation-fields.js';

/** Maps an evidence file's SHA-256 (lower-case hex) to the evidence id in this room. */
export type EvidenceLookup = ReadonlyMap<string, string> | ((sha256: string) => string | undefined);

/** Options of {@link fromWebAnnotation}. */
export interface FromWebAnnotationOptions {
  /** Which evidence item each SHA-256 is. Targets whose file is not in the room are refused. */
  evidenceBySha256: EvidenceLookup;
  /** The `baseIri` the annotations were exported with, to recognise ids without a `canonical` URN. */
  baseIri?: string | undefined;
}

/** A Web Annotation read back. */
export interface ImportedAnnotation {
  /** Ready for `addAnnotation`; `id` is present when the JSON carried a valid Huishen id. */
  annotation: NewAnnotation & { style: Style };
  /** The annotation's own IRI (`id`). */
  iri: string;
  creator?: ImportedCreator;
  createdAt?: number;
  modifiedAt?: number;
  /** The complete stored record, when the JSON carries every field of one (any Huishen export does). */
  record?: Annotation;
  /** What was read but not kept. */
  notes: string[];
}

/** The result of reading one Web Annotation. */
export type WebAnnotationReadResult = { ok: true; value: ImportedAnnotation } | { ok: false; issues: string[] };

function lookup(evidence: EvidenceLookup, sha256: string): string | undefined {
  return typeof evidence === 'function' ? evidence(sha256) : evidence.get(sha256);
}

/** Reads one annotation whose input already passed {@link checkJson}. */
function readChecked(json: unknown, options: FromWebAnnotationOptions, inherited: ContextInfo | undefined): WebAnnotationReadResult {
  if (!isObject(json)) return { ok: false, issues: ['an annotation must be a JSON object'] };
  const issues: string[] = [];
  const notes: string[] = [];
  const contextValue = own(json, '@context');
  const context = contextValue === undefined ? inherited : readContext(contextValue, notes);
  if (!context) return { ok: false, issues: [`no @context; expected ${WEB_ANNOTATION_CONTEXT}`] };
  if ('issue' in context) return { ok: false, issues: [context.issue] };
  if (!hasType(own(json, 'type'), 'Annotation')) issues.push(`type ${show(own(json, 'type'))} is not Annotation`);
  const iri = own(json, 'id');
  if (typeof iri !== 'string' || iri.length === 0) issues.push('no id IRI');
  const extension = Object.keys(json).filter((key) => key.startsWith('huishen:'));
  if (extension.length > 0 && !context.huishen) issues.push(`${extension[0]} is used but @context does not declare the huishen prefix`);
  const place = readTarget(own(json, 'target'), notes);
  if ('issues' in place) issues.push(...place.issues);
  if (issues.length > 0 || 'issues' in place) return { ok: false, issues };

  const evidenceId = lookup(options.evidenceBySha256, place.sha256);
  if (evidenceId === undefined) return { ok: false, issues: [`no evidence with SHA-256 ${place.sha256} in this room`] };
  const motivation = single(own(json, 'motivation'));
  const bodies = readBodies(json, issues);
  const rawKind = own(json, 'huishen:kind');
  let kind: AnnotationKind;
  if (rawKind !== undefined) {
    if (!(ANNOTATION_KINDS as readonly unknown[]).includes(rawKind)) return { ok: false, issues: [`huishen:kind ${show(rawKind)} is not a Huishen kind`] };
    kind = rawKind as AnnotationKind;
  } else if (place.region && place.region.w === 0 && place.region.h === 0) kind = readStamp(bodies.tags, []) ? 'stamp' : 'pin';
  else kind = motivation === 'commenting' ? 'note' : 'rect';

  let geometry: unknown = own(json, 'huishen:geometry');
  if (geometry === undefined) {
    geometry = geometryFromPlace(kind, place);
    if (geometry === undefined)
      return { ok: false, issues: [`no ${kind} geometry: without huishen:geometry only a xywh= region in PDF user space can be placed`] };
  } else {
    const checked = v.safeParse(geometrySchemas[kind], geometry);
    if (!checked.success) return { ok: false, issues: describeIssues(checked.issues).map((issue) => `huishen:geometry.${issue}`) };
    if (!regionAgrees(checked.output, place)) return { ok: false, issues: ['the xywh= selector and huishen:geometry disagree'] };
  }
  // Huishen writes no page selector for images (they have one page); from others it is a guess.
  if (place.page === undefined && rawKind === undefined) notes.push('no page selector; page 1 assumed');

  const stamp = kind === 'stamp' ? readStamp(bodies.tags, notes) : undefined;
  if (kind === 'stamp' && !stamp) issues.push('a stamp needs a tagging TextualBody with a stamp label');
  if (kind !== 'stamp' && bodies.tags.length > 0) notes.push(`${bodies.tags.length} tag(s) not kept`);
  if (place.quote && kind !== 'highlight') notes.push('TextQuoteSelector kept only on highlights');
  const huishenLang = own(json, 'huishen:lang');
  const lang = bodies.text ? single(bodies.text.language) : huishenLang;
  if (bodies.text && bodies.text.language !== undefined && lang === undefined) notes.push('a text in several languages: the language is not kept');
  const creator = readCreator(own(json, 'creator'), issues);
  const createdAt = readTime(own(json, 'created'), 'created', issues);
  const modifiedAt = readTime(own(json, 'modified'), 'modified', issues);
  if (issues.length > 0) return { ok: false, issues };

  const id = readId(json, options.baseIri, notes);
  const candidate: Record<string, unknown> = {
    id: id ?? 'probe',
    evidenceId,
    page: place.page ?? 1,
    kind,
    geometry,
    style: readStyle(json, own(json, 'target'), kind, notes),
    author: creator?.userId ?? 'probe',
    authorName: creator?.name ?? '',
    venue: creator?.venue ?? 'probe',
    createdAt: createdAt ?? 0,
    modifiedAt: modifiedAt ?? 0,
  };
  if (bodies.text) candidate['text'] = bodies.text.value;
  if (lang !== undefined) candidate['lang'] = lang;
  if (place.quote && kind === 'highlight') candidate['quote'] = Object.fromEntries(Object.entries(place.quote).filter(([, value]) => value !== undefined));
  if (stamp) candidate['stamp'] = stamp;
  const parsed = v.safeParse(annotationSchema, candidate);
  if (!parsed.success) return { ok: false, issues: describeIssues(parsed.issues) };

  const { author: _a, authorName: _n, venue: _v, createdAt: _c, modifiedAt: _m, id: _id, ...rest } = parsed.output;
  const complete = id !== undefined && creator?.userId !== undefined && creator.name !== undefined && creator.venue !== undefined && createdAt !== undefined && modifiedAt !== undefined;
  const value: ImportedAnnotation = {
    annotation: (id === undefined ? rest : { id, ...rest }) as ImportedAnnotation['annotation'],
    iri: iri as string,
    notes,
  };
  if (creator) value.creator = creator;
  if (createdAt !== undefined) value.createdAt = createdAt;
  if (modifiedAt !== undefined) value.modifiedAt = modifiedAt;
  if (complete) value.record = parsed.output;
  return { ok: true, value };
}

/**
 * Reads one Web Annotation (a parsed value or JSON text). Never throws: hostile or unsupported
 * input gives `{ ok: false, issues }`. A Huishen export comes back with `record` equal to the
 * exported annotation.
 */
export function fromWebAnnotation(json: unknown, options: FromWebAnnotationOptions): WebAnnotationReadResult {
  try {
    if (typeof json === 'string') {
      const parsed = parseJsonText(json);
      if (!parsed.ok) return { ok: false, issues: [parsed.issue] };
      json = parsed.value;
    }
    const problem = checkJson(json);
    if (problem) return { ok: false, issues: [problem] };
    return readChecked(json, options, undefined);
  } catch (_error) {
    return { ok: false, issues: ['unreadable annotation'] };
  }
}

/** What {@link importWebAnnotations} did. */
export interface WebAnnotationImportReport {
  /** Added annotations: the new record's id, the item's position, and what the JSON said (original creator and times). */
  imported: { id: string; index: number; from: ImportedAnnotation }[];
  /** Items not added (`index` -1: the input as a whole). */
  skipped: { index: number; issues: string[] }[];
}

/** The annotations of an input: a collection with its first page inline, a page, an array or one annotation. */
function itemsOf(json: unknown, notes: string[]): { items: unknown[]; context: ContextInfo | undefined } | { issue: string } {
  if (Array.isArray(json)) return { items: json, context: undefined };
  if (!isObject(json)) return { issue: 'input must be an annotation, an AnnotationPage, an AnnotationCollection or an array' };
  const type = own(json, 'type');
  const contextValue = own(json, '@context');
  let context: ContextInfo | undefined;
  if (contextValue !== undefined) {
    const read = readContext(contextValue, notes);
    if ('issue' in read) return { issue: read.issue };
    context = read;
  }
  let page: JsonObject = json;
  if (hasType(type, 'AnnotationCollection')) {
    const first = own(json, 'first');
    if (!isObject(first)) return { issue: 'the collection has no inline first page (pages given by IRI are not fetched)' };
    page = first;
    if (own(page, 'next') !== undefined) notes.push('only the first page of the collection was read');
  } else if (!hasType(type, 'AnnotationPage')) return { items: [json], context: undefined };
  const items = own(page, 'items');
  return Array.isArray(items) ? { items, context } : { issue: 'the annotation page has no items array' };
}

/**
 * Adds the annotations of a Web Annotation collection, page, array or single annotation to the
 * room, in one transaction with `origin`. Targets are matched to the room's evidence by SHA-256.
 * Ids are kept when valid and free, otherwise new ones are made. The importing person becomes
 * author (see the module comment); the original creator and times are in each `from`. Never
 * throws on bad input; every item that cannot be added is listed with its issues.
 */
export function importWebAnnotations(doc: Y.Doc, input: unknown, origin: LocalOrigin, options: { baseIri?: string } = {}): WebAnnotationImportReport {
  const report: WebAnnotationImportReport = { imported: [], skipped: [] };
  try {
    if (typeof input === 'string') {
      const parsed = parseJsonText(input);
      if (!parsed.ok) return { imported: [], skipped: [{ index: -1, issues: [parsed.issue] }] };
      input = parsed.value;
    }
    const problem = checkJson(input);
    if (problem) return { imported: [], skipped: [{ index: -1, issues: [problem] }] };
    const notes: string[] = [];
    const found = itemsOf(input, notes);
    if ('issue' in found) return { imported: [], skipped: [{ index: -1, issues: [found.issue] }] };
    const bySha = new Map<string, string>();
    for (const item of readEvidence(doc)) if (!bySha.has(item.sha256)) bySha.set(item.sha256, item.id);
    const { annotations } = roots(doc);
    doc.transact(() => {
      found.items.forEach((item, index) => {
        const read = readChecked(item, { evidenceBySha256: bySha, baseIri: options.baseIri }, found.context);
        if (!read.ok) {
          report.skipped.push({ index, issues: read.issues });
          return;
        }
        const { annotation } = read.value;
        read.value.notes.unshift(...notes);
        if (annotation.id !== undefined && annotations.has(annotation.id)) {
          read.value.notes.push(`id ${annotation.id} is taken; a new one was made`);
          delete annotation.id;
        }
        try {
          report.imported.push({ id: addAnnotation(doc, annotation, origin), index, from: read.value });
        } catch (error) {
          report.skipped.push({ index, issues: error instanceof InvalidInputError ? error.issues : ['could not be added'] });
        }
      });
    }, origin);
  } catch (_error) {
    report.skipped.push({ index: -1, issues: ['unreadable input'] });
  }
  return report;
}
