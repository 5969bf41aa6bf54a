/**
 * What the person at this screen may do in the timeline, asked of the model's one rights function
 * (`decide`) with the same change records the server builds from an update — so the UI offers
 * exactly what the server would accept, and hides the rest.
 */
import { decide, effectiveRole, type Actor, type RightsContext, type TimelineEntry, type TimelineKind } from '@huishen/model';

/** The kinds the composer offers, in menu order. */
export const COMPOSER_KINDS = ['speech', 'comment', 'opinion', 'decision'] as const satisfies readonly TimelineKind[];
export type ComposerKind = (typeof COMPOSER_KINDS)[number];

const fieldsOf = (actor: Actor, kind: TimelineKind, onBehalf: boolean) => ({
  author: actor.userId,
  venue: actor.venue,
  kind,
  ...(onBehalf ? { speaker: { name: 'x' } } : {}),
});

/** True when `actor` may post an entry of `kind` (on behalf of a named speaker when `onBehalf`). */
export function mayPost(actor: Actor | undefined, kind: TimelineKind, ctx: RightsContext, onBehalf = false): boolean {
  if (!actor) return false;
  return decide(actor, { target: 'timeline-entry', after: fieldsOf(actor, kind, onBehalf), fields: [] }, ctx).allowed;
}

/** The composer kinds `actor` may post. Empty for observers and read-only views. */
export function postableKinds(actor: Actor | undefined, ctx: RightsContext): ComposerKind[] {
  return COMPOSER_KINDS.filter((kind) => mayPost(actor, kind, ctx));
}

/** True when `actor` may edit the text of `entry` (its author, or the chair). */
export function mayEdit(actor: Actor | undefined, entry: TimelineEntry, ctx: RightsContext): boolean {
  if (!actor || entry.retracted || !('text' in entry) || entry.kind === 'system') return false;
  const before = { author: entry.author, venue: entry.venue, kind: entry.kind };
  return decide(actor, { target: 'timeline-entry', before, after: before, fields: ['text', 'history', 'editedAt'] }, ctx).allowed;
}

/** True when `actor` may mark `entry` retracted (the chair, when the model allows it). */
export function mayRetract(actor: Actor | undefined, entry: TimelineEntry, ctx: RightsContext): boolean {
  if (!actor || entry.retracted) return false;
  const before = { author: entry.author, venue: entry.venue, kind: entry.kind };
  return decide(actor, { target: 'timeline-entry', before, after: { ...before, retracted: true }, fields: ['retracted', 'retractedBy'] }, ctx).allowed;
}

/** True when `actor` may write on behalf of a named speaker (the recorder and the chair). */
export function mayWriteOnBehalf(actor: Actor | undefined, ctx: RightsContext): boolean {
  return mayPost(actor, 'speech', ctx, true);
}

/** True when `actor` may export the minutes from the element (the chair and the recorder). */
export function mayExportMinutes(actor: Actor | undefined, ctx: RightsContext): boolean {
  if (!actor) return false;
  const role = effectiveRole(actor, ctx);
  return role === 'chair' || role === 'recorder';
}
