/** Venues: the procuratorates taking part (id → name, level, colour). */
import * as v from 'valibot';
import type * as Y from 'yjs';
import type { LocalOrigin } from './origins.js';
import { createRecord, readCollection, recordMap, writeFields } from './records.js';
import { roots } from './schema.js';
import { checkInput, colorSchema, idSchema, type InvalidRecord } from './validate.js';

export const VENUE_LEVELS = ['supreme', 'province', 'city', 'county', 'other'] as const;
export type VenueLevel = (typeof VENUE_LEVELS)[number];

export const venueSchema = v.object({
  id: idSchema,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  level: v.picklist(VENUE_LEVELS),
  color: colorSchema,
});
export type Venue = v.InferOutput<typeof venueSchema>;

const byName = new Intl.Collator('zh');

/** Reads every valid venue, sorted by name; invalid ones are reported and skipped. */
export function readVenues(doc: Y.Doc, report?: (invalid: InvalidRecord) => void): Venue[] {
  return [...readCollection(roots(doc).venues.entries(), venueSchema, 'venues', report).values()].sort((a, b) => byName.compare(a.name, b.name));
}

/** Adds a venue or updates its fields. */
export function setVenue(doc: Y.Doc, input: Venue, origin: LocalOrigin | string | null): void {
  const venue = checkInput('setVenue', venueSchema, input);
  const { venues } = roots(doc);
  doc.transact(() => {
    const map = recordMap(venues, venue.id);
    if (map) writeFields(map, venue);
    else createRecord(venues, venue.id, venue);
  }, origin);
}

/** Removes a venue. */
export function removeVenue(doc: Y.Doc, id: string, origin: LocalOrigin | string | null): void {
  doc.transact(() => roots(doc).venues.delete(id), origin);
}
