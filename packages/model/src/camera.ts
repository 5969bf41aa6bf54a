/**
 * The shared state of the document camera (高清实物展台): whether the feed is frozen for everyone,
 * and on which still.
 *
 * How to think about it: the live video itself never enters the document — it flows through
 * LiveKit. What every venue must agree on is document state: "the camera is frozen on still X".
 * Freezing is therefore a pointer at an evidence item of kind `still` (captured at the source at
 * full camera resolution and stored, hashed, in the evidence store), not "each viewer keeps its
 * last frame": every venue then shows the very same pixels, and the frozen frame can be cited and
 * annotated like any other evidence. Unfreezing removes the pointer.
 *
 * Stored in the root map `camera` (one plain value per key, like `briefing`):
 *
 * | key | value |
 * | --- | --- |
 * | `freeze` | {@link CameraFreeze}: the still's evidence id, who froze it (user, name, venue), when |
 * | `freezeRequest` | {@link FreezeRequest}: a chair or presenter in another venue asks the source to freeze |
 *
 * A freeze needs a still captured *at the source*, so a chair watching from another venue cannot
 * make one: they put a `freezeRequest` in the document; the venue that shares the camera answers
 * it by capturing, freezing (naming the requester in `requestedBy`) and clearing the request, in
 * one transaction.
 *
 * Rights: only the chair or the (document's) presenter freezes or unfreezes, and a freeze names
 * its real author and venue; the room server enforces this through `decide` (`target: 'camera'`).
 */
import * as v from 'valibot';
import type * as Y from 'yjs';
import type { LocalOrigin } from './origins.js';
import { roots } from './schema.js';
import { checkInput, idSchema, InvalidInputError, timeSchema, titleSchema, type InvalidRecord } from './validate.js';

/** The keys of the `camera` root and the schema of each value. */
export const cameraFreezeSchema = v.object({
  /** The evidence item (kind `still`) every venue shows while frozen. */
  evidenceId: idSchema,
  /** Who froze the feed. */
  by: idSchema,
  /** Their display name, so every venue can say who froze it without a presence lookup. */
  byName: titleSchema,
  /** Their venue. */
  venue: idSchema,
  /** When (milliseconds since the epoch). */
  at: timeSchema,
  /** The user who asked for the freeze from another venue, if someone did. */
  requestedBy: v.optional(idSchema),
});
/** "The document camera is frozen on this still", as stored in `camera.freeze`. */
export type CameraFreeze = v.InferOutput<typeof cameraFreezeSchema>;

/** "Please freeze the document camera", from a chair or presenter in another venue. */
export const freezeRequestSchema = v.object({
  by: idSchema,
  byName: titleSchema,
  venue: idSchema,
  at: timeSchema,
});
export type FreezeRequest = v.InferOutput<typeof freezeRequestSchema>;

/** Schemas of the `camera` root's keys (the room server refuses any other key). */
export const cameraFieldSchemas = { freeze: cameraFreezeSchema, freezeRequest: freezeRequestSchema } as const;

/** The camera state as read. */
export interface CameraState {
  /** The freeze in force, or `undefined` while the feed is live. */
  freeze: CameraFreeze | undefined;
  /** A pending request to freeze, or `undefined`. */
  request: FreezeRequest | undefined;
}

/**
 * Reads the camera state. A freeze that fails validation, or that points at an item that is not
 * a readable `still` evidence record, is reported and read as "not frozen".
 */
export function readCamera(doc: Y.Doc, report?: (invalid: InvalidRecord) => void): CameraState {
  const { camera } = roots(doc);
  let request: FreezeRequest | undefined;
  if (camera.has('freezeRequest')) {
    const parsed = v.safeParse(freezeRequestSchema, camera.get('freezeRequest'));
    if (parsed.success) request = parsed.output;
    else report?.({ collection: 'camera', id: 'freezeRequest', issues: parsed.issues.map((i) => i.message) });
  }
  return { freeze: readFreeze(doc, report), request };
}

function readFreeze(doc: Y.Doc, report?: (invalid: InvalidRecord) => void): CameraFreeze | undefined {
  const { camera, evidence } = roots(doc);
  if (!camera.has('freeze')) return undefined;
  const result = v.safeParse(cameraFreezeSchema, camera.get('freeze'));
  if (!result.success) {
    report?.({ collection: 'camera', id: 'freeze', issues: result.issues.map((i) => i.message) });
    return undefined;
  }
  const target = evidence.get(result.output.evidenceId) as Y.Map<unknown> | undefined;
  if (!target || typeof target.get !== 'function' || target.get('kind') !== 'still') {
    report?.({ collection: 'camera', id: 'freeze', issues: ['freeze points at no still'] });
    return undefined;
  }
  return result.output;
}

/**
 * Freezes the document camera for every venue on the still `evidenceId` (an evidence item of kind
 * `still`, usually just added by `addEvidence`). Throws {@link InvalidInputError} when there is no
 * such still. Chair or presenter only (the server refuses others).
 */
export function freezeCamera(doc: Y.Doc, evidenceId: string, origin: LocalOrigin, requestedBy?: string): CameraFreeze {
  checkInput('freezeCamera', idSchema, evidenceId);
  const target = roots(doc).evidence.get(evidenceId) as Y.Map<unknown> | undefined;
  if (!target || typeof target.get !== 'function' || target.get('kind') !== 'still') {
    throw new InvalidInputError('freezeCamera', [`no still evidence ${evidenceId}`]);
  }
  const { actor } = origin;
  const freeze = checkInput('freezeCamera', cameraFreezeSchema, { evidenceId, by: actor.userId, byName: actor.name, venue: actor.venue, at: origin.now(), requestedBy });
  if (freeze.requestedBy === undefined) delete freeze.requestedBy;
  const { camera } = roots(doc);
  doc.transact(() => {
    camera.set('freeze', freeze);
    // A freeze answers any pending request.
    if (camera.has('freezeRequest')) camera.delete('freezeRequest');
  }, origin);
  return freeze;
}

/**
 * Asks the venue that shares the document camera to freeze it (for a chair or presenter who
 * watches from another venue). The source answers with {@link freezeCamera}.
 */
export function requestFreeze(doc: Y.Doc, origin: LocalOrigin): FreezeRequest {
  const { actor } = origin;
  const request = checkInput('requestFreeze', freezeRequestSchema, { by: actor.userId, byName: actor.name, venue: actor.venue, at: origin.now() });
  doc.transact(() => roots(doc).camera.set('freezeRequest', request), origin);
  return request;
}

/** Lets the live feed show again in every venue. Chair or presenter only. A no-op when live. */
export function unfreezeCamera(doc: Y.Doc, origin: LocalOrigin): void {
  const { camera } = roots(doc);
  if (!camera.has('freeze') && !camera.has('freezeRequest')) return;
  doc.transact(() => {
    if (camera.has('freeze')) camera.delete('freeze');
    if (camera.has('freezeRequest')) camera.delete('freezeRequest');
  }, origin);
}
