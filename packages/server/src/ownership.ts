/**
 * Which user writes under which Yjs client id.
 *
 * How to think about this module: Yjs identifies every struct by (client id, clock), and a peer
 * that already has a clock range ignores anything else sent for it. So a client that writes
 * structs — even content-free GC structs — under *another* client's id, at clocks that client
 * has not used yet, silently swallows that person's future edits. The rights table cannot see
 * this (no record changes), so the room remembers, per client id, the user who first extended
 * it in this process, and refuses updates that extend an id owned by someone else. Observers may
 * not extend any id at all. The map is not stored: after a restart the first writer of an id
 * claims it again (a reconnecting client re-uploads under its own id at once).
 */
import * as Y from 'yjs';
import type { Actor, UpdateVerdict } from '@huishen/model';

/** Per-room client id owners. */
export class ClientIdOwners {
  private readonly owners = new Map<number, string>();

  /**
   * Checks that `update` only adds structs under client ids that `actor` owns or that nobody
   * owns yet. Returns the ids it would extend (to {@link claim} once applied).
   */
  check(doc: Y.Doc, update: Uint8Array, actor: Actor, known?: ReadonlyMap<number, number>): { verdict: UpdateVerdict; grows: number[] } {
    let to: ReadonlyMap<number, number>;
    try {
      // `known` is the same map, already read by checkUpdate (saves decoding the update again).
      to = known ?? Y.parseUpdateMeta(update).to;
    } catch (error) {
      return { verdict: { ok: false, reason: 'malformed-update', detail: String(error) }, grows: [] };
    }
    const grows: number[] = [];
    for (const [client, clock] of to) {
      if (clock <= Y.getState(doc.store, client)) continue;
      if (actor.role === 'observer') return { verdict: { ok: false, reason: 'read-only', detail: 'observers add no structs' }, grows: [] };
      const owner = this.owners.get(client);
      if (owner !== undefined && owner !== actor.userId) {
        return { verdict: { ok: false, reason: 'forbidden', detail: `client id ${client} writes for another user` }, grows: [] };
      }
      grows.push(client);
    }
    return { verdict: { ok: true }, grows };
  }

  /** Records `userId` as the owner of `clients` that have none yet. */
  claim(clients: readonly number[], userId: string): void {
    for (const client of clients) if (!this.owners.has(client)) this.owners.set(client, userId);
  }
}
