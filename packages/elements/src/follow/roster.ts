/**
 * Who follows the presenter, per venue, from presence. Pure: give it the peers read with
 * `readPeers` and the presenter's id.
 *
 * - `following`: their presence says they follow the presenter;
 * - `diverged`: they have a viewer open but do not follow (they broke away or turned follow off);
 * - `idle`: connected, but show no evidence and do not follow.
 *
 * A person with several tabs counts once, in their most engaged state.
 */
import type { Peer } from '@huishen/model';

/** One participant's follow state as the presenter sees it. */
export type RosterState = 'following' | 'diverged' | 'idle';

/** One participant in the roster. */
export interface RosterEntry {
  readonly userId: string;
  readonly name: string;
  readonly venue: string;
  readonly role: Peer['user']['role'];
  readonly color: string;
  readonly state: RosterState;
}

/** The participants of one venue. */
export interface RosterVenue {
  readonly venue: string;
  readonly entries: readonly RosterEntry[];
}

const RANK: Readonly<Record<RosterState, number>> = { following: 2, diverged: 1, idle: 0 };

/** The follow state of one peer. */
export function rosterState(peer: Peer, presenterId: string | undefined): RosterState {
  if (presenterId !== undefined && peer.following === presenterId) return 'following';
  return peer.viewing ? 'diverged' : 'idle';
}

/**
 * The roster: every peer except the presenter, one entry per person, grouped by venue (venues in
 * `venueOrder` first, then by id), people by name.
 */
export function buildRoster(peers: readonly Peer[], presenterId: string | undefined, venueOrder: readonly string[] = []): RosterVenue[] {
  const people = new Map<string, RosterEntry>();
  for (const peer of peers) {
    if (peer.user.id === presenterId) continue;
    const entry: RosterEntry = {
      userId: peer.user.id,
      name: peer.user.name,
      venue: peer.user.venue,
      role: peer.user.role,
      color: peer.user.color,
      state: rosterState(peer, presenterId),
    };
    const known = people.get(entry.userId);
    if (!known || RANK[entry.state] > RANK[known.state]) people.set(entry.userId, entry);
  }
  const venues = new Map<string, RosterEntry[]>();
  for (const entry of people.values()) venues.set(entry.venue, [...(venues.get(entry.venue) ?? []), entry]);
  const rank = (venue: string) => {
    const i = venueOrder.indexOf(venue);
    return i < 0 ? venueOrder.length : i;
  };
  return [...venues.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([venue, entries]) => ({ venue, entries: entries.sort((a, b) => a.name.localeCompare(b.name, 'zh') || (a.userId < b.userId ? -1 : 1)) }));
}
