/**
 * The minutes (会审纪要) as data: a DOM-free, deterministic JSON bundle of one review session —
 * case information, venues, participants by venue and role, the outline, the whole timeline, the
 * decisions, the opinions grouped per venue, the evidence with its SHA-256 and which venues
 * confirmed their copy, the pages worth printing (referenced or annotated) and the annotations as
 * W3C Web Annotation JSON-LD.
 *
 * How to think about it: this is a pure projection of the document. The same document (and the
 * same options) always gives the same bundle, byte for byte once `JSON.stringify`-ed: nothing
 * reads the clock unless `generatedAt` is passed, every list has a defined order, and invalid
 * records are left out (as every reader leaves them out) and listed in `skipped`. Renderers (the
 * print-ready HTML in `@huishen/elements`) build on the bundle, never on the raw document.
 */
import type * as Y from 'yjs';
import { readAnnotations, type Annotation } from '../annotations.js';
import { readBriefing, type Anchor, type OutlineNode } from '../briefing.js';
import { readEvidence, type Evidence } from '../evidence.js';
import { readMeta } from '../meta.js';
import { ROLES, type Role } from '../rights.js';
import { readTimeline, type TimelineEntry } from '../timeline.js';
import type { InvalidRecord } from '../validate.js';
import { readVenues, type Venue } from '../venues.js';
import { toWebAnnotationCollection } from './web-annotation.js';
import type { WaAnnotationCollection } from './web-annotation-vocab.js';

/** The bundle's format name and version (bumped on incompatible changes). */
export const MINUTES_FORMAT = 'huishen-minutes';
export const MINUTES_VERSION = 1;

/** Someone who took part, as the minutes list them. */
export interface MinutesParticipant {
  /** User id; for a speaker named by the recorder (who has no account), `speaker:<name>`. */
  userId: string;
  name: string;
  venue: string;
  role: Role;
  /** True for a speaker the recorder wrote on behalf of (known by name only). */
  namedByRecorder?: boolean;
}

/** One venue's opinions, in timeline order. */
export interface MinutesVenueOpinions {
  venue: string;
  entries: Extract<TimelineEntry, { kind: 'opinion' }>[];
}

/** An evidence item as the minutes describe it. */
export interface MinutesEvidence extends Evidence {
  /** Venues whose copy matched the SHA-256 (the adding venue first: it computed the hash). */
  confirmedBy: string[];
  /** Venues that reported a copy that did not match. */
  mismatchIn: string[];
  /** How many valid annotations it carries. */
  annotationCount: number;
}

/** A page the minutes print as an image, with the annotations to burn into it. */
export interface MinutesPage {
  evidenceId: string;
  page: number;
  /** Ids of the annotations on this page, oldest first. */
  annotationIds: string[];
  /** Why the page is printed: referenced from the timeline or outline, annotated, or both. */
  referenced: boolean;
}

/** The minutes of a session as plain JSON. */
export interface MinutesBundle {
  format: typeof MINUTES_FORMAT;
  version: typeof MINUTES_VERSION;
  /** When the minutes were made; only present when the caller passed it. */
  generatedAt?: number;
  /** The room's time zone (`meta.timeZone`, else the `timeZone` option, else `UTC`). */
  timeZone: string;
  case: { caseNumber?: string; caseTitle?: string; cause?: string; createdAt?: number; generation?: string };
  venues: Venue[];
  /** Sorted by venue (in `venues` order), role (chair first) and name. */
  participants: MinutesParticipant[];
  outline: OutlineNode[];
  timeline: TimelineEntry[];
  decisions: Extract<TimelineEntry, { kind: 'decision' }>[];
  /** One group per venue that gave an opinion, in `venues` order. */
  opinions: MinutesVenueOpinions[];
  evidence: MinutesEvidence[];
  pages: MinutesPage[];
  /** Every valid annotation (the page images draw them from here). */
  annotations: Annotation[];
  /** The annotations as one W3C Web Annotation collection (JSON-LD). */
  webAnnotations: WaAnnotationCollection;
  /** Records left out because they failed validation. */
  skipped: InvalidRecord[];
}

/** Options of {@link buildMinutes}. */
export interface MinutesOptions {
  /** When the minutes are made (ms since the epoch). Never read from the clock. */
  generatedAt?: number | undefined;
  /** Time zone when the room has none in `meta`. Default `UTC` (deterministic on every machine). */
  timeZone?: string | undefined;
  /**
   * People present who may not have written anything (from presence, or the host's roster);
   * merged with everyone who wrote an entry, added evidence or annotated.
   */
  participants?: readonly MinutesParticipant[] | undefined;
  /**
   * Integrity results known outside the timeline (e.g. from presence at export time):
   * evidence id → venue id → matched. Timeline `integrity-confirmed` / `integrity-mismatch`
   * system entries are always taken into account.
   */
  integrity?: Readonly<Record<string, Readonly<Record<string, boolean>>>> | undefined;
  /** Published location of the annotations (see `toWebAnnotationCollection`). */
  baseIri?: string | undefined;
  /** Most pages listed for printing (default 500); the rest are left out, referenced ones first. */
  maxPages?: number | undefined;
}

const ROLE_ORDER = new Map<string, number>(ROLES.map((role, i) => [role, i]));
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function addAnchor(pages: Map<string, { evidenceId: string; page: number; referenced: boolean }>, anchor: Anchor, annotations: Map<string, Annotation>): void {
  let page = anchor.page;
  if (page === undefined && anchor.annotationId !== undefined) page = annotations.get(anchor.annotationId)?.page;
  const key = `${anchor.evidenceId}\u0000${page ?? 1}`;
  pages.set(key, { evidenceId: anchor.evidenceId, page: page ?? 1, referenced: true });
}

function anchorsOf(entry: TimelineEntry): Anchor[] {
  if (entry.kind === 'evidence-ref') return [entry.ref];
  if (entry.kind === 'decision') return entry.references ?? [];
  return [];
}

function participantsOf(
  timeline: readonly TimelineEntry[],
  evidence: readonly Evidence[],
  annotations: readonly Annotation[],
  extra: readonly MinutesParticipant[],
  venueOrder: Map<string, number>,
): MinutesParticipant[] {
  const people = new Map<string, MinutesParticipant>();
  const put = (p: MinutesParticipant) => {
    if (!people.has(p.userId)) people.set(p.userId, p);
  };
  for (const p of extra) put({ ...p });
  for (const entry of timeline) {
    if (entry.role !== 'server') put({ userId: entry.author, name: entry.authorName, venue: entry.venue, role: entry.role });
    if (entry.speaker) {
      const venue = entry.speaker.venue ?? entry.venue;
      put({ userId: `speaker:${venue}:${entry.speaker.name}`, name: entry.speaker.name, venue, role: entry.speaker.role ?? 'member', namedByRecorder: true });
    }
  }
  // Evidence adders and annotators are known by id (and annotators by name).
  for (const a of annotations) put({ userId: a.author, name: a.authorName, venue: a.venue, role: 'member' });
  for (const e of evidence) if (!people.has(e.addedBy)) put({ userId: e.addedBy, name: e.addedBy, venue: e.venue, role: 'presenter' });
  const venueRank = (v: string) => venueOrder.get(v) ?? Number.MAX_SAFE_INTEGER;
  return [...people.values()].sort(
    (a, b) =>
      venueRank(a.venue) - venueRank(b.venue) ||
      byCode(a.venue, b.venue) ||
      (ROLE_ORDER.get(a.role) ?? 9) - (ROLE_ORDER.get(b.role) ?? 9) ||
      byCode(a.name, b.name) ||
      byCode(a.userId, b.userId),
  );
}

function integrityOf(timeline: readonly TimelineEntry[], extra: MinutesOptions['integrity']): Map<string, Map<string, boolean>> {
  const out = new Map<string, Map<string, boolean>>();
  const set = (evidenceId: string, venue: string, ok: boolean) => {
    let venues = out.get(evidenceId);
    if (!venues) out.set(evidenceId, (venues = new Map()));
    // A mismatch, once reported, is never hidden by a later confirmation.
    if (venues.get(venue) !== false) venues.set(venue, ok);
  };
  for (const entry of timeline) {
    if (entry.kind !== 'system') continue;
    const { code, params } = entry.event;
    const evidenceId = params?.['evidenceId'];
    if (typeof evidenceId !== 'string') continue;
    const venue = typeof params?.['venue'] === 'string' ? params['venue'] : entry.venue;
    if (code === 'integrity-confirmed') set(evidenceId, venue, true);
    else if (code === 'integrity-mismatch') set(evidenceId, venue, false);
  }
  for (const [evidenceId, venues] of Object.entries(extra ?? {})) for (const [venue, ok] of Object.entries(venues)) set(evidenceId, venue, ok);
  return out;
}

/** Builds the minutes bundle of `doc`. Pure and deterministic; never throws on remote data. */
export function buildMinutes(doc: Y.Doc, options: MinutesOptions = {}): MinutesBundle {
  const skipped: InvalidRecord[] = [];
  const report = (invalid: InvalidRecord) => skipped.push(invalid);
  const meta = readMeta(doc, report);
  const venues = readVenues(doc, report);
  const evidence = readEvidence(doc, report);
  const annotations = readAnnotations(doc, {}, report);
  const briefing = readBriefing(doc, report);
  const timeline = readTimeline(doc, report);
  const venueOrder = new Map(venues.map((v, i) => [v.id, i]));
  const evidenceIds = new Set(evidence.map((e) => e.id));
  const annotationById = new Map(annotations.map((a) => [a.id, a]));

  // Pages: referenced from the timeline or the outline, or carrying annotations.
  const pageMap = new Map<string, { evidenceId: string; page: number; referenced: boolean }>();
  for (const entry of timeline) for (const anchor of anchorsOf(entry)) addAnchor(pageMap, anchor, annotationById);
  for (const node of briefing.nodes) for (const anchor of node.anchors) addAnchor(pageMap, anchor, annotationById);
  const onPage = new Map<string, string[]>();
  for (const a of annotations) {
    const key = `${a.evidenceId}\u0000${a.page}`;
    onPage.set(key, [...(onPage.get(key) ?? []), a.id]);
    if (!pageMap.has(key)) pageMap.set(key, { evidenceId: a.evidenceId, page: a.page, referenced: false });
  }
  const evidenceRank = new Map(evidence.map((e, i) => [e.id, i]));
  const pagesOf = new Map(evidence.map((e) => [e.id, e.pages]));
  const maxPages = Math.max(0, Math.trunc(options.maxPages ?? 500));
  const candidates = [...pageMap.entries()]
    .filter(([, p]) => evidenceIds.has(p.evidenceId) && p.page <= (pagesOf.get(p.evidenceId) ?? 0))
    .map(([key, p]): MinutesPage => ({ ...p, annotationIds: onPage.get(key) ?? [] }));
  const kept = new Set(
    [...candidates]
      .sort((a, b) => Number(b.referenced) - Number(a.referenced) || b.annotationIds.length - a.annotationIds.length)
      .slice(0, maxPages),
  );
  const pages = candidates
    .filter((p) => kept.has(p))
    .sort((a, b) => evidenceRank.get(a.evidenceId)! - evidenceRank.get(b.evidenceId)! || a.page - b.page);

  const integrity = integrityOf(timeline, options.integrity);
  const annotationCount = new Map<string, number>();
  for (const a of annotations) annotationCount.set(a.evidenceId, (annotationCount.get(a.evidenceId) ?? 0) + 1);
  const sortVenues = (ids: Iterable<string>) => [...ids].sort((a, b) => (venueOrder.get(a) ?? 1e9) - (venueOrder.get(b) ?? 1e9) || byCode(a, b));
  const minutesEvidence = evidence.map((e): MinutesEvidence => {
    const checks = integrity.get(e.id) ?? new Map<string, boolean>();
    const mismatchIn = sortVenues([...checks].filter(([, ok]) => !ok).map(([venue]) => venue));
    const others = sortVenues([...checks].filter(([venue, ok]) => ok && venue !== e.venue).map(([venue]) => venue));
    const confirmedBy = checks.get(e.venue) === false ? others : [e.venue, ...others];
    return { ...e, confirmedBy, mismatchIn, annotationCount: annotationCount.get(e.id) ?? 0 };
  });

  const opinionsByVenue = new Map<string, MinutesVenueOpinions['entries']>();
  for (const entry of timeline) {
    if (entry.kind !== 'opinion') continue;
    const venue = entry.speaker?.venue ?? entry.venue;
    opinionsByVenue.set(venue, [...(opinionsByVenue.get(venue) ?? []), entry]);
  }

  const caseInfo: MinutesBundle['case'] = {};
  if (meta.caseNumber !== undefined) caseInfo.caseNumber = meta.caseNumber;
  if (meta.caseTitle !== undefined) caseInfo.caseTitle = meta.caseTitle;
  if (meta.cause !== undefined) caseInfo.cause = meta.cause;
  if (meta.createdAt !== undefined) caseInfo.createdAt = meta.createdAt;
  if (meta.generation !== undefined) caseInfo.generation = meta.generation;

  return {
    format: MINUTES_FORMAT,
    version: MINUTES_VERSION,
    ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
    timeZone: meta.timeZone ?? options.timeZone ?? 'UTC',
    case: caseInfo,
    venues,
    participants: participantsOf(timeline, evidence, annotations, options.participants ?? [], venueOrder),
    outline: briefing.nodes,
    timeline,
    decisions: timeline.filter((e): e is Extract<TimelineEntry, { kind: 'decision' }> => e.kind === 'decision'),
    opinions: sortVenues(opinionsByVenue.keys()).map((venue) => ({ venue, entries: opinionsByVenue.get(venue)! })),
    evidence: minutesEvidence,
    pages,
    annotations,
    webAnnotations: toWebAnnotationCollection(doc, { baseIri: options.baseIri }),
    skipped,
  };
}
