/**
 * The discussion timeline: an append-only list of entries (speech, comment, evidence reference,
 * opinion, decision, agenda marker, system event) that becomes the minutes. Entries are never
 * deleted; an author may edit their own entry and the previous text is kept in `history`; the
 * chair may retract an entry, which keeps it visible as retracted.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { anchorSchema } from './briefing.js';
import { newId } from './ids.js';
import type { LocalOrigin } from './origins.js';
import { ROLES } from './rights.js';
import { writeFields } from './records.js';
import { roots } from './schema.js';
import { checkInput, idSchema, InvalidInputError, readRecord, textSchema, timeSchema, titleSchema, type InvalidRecord } from './validate.js';

export const TIMELINE_KINDS = ['speech', 'comment', 'evidence-ref', 'opinion', 'decision', 'agenda', 'system'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export const STANCES = ['agree', 'disagree', 'supplement'] as const;
export type Stance = (typeof STANCES)[number];

/**
 * System events the timeline knows how to say (the text comes from the i18n layer). Params by
 * convention: `name` (who joined or left), `presenterName` (presenter changed, as
 * `handOffPresenting` writes it), `title` and `evidenceId` (evidence
 * added/removed, still captured, integrity checks — `integrity-confirmed`/`integrity-mismatch`
 * are written by the venue whose copy was checked, so the entry's `venue` is the checking venue),
 * `page` (locks), `count`.
 */
export const SYSTEM_EVENTS = [
  'joined',
  'left',
  'presenter-changed',
  'evidence-added',
  'evidence-removed',
  'still-captured',
  'integrity-mismatch',
  'integrity-confirmed',
  'annotation-removed',
  'page-locked',
  'page-unlocked',
] as const;
export type SystemEventCode = (typeof SYSTEM_EVENTS)[number];

/** Most edits kept in an entry's history. */
export const MAX_HISTORY = 50;

const nonEmptyText = v.pipe(textSchema, v.minLength(1));
const speakerSchema = v.object({
  name: v.pipe(titleSchema, v.minLength(1)),
  venue: v.optional(idSchema),
  role: v.optional(v.picklist(ROLES)),
});
const eventSchema = v.object({
  code: v.picklist(SYSTEM_EVENTS),
  params: v.optional(v.pipe(v.record(v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/)), v.union([titleSchema, v.number()])), v.check((r) => Object.keys(r).length <= 16, 'too many params'))),
});
const historySchema = v.pipe(v.array(v.object({ text: textSchema, at: timeSchema })), v.maxLength(MAX_HISTORY));

const baseEntries = {
  id: idSchema,
  author: idSchema,
  authorName: titleSchema,
  venue: idSchema,
  role: v.picklist([...ROLES, 'server'] as const),
  at: timeSchema,
  speaker: v.optional(speakerSchema),
  editedAt: v.optional(timeSchema),
  history: v.optional(historySchema),
  retracted: v.optional(v.boolean()),
  retractedBy: v.optional(idSchema),
};

/** The stored entry of each kind. */
export const timelineEntrySchema = v.variant('kind', [
  v.object({ ...baseEntries, kind: v.literal('speech'), text: nonEmptyText }),
  v.object({ ...baseEntries, kind: v.literal('comment'), text: nonEmptyText }),
  v.object({ ...baseEntries, kind: v.literal('evidence-ref'), ref: anchorSchema, text: v.optional(textSchema) }),
  v.object({ ...baseEntries, kind: v.literal('opinion'), stance: v.picklist(STANCES), nodeId: idSchema, text: v.optional(textSchema) }),
  v.object({
    ...baseEntries,
    kind: v.literal('decision'),
    text: nonEmptyText,
    references: v.optional(v.pipe(v.array(anchorSchema), v.maxLength(100))),
  }),
  v.object({ ...baseEntries, kind: v.literal('agenda'), nodeId: idSchema, text: v.optional(textSchema) }),
  v.object({ ...baseEntries, kind: v.literal('system'), event: eventSchema, text: v.optional(textSchema) }),
]);
export type TimelineEntry = v.InferOutput<typeof timelineEntrySchema>;

type Distribute<T> = T extends unknown ? Omit<T, 'id' | 'author' | 'authorName' | 'venue' | 'role' | 'at' | 'editedAt' | 'history' | 'retracted' | 'retractedBy'> & { id?: string } : never;
/** What a caller gives to append an entry; author, venue, role and time come from the origin. */
export type NewTimelineEntry = Distribute<TimelineEntry>;

/** Reads the valid entries in timeline order; invalid ones are reported and skipped. */
export function readTimeline(doc: Y.Doc, report?: (invalid: InvalidRecord) => void): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const seen = new Set<string>();
  roots(doc).timeline.forEach((map, index) => {
    const key = map instanceof Y.Map && typeof map.get('id') === 'string' ? (map.get('id') as string) : `#${index}`;
    const result = readRecord(timelineEntrySchema, map, key);
    if (!result.ok) report?.({ collection: 'timeline', id: key, issues: result.issues });
    else if (seen.has(result.value.id)) report?.({ collection: 'timeline', id: key, issues: ['duplicate id'] });
    else {
      seen.add(result.value.id);
      out.push(result.value);
    }
  });
  return out;
}

/** Appends an entry; returns its id. */
export function appendEntry(doc: Y.Doc, input: NewTimelineEntry, origin: LocalOrigin): string {
  const id = input.id ?? newId();
  const { actor } = origin;
  const entry = checkInput('appendEntry', timelineEntrySchema, {
    ...input,
    id,
    author: actor.userId,
    authorName: actor.name,
    venue: actor.venue,
    role: actor.role,
    at: origin.now(),
  });
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(entry)) if (value !== undefined) map.set(key, value);
  doc.transact(() => roots(doc).timeline.push([map]), origin);
  return id;
}

function findEntry(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  for (const map of roots(doc).timeline) if (map instanceof Y.Map && map.get('id') === id) return map;
  return undefined;
}

/** Edits an entry's text, keeping the previous text (and its time) in `history`. */
export function editEntry(doc: Y.Doc, id: string, text: string, origin: LocalOrigin): void {
  checkInput('editEntry', textSchema, text);
  const map = findEntry(doc, id);
  if (!map) throw new InvalidInputError('editEntry', [`no entry ${id}`]);
  const previous = map.get('text');
  if (previous === text) return;
  const history = v.safeParse(historySchema, map.get('history'));
  const items = history.success ? [...history.output] : [];
  if (typeof previous === 'string') items.push({ text: previous, at: (map.get('editedAt') as number | undefined) ?? (map.get('at') as number) });
  const kind = map.get('kind');
  if (text === '' && (kind === 'speech' || kind === 'comment' || kind === 'decision')) throw new InvalidInputError('editEntry', ['text is required']);
  doc.transact(() => writeFields(map, { text: text === '' ? undefined : text, history: items.slice(-MAX_HISTORY), editedAt: origin.now() }), origin);
}

/** Marks an entry retracted (chair only). It stays in the timeline and the minutes. */
export function retractEntry(doc: Y.Doc, id: string, origin: LocalOrigin): void {
  const map = findEntry(doc, id);
  if (!map) throw new InvalidInputError('retractEntry', [`no entry ${id}`]);
  doc.transact(() => writeFields(map, { retracted: true, retractedBy: origin.actor.userId }), origin);
}
