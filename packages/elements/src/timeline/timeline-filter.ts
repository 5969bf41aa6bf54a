/**
 * Filtering the timeline: by venue, by kind, by outline node, and a text search. An entry
 * belongs to an outline node when it is an opinion on it, an agenda marker for it, or anything
 * said after the agenda moved to that node and before it moved on (its *section*).
 */
import type { TimelineEntry, TimelineKind } from '@huishen/model';

/** The active filters; an empty string or `undefined` means "all". */
export interface TimelineFilter {
  venue?: string | undefined;
  kind?: TimelineKind | '' | undefined;
  nodeId?: string | undefined;
  query?: string | undefined;
}

/** The outline node each entry belongs to, by entry id (entries before any agenda marker have none). */
export function sectionsOf(entries: readonly TimelineEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  for (const entry of entries) {
    if (entry.kind === 'agenda') current = entry.nodeId;
    const node = entry.kind === 'opinion' ? entry.nodeId : current;
    if (node !== undefined) out.set(entry.id, node);
  }
  return out;
}

/** The venue an entry speaks for: the named speaker's, else the author's. */
export function venueOf(entry: TimelineEntry): string {
  return entry.speaker?.venue ?? entry.venue;
}

/** The searchable text of an entry: its text, earlier versions, author and speaker names. */
export function searchTextOf(entry: TimelineEntry, extra = ''): string {
  const parts = [entry.authorName, entry.speaker?.name ?? '', extra];
  if ('text' in entry && entry.text) parts.push(entry.text);
  for (const h of entry.history ?? []) parts.push(h.text);
  return parts.join('\n').toLocaleLowerCase();
}

/** True when no filter is set. */
export function isUnfiltered(filter: TimelineFilter): boolean {
  return !filter.venue && !filter.kind && !filter.nodeId && !(filter.query ?? '').trim();
}

/**
 * The entries that pass `filter`, in order. `describe` gives extra searchable text for an entry
 * (its rendered system message, the evidence title it references).
 */
export function filterEntries(
  entries: readonly TimelineEntry[],
  filter: TimelineFilter,
  sections: ReadonlyMap<string, string>,
  describe: (entry: TimelineEntry) => string = () => '',
): TimelineEntry[] {
  if (isUnfiltered(filter)) return entries as TimelineEntry[];
  const query = (filter.query ?? '').trim().toLocaleLowerCase();
  return entries.filter(
    (e) =>
      (!filter.venue || venueOf(e) === filter.venue) &&
      (!filter.kind || e.kind === filter.kind) &&
      (!filter.nodeId || sections.get(e.id) === filter.nodeId) &&
      (!query || searchTextOf(e, describe(e)).includes(query)),
  );
}
