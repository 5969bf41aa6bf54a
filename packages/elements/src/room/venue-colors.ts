/**
 * Venue colours for presence (pointers, lasers, avatars). A venue's colour is document state
 * (`venues` in the room's document, set by whoever prepares the room); until a room says, a
 * stable colour is derived from the venue id so that every client picks the same one.
 */
import { readVenues } from '@huishen/model';
import type * as Y from 'yjs';

/** Distinct, accessible (≥ 4.5:1 on white) colours for venues without a colour of their own. */
export const VENUE_PALETTE: readonly string[] = Object.freeze(['#1c64c8', '#c2410c', '#1f7a3a', '#8e24aa', '#b42318', '#00707a', '#5b4fc4', '#8a5a00']);

/** The palette colour for a venue id (the same on every client). */
export function fallbackVenueColor(venue: string): string {
  let hash = 0;
  for (let i = 0; i < venue.length; i++) hash = (hash * 31 + venue.charCodeAt(i)) >>> 0;
  return VENUE_PALETTE[hash % VENUE_PALETTE.length]!;
}

/** The venue's colour as the room's document records it, else {@link fallbackVenueColor}. */
export function venueColor(doc: Y.Doc, venue: string): string {
  return readVenues(doc).find((v) => v.id === venue)?.color ?? fallbackVenueColor(venue);
}
