/**
 * Who may change what. One pure function, {@link decide}, used three ways: the UI asks it before
 * offering an action, operations' callers ask it before writing, and the room server asks it for
 * every change found in a decoded update (see `inspect.ts`). Because the server works from
 * decoded updates, a {@link Change} speaks of records and fields, not of UI actions.
 *
 * | role | may |
 * | --- | --- |
 * | chair | everything, including presenter hand-off, decisions, locking pages, removing anyone's annotation |
 * | presenter | edit the outline, drive the presenter position, add evidence, own annotations, timeline entries |
 * | member | own annotations, own timeline entries, opinions |
 * | recorder | timeline entries on behalf of speakers, own annotations |
 * | observer | read only |
 *
 * The *presenter* is document state (`briefing.presenter`): the chair can hand presenting to any
 * participant. A token role of `presenter` gives presenter rights only while nobody else has been
 * made presenter. Nobody edits or deletes another person's annotation or timeline entry except
 * the chair; nobody changes who authored a record.
 */
import * as v from 'valibot';
import { idSchema, titleSchema } from './validate.js';

/** The roles of a review session. `server` is the room server itself. */
export const ROLES = ['chair', 'presenter', 'member', 'recorder', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Someone acting in a room (from their room token). */
export interface Actor {
  /** Stable user id. */
  userId: string;
  /** Display name. */
  name: string;
  /** Venue id (which procuratorate they sit in). */
  venue: string;
  /** Role from the token. */
  role: Role | 'server';
}

/** Validates an actor taken from a token's claims. */
export const actorSchema = v.object({
  userId: idSchema,
  name: titleSchema,
  venue: idSchema,
  role: v.picklist(ROLES),
});

/** The room server, which may do anything (room creation, system events). */
export const SERVER_ACTOR: Actor = Object.freeze({ userId: 'server', name: 'server', venue: 'server', role: 'server' });

/** Plain fields of a record before or after a change (`undefined` when it does not exist). */
export type Fields = Readonly<Record<string, unknown>>;

/** One change to one record, as found in an update or about to be made. */
export type Change =
  | { target: 'meta'; key: string }
  | { target: 'venue'; id: string; before?: Fields | undefined; after?: Fields | undefined }
  | { target: 'evidence'; id: string; before?: Fields | undefined; after?: Fields | undefined; fields: readonly string[] }
  | { target: 'evidence-order' }
  | { target: 'annotation'; id: string; before?: Fields | undefined; after?: Fields | undefined; fields: readonly string[] }
  | { target: 'briefing'; key: string }
  | { target: 'outline-node'; id: string; before?: Fields | undefined; after?: Fields | undefined }
  | { target: 'outline-order' }
  | { target: 'timeline-entry'; before?: Fields | undefined; after?: Fields | undefined; fields: readonly string[] }
  /** A key of the `camera` root (`freeze`, `freezeRequest`); `after` is the new value, absent when removed. */
  | { target: 'camera'; key: string; after?: Fields | undefined };

/** What {@link decide} needs to know about the room besides the change itself. */
export interface RightsContext {
  /** The current presenter's user id (`briefing.presenter`), if one was set. */
  presenterId?: string | undefined;
  /** True when the chair locked this page of this evidence against annotation. */
  isPageLocked?: ((evidenceId: string, page: number) => boolean) | undefined;
}

/** The verdict: allowed, or refused with a short reason for logs and the rejected message. */
export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Decision = Object.freeze({ allowed: true });
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Timeline fields an author may change on their own entry after posting it. */
export const TIMELINE_EDITABLE_FIELDS: ReadonlySet<string> = new Set(['text', 'history', 'editedAt']);
/** Annotation fields nobody may change after creation. */
const ANNOTATION_FIXED_FIELDS = ['id', 'evidenceId', 'kind', 'author', 'venue', 'createdAt'];
/** Evidence fields nobody may change after creation (the bytes are identified by their hash). */
const EVIDENCE_FIXED_FIELDS = ['id', 'kind', 'mime', 'bytes', 'sha256', 'venue', 'addedBy', 'addedAt'];

/**
 * The role that counts for rights: the chair is always chair; whoever `briefing.presenter` names
 * is presenter; a token `presenter` who handed presenting over acts as a member.
 */
export function effectiveRole(actor: Actor, ctx: RightsContext): Role | 'server' {
  if (actor.role === 'server' || actor.role === 'chair' || actor.role === 'observer') return actor.role;
  if (ctx.presenterId !== undefined && ctx.presenterId !== '') {
    if (ctx.presenterId === actor.userId) return 'presenter';
    return actor.role === 'presenter' ? 'member' : actor.role;
  }
  return actor.role;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function fixedFieldsKept(before: Fields, after: Fields, fixed: readonly string[]): string | undefined {
  for (const field of fixed) if (!same(before[field], after[field])) return field;
  return undefined;
}

/** Decides whether `actor` may make `change`. Pure; never throws. */
export function decide(actor: Actor, change: Change, ctx: RightsContext = {}): Decision {
  const role = effectiveRole(actor, ctx);
  if (role === 'server') return ALLOW;
  if (role === 'observer') return deny('observers are read-only');
  const chair = role === 'chair';
  const driver = chair || role === 'presenter';

  switch (change.target) {
    case 'meta':
      if (change.key === 'schemaVersion' || change.key === 'generation') return deny(`meta.${change.key} is set by the server`);
      return driver ? ALLOW : deny('only the chair or presenter edits case information');
    case 'venue':
      return driver ? ALLOW : deny('only the chair or presenter edits venues');
    case 'evidence-order':
      return driver ? ALLOW : deny('only the chair or presenter orders evidence');
    case 'evidence': {
      const { before, after } = change;
      if (!before && after) {
        if (!driver) return deny('only the chair or presenter adds evidence');
        if (after['addedBy'] !== actor.userId || after['venue'] !== actor.venue) return deny('evidence must name its real adder and venue');
        return ALLOW;
      }
      if (before && after) {
        const moved = fixedFieldsKept(before, after, EVIDENCE_FIXED_FIELDS);
        if (moved) return deny(`evidence.${moved} cannot change`);
        if (change.fields.includes('lockedPages') && !chair) return deny('only the chair locks pages');
        if (chair) return ALLOW;
        return driver && before['addedBy'] === actor.userId ? ALLOW : deny('only the chair or the adder edits evidence');
      }
      if (before && !after) {
        if (chair) return ALLOW;
        return driver && before['addedBy'] === actor.userId ? ALLOW : deny('only the chair or the adder removes evidence');
      }
      return ALLOW;
    }
    case 'annotation': {
      const { before, after } = change;
      if (!before && after) {
        if (after['author'] !== actor.userId || after['venue'] !== actor.venue) return deny('annotations must name their real author and venue');
        const evidenceId = after['evidenceId'];
        const page = after['page'];
        if (!chair && typeof evidenceId === 'string' && typeof page === 'number' && ctx.isPageLocked?.(evidenceId, page)) {
          return deny('the chair locked this page');
        }
        return ALLOW;
      }
      if (before && after) {
        const moved = fixedFieldsKept(before, after, ANNOTATION_FIXED_FIELDS);
        if (moved) return deny(`annotation.${moved} cannot change`);
        if (chair) return ALLOW;
        if (before['author'] !== actor.userId) return deny("only the chair changes another person's annotation");
        const evidenceId = after['evidenceId'];
        const page = after['page'];
        if (typeof evidenceId === 'string' && typeof page === 'number' && ctx.isPageLocked?.(evidenceId, page)) return deny('the chair locked this page');
        return ALLOW;
      }
      if (before && !after) {
        if (chair || before['author'] === actor.userId) return ALLOW;
        return deny("only the chair removes another person's annotation");
      }
      return ALLOW;
    }
    case 'briefing':
      if (change.key === 'presenter') return chair ? ALLOW : deny('only the chair hands presenting over');
      if (change.key === 'position') return driver ? ALLOW : deny('only the presenter or chair drives the briefing');
      return deny(`unknown briefing field ${change.key}`);
    case 'outline-node':
    case 'outline-order':
      return driver ? ALLOW : deny('only the presenter or chair edits the outline');
    case 'camera':
      if (!driver) return deny('only the chair or presenter freezes the document camera');
      if (change.after && (change.after['by'] !== actor.userId || change.after['venue'] !== actor.venue)) return deny('a freeze must name its real author and venue');
      return ALLOW;
    case 'timeline-entry': {
      const { before, after } = change;
      if (!before && after) {
        if (after['author'] !== actor.userId || after['venue'] !== actor.venue) return deny('entries must name their real author and venue');
        const kind = after['kind'];
        if (kind === 'decision' && !chair) return deny('only the chair records decisions');
        if (kind === 'agenda' && !driver) return deny('only the presenter or chair marks the agenda');
        if (after['speaker'] !== undefined && !(chair || role === 'recorder')) return deny('only the recorder or chair writes on behalf of a speaker');
        return ALLOW;
      }
      if (before && after) {
        for (const field of change.fields) {
          if (field === 'retracted' || field === 'retractedBy') {
            if (!chair) return deny('only the chair retracts entries');
          } else if (!TIMELINE_EDITABLE_FIELDS.has(field)) {
            return deny(`timeline.${field} cannot change`);
          } else if (before['author'] !== actor.userId && !chair) {
            return deny('only the author or the chair edits an entry');
          }
        }
        return ALLOW;
      }
      if (before && !after) return deny('the timeline is append-only');
      return ALLOW;
    }
  }
}
