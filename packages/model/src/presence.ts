/**
 * Presence: what each connected person shares through Yjs awareness, never stored. The field
 * names follow the Yjs ecosystem (`user: { name, color, colorLight }`, `cursor`) so that stock
 * cursor plugins understand them; Huishen's fields sit beside them.
 *
 * The room server only relays awareness whose `user` matches the connection's token, so `user`
 * is trustworthy; everything else is the peer's claim and is validated before use.
 */
import * as v from 'valibot';
import type { Awareness } from 'y-protocols/awareness';
import { ROLES, type Actor } from './rights.js';
import { colorSchema, coordSchema, idSchema, isCoord, pageSchema, rectSchema, timeSchema, titleSchema } from './validate.js';

export const presenceUserSchema = v.object({
  id: idSchema,
  name: titleSchema,
  color: colorSchema,
  colorLight: colorSchema,
  venue: idSchema,
  role: v.picklist(ROLES),
});
export type PresenceUser = v.InferOutput<typeof presenceUserSchema>;

/** A point on a page, PDF user space of the unrotated page. */
export const pagePointSchema = v.object({ evidenceId: idSchema, page: pageSchema, x: coordSchema, y: coordSchema });
export type PagePoint = v.InferOutput<typeof pagePointSchema>;

/** What a person is looking at: evidence, page, and the visible region in PDF space. */
export const viewingSchema = v.object({ evidenceId: idSchema, page: pageSchema, viewport: rectSchema });
export type Viewing = v.InferOutput<typeof viewingSchema>;

/** Most points of an in-progress stroke shared through presence (longer strokes share their tail). */
export const MAX_DRAWING_POINTS = 2_000;

/**
 * An ink stroke being drawn right now, shared through presence so other venues see it grow before
 * it is stored. Points are `[x, y, pressure]` in PDF user space of the unrotated page. Never stored:
 * on pointer-up the stroke becomes an annotation and this field goes back to null.
 */
export const drawingSchema = v.object({
  evidenceId: idSchema,
  page: pageSchema,
  /** Id the stored annotation will have, so a viewer can swap the live stroke for the stored one. */
  id: idSchema,
  color: colorSchema,
  width: v.pipe(v.number(), v.minValue(0.1), v.maxValue(200)),
  points: v.custom<[number, number, number][]>(
    (value) =>
      Array.isArray(value) &&
      value.length <= MAX_DRAWING_POINTS &&
      value.every((p) => Array.isArray(p) && p.length === 3 && isCoord(p[0]) && isCoord(p[1]) && typeof p[2] === 'number' && p[2] >= 0 && p[2] <= 1),
    `a drawing needs at most ${MAX_DRAWING_POINTS} points [x, y, pressure 0..1]`,
  ),
});
export type Drawing = v.InferOutput<typeof drawingSchema>;

export const INTEGRITY_STATES = ['ok', 'mismatch', 'unchecked'] as const;

export const presenceStateSchema = v.object({
  user: presenceUserSchema,
  viewing: v.optional(v.nullable(viewingSchema)),
  cursor: v.optional(v.nullable(pagePointSchema)),
  laser: v.optional(v.nullable(v.object({ ...pagePointSchema.entries, at: timeSchema }))),
  /** An ink stroke in progress (see {@link drawingSchema}). */
  drawing: v.optional(v.nullable(drawingSchema)),
  /** The user id being followed (the presenter), or null when not following. */
  following: v.optional(v.nullable(idSchema)),
  /** Per evidence id: did this venue's bytes match the recorded SHA-256. */
  integrity: v.optional(v.pipe(v.record(idSchema, v.picklist(INTEGRITY_STATES)), v.check((r) => Object.keys(r).length <= 10_000))),
});
export type PresenceState = v.InferOutput<typeof presenceStateSchema>;

/** A remote person as seen through awareness. */
export interface Peer extends PresenceState {
  clientId: number;
}

/** Lightens a `#rrggbb` colour towards white (for selections and backgrounds). */
export function lighten(color: string, amount = 0.75): string {
  const n = Number.parseInt(color.slice(1), 16);
  const channel = (shift: number) => {
    const c = (n >> shift) & 0xff;
    return Math.round(c + (255 - c) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** The presence `user` field for an actor, in a venue colour. */
export function presenceUser(actor: Actor, color: string): PresenceUser {
  if (actor.role === 'server') throw new Error('the server has no presence');
  return { id: actor.userId, name: actor.name, venue: actor.venue, role: actor.role, color, colorLight: lighten(color) };
}

/** Sets the local user and clears transient fields. */
export function setLocalUser(awareness: Awareness, user: PresenceUser): void {
  awareness.setLocalStateField('user', user);
}

/** Sets one local presence field (viewing, cursor, laser, drawing, following, integrity). */
export function setPresence<K extends Exclude<keyof PresenceState, 'user'>>(awareness: Awareness, key: K, value: PresenceState[K]): void {
  awareness.setLocalStateField(key, value ?? null);
}

/** The valid remote peers (the local client excluded); invalid states are skipped. */
export function readPeers(awareness: Awareness): Peer[] {
  const out: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const result = v.safeParse(presenceStateSchema, state);
    if (result.success) out.push({ ...result.output, clientId });
  });
  return out;
}

/** True when an awareness state's `user` describes exactly this actor (the server's anti-spoofing rule). */
export function presenceMatchesActor(state: unknown, actor: Actor): boolean {
  if (state === null || typeof state !== 'object') return true; // a removed state (null) is always allowed
  const user = (state as { user?: unknown }).user;
  if (user === undefined) return true;
  const parsed = v.safeParse(presenceUserSchema, user);
  if (!parsed.success) return false;
  const u = parsed.output;
  return u.id === actor.userId && u.name === actor.name && u.venue === actor.venue && u.role === actor.role;
}
