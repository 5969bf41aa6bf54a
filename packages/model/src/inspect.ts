/**
 * What does this update change, and may this actor make those changes?
 *
 * The room server calls {@link checkUpdate} on every document write *before* applying it. The
 * update is decoded (never applied) and each inserted or deleted struct is placed in the room's
 * schema by walking to its parent — through the room's current document or through the update
 * itself (`inspect-structs.ts` does the placing). The result is a list of record-level {@link Change}s with the record's fields before
 * and after, which the model's rights function judges and the record validators check. One bad
 * part refuses the whole update.
 *
 * Three Yjs facts shape this module:
 * - An item's parent is only encoded when it has no left/right origin; otherwise it is the
 *   origin's parent. So parents are resolved through origins, in the doc or the update.
 * - Setting a map key deletes the previous value *on integration*, not through the delete set:
 *   an insert at a key that has a live value is also a removal of that value.
 * - Structs the doc already has are no-ops (clients re-send state after reconnecting), and an
 *   update that refers to structs the server does not have would sit pending forever, so it is
 *   refused as `unknown-reference`.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { CORE_KEY, isStoredAnnotationKey } from './annotation-store.js';
import { annotationFromStored, annotationSchema } from './annotations.js';
import { outlineNodeSchema, positionSchema } from './briefing.js';
import { cameraFieldSchemas } from './camera.js';
import { evidenceSchema } from './evidence.js';
import { FORBIDDEN_KEYS, isId } from './ids.js';
import { caseInfoSchema } from './meta.js';
import type { RejectReason } from './protocol.js';
import { decide, type Actor, type Change, type Fields, type RightsContext } from './rights.js';
import { ROOT_KINDS, roots, type Roots, type RootName } from './schema.js';
import { timelineEntrySchema } from './timeline.js';
import { hasForbiddenKeys, idSchema, readFields } from './validate.js';
import { venueSchema } from './venues.js';
import { Refusal, UpdateStructs, type RecordRef, type Struct } from './inspect-structs.js';

/** The verdict on one update. */
export type UpdateVerdict = { ok: true } | { ok: false; reason: RejectReason; detail: string };

/**
 * What {@link checkUpdate} learnt while decoding, for a caller that would otherwise decode the
 * update again: per client, the first clock and the clock after the last struct, exactly as
 * `Y.parseUpdateMeta` reports them. Filled only when the update could be decoded.
 */
export interface UpdateMeta {
  from?: Map<number, number>;
  to?: Map<number, number>;
}

const DELETED = Symbol('deleted');
type Value = unknown | typeof DELETED;

/** Collections whose entries are record maps keyed by id (the same roots as `KEYED_ROOTS`). */
const KEYED: Partial<Record<RootName, { target: 'venue' | 'evidence' | 'annotation' | 'outline-node'; schema: v.GenericSchema }>> = {
  venues: { target: 'venue', schema: venueSchema },
  evidence: { target: 'evidence', schema: evidenceSchema },
  annotations: { target: 'annotation', schema: annotationSchema },
  outline: { target: 'outline-node', schema: outlineNodeSchema },
};



const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;


/** `Y.parseUpdateMeta` from already decoded structs (same order, same result). */
function fillMeta(structs: readonly Struct[], meta: UpdateMeta): void {
  const from = new Map<number, number>();
  const to = new Map<number, number>();
  let client = -1;
  for (const s of structs) {
    if (s.id.client !== client) {
      client = s.id.client;
      from.set(client, s.id.clock);
    }
    to.set(client, s.id.clock + s.length);
  }
  meta.from = from;
  meta.to = to;
}

/**
 * Checks one v1 update against the room's current doc. Never throws; never changes `doc`.
 * `meta`, when given, receives the update's clock ranges (see {@link UpdateMeta}).
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, actor: Actor, meta?: UpdateMeta): UpdateVerdict {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    if (update.byteLength < 2) throw new Error('too short');
    decoded = Y.decodeUpdate(update) as typeof decoded;
  } catch (error) {
    return { ok: false, reason: 'malformed-update', detail: String(error instanceof Error ? error.message : error) };
  }
  if (meta) fillMeta(decoded.structs, meta);
  try {
    const inspection = new Inspection(doc, decoded.structs, decoded.ds);
    const changes = inspection.changes();
    if (changes.length === 0) return { ok: true };
    if (actor.role === 'observer') return { ok: false, reason: 'read-only', detail: 'observers cannot change the room' };
    const ctx = contextOf(inspection.roots);
    for (const change of changes) {
      const decision = decide(actor, change, ctx);
      if (!decision.allowed) return { ok: false, reason: 'forbidden', detail: `${change.target}: ${decision.reason}` };
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason, detail: error.message };
    return { ok: false, reason: 'malformed-update', detail: String(error instanceof Error ? error.message : error) };
  }
}

/** The room facts the rights function needs, read from the current doc. */
export function rightsContext(doc: Y.Doc): RightsContext {
  return contextOf(roots(doc));
}

function contextOf({ briefing, evidence }: Roots): RightsContext {
  const presenter = briefing.get('presenter');
  return {
    presenterId: typeof presenter === 'string' ? presenter : undefined,
    isPageLocked: (evidenceId, page) => {
      const map = evidence.get(evidenceId);
      const locked = map instanceof Y.Map ? map.get('lockedPages') : undefined;
      return Array.isArray(locked) && locked.includes(page);
    },
  };
}

class Inspection extends UpdateStructs {
  /** Walks every new and deleted struct and returns the record-level changes. */
  changes(): Change[] {
    const rootKeys = new Map<string, { root: RootName; key: string | null; values: Value[]; removed: boolean; docValue?: Y.Item }>();
    const records = new Map<string, { ref: RecordRef; sets: Map<string, { clock: number; value: Value }>; removed: boolean; created: boolean }>();
    const recordEntry = (ref: RecordRef) => {
      const k = idKey(ref.item.id);
      let entry = records.get(k);
      if (!entry) {
        entry = { ref, sets: new Map(), removed: false, created: ref.inUpdate };
        records.set(k, entry);
      }
      return entry;
    };

    for (const struct of this.structs) {
      if (!(struct instanceof Y.Item)) {
        if (struct instanceof Y.Skip) throw new Refusal('unknown-reference', 'update has a gap');
        continue;
      }
      if (!this.isNewStruct(struct)) continue;
      if (struct.id.clock > Y.getState(this.doc.store, struct.id.client) && !this.hasPredecessorInUpdate(struct)) {
        throw new Refusal('unknown-reference', 'update depends on missing structs');
      }
      if (struct.parentSub !== null && FORBIDDEN_KEYS.has(struct.parentSub)) throw new Refusal('invalid-record', 'prototype key');
      const place = this.place({ struct, inUpdate: true });
      const value = this.insertedValue(struct);
      if (place.at === 'nowhere') continue;
      if (place.at === 'root') {
        this.checkRootInsert(place.root, place.key, struct, value);
        if (KEYED[place.root] && place.key !== null) {
          // A new record (or a removal through ContentDeleted). Replacing a live record removes it.
          const existing = this.liveRecordItem(place.root, place.key);
          if (existing) recordEntry({ root: place.root, key: place.key, item: existing, inUpdate: false }).removed = true;
          if (value !== DELETED) recordEntry({ root: place.root, key: place.key, item: struct, inUpdate: true });
        } else if (place.root === 'timeline') {
          if (value !== DELETED) recordEntry({ root: 'timeline', key: null, item: struct, inUpdate: true });
        } else {
          const k = `${place.root}/${place.key ?? ''}`;
          const entry = rootKeys.get(k) ?? { root: place.root, key: place.key, values: [], removed: false };
          entry.values.push(value);
          rootKeys.set(k, entry);
        }
      } else {
        const entry = recordEntry(place.record);
        const previous = entry.sets.get(place.key);
        if (!previous || previous.clock < struct.id.clock) entry.sets.set(place.key, { clock: struct.id.clock, value });
      }
    }

    this.forEachDeletedDocItem((item) => {
      const place = this.place({ struct: item, inUpdate: false });
      if (place.at === 'nowhere') return;
      if (place.at === 'root') {
        if ((KEYED[place.root] && place.key !== null) || place.root === 'timeline') {
          recordEntry({ root: place.root, key: place.key, item, inUpdate: false }).removed = true;
        } else {
          const k = `${place.root}/${place.key ?? ''}`;
          const entry = rootKeys.get(k) ?? { root: place.root, key: place.key, values: [], removed: false };
          entry.removed = true;
          rootKeys.set(k, entry);
        }
      } else {
        const entry = recordEntry(place.record);
        if (!entry.sets.has(place.key)) entry.sets.set(place.key, { clock: -1, value: DELETED });
      }
    });

    const out: Change[] = [];
    for (const entry of rootKeys.values()) out.push(rootChange(entry.root, entry.key, entry.removed ? DELETED : entry.values[entry.values.length - 1]));
    for (const entry of records.values()) {
      const change = this.recordChange(entry.ref, entry.sets, entry.removed);
      if (change) out.push(change);
    }
    this.checkAnnotationTargets(out);
    this.checkFreezeTarget(out);
    return out;
  }

  /** Annotations must point at evidence that exists (now or created by this update) and at one of its pages. */
  private checkAnnotationTargets(changes: Change[]): void {
    const created = new Map<string, unknown>();
    for (const c of changes) if (c.target === 'evidence' && c.after) created.set(c.id, c.after['pages']);
    for (const c of changes) {
      if (c.target !== 'annotation' || !c.after) continue;
      const evidenceId = String(c.after['evidenceId']);
      const record = this.roots.evidence.get(evidenceId);
      const pages = created.has(evidenceId) ? created.get(evidenceId) : record instanceof Y.Map ? record.get('pages') : undefined;
      if (typeof pages !== 'number') throw new Refusal('invalid-record', 'annotation points at missing evidence');
      if ((c.after['page'] as number) > pages) throw new Refusal('invalid-record', 'annotation page beyond the evidence');
    }
  }

  /** A camera freeze must point at a `still` evidence item that exists (now or created by this update). */
  private checkFreezeTarget(changes: Change[]): void {
    for (const c of changes) {
      if (c.target !== 'camera' || c.key !== 'freeze' || !c.after) continue;
      const evidenceId = String(c.after['evidenceId']);
      const created = changes.find((e) => e.target === 'evidence' && e.id === evidenceId && e.after);
      const record = this.roots.evidence.get(evidenceId);
      const kind = created?.target === 'evidence' ? created.after?.['kind'] : record instanceof Y.Map ? record.get('kind') : undefined;
      if (kind !== 'still') throw new Refusal('invalid-record', 'camera freeze points at no still');
    }
  }

  /** The value an inserted item writes (DELETED for ContentDeleted or items deleted in the same update). */
  private insertedValue(item: Y.Item): Value {
    if (item.content instanceof Y.ContentDeleted || this.isDeletedInUpdate(item.id)) return DELETED;
    if (item.content instanceof Y.ContentAny) {
      if (item.content.arr.some((x) => hasForbiddenKeys(x))) throw new Refusal('invalid-record', 'prototype key in value');
      return item.content.arr.length === 1 ? item.content.arr[0] : item.content.arr;
    }
    if (item.content instanceof Y.ContentType) return item.content.type;
    if (item.content instanceof Y.ContentBinary) return item.content.content;
    throw new Refusal('invalid-record', `unsupported content ${item.content.constructor.name}`);
  }

  private checkRootInsert(root: RootName, key: string | null, item: Y.Item, value: Value): void {
    const kind = ROOT_KINDS[root];
    if ((kind === 'map') !== (key !== null)) throw new Refusal('invalid-record', `wrong shape for ${root}`);
    if (value === DELETED) return;
    if (KEYED[root] || root === 'timeline') {
      if (!(value instanceof Y.Map)) throw new Refusal('invalid-record', `${root} holds record maps`);
      if (key !== null && !isId(key)) throw new Refusal('invalid-record', `bad key in ${root}`);
      return;
    }
    if (root === 'evidenceOrder' || root === 'outlineOrder') {
      const values = item.content instanceof Y.ContentAny ? item.content.arr : [value];
      if (!values.every(isId)) throw new Refusal('invalid-record', `${root} holds ids`);
      return;
    }
    if (value instanceof Y.AbstractType) throw new Refusal('invalid-record', `${root} holds plain values`);
    const fieldSchemas: Record<string, v.GenericSchema> = root === 'meta' ? metaFieldSchemas : root === 'camera' ? cameraFieldSchemas : briefingFieldSchemas;
    const schema = Object.hasOwn(fieldSchemas, key ?? '') ? fieldSchemas[key ?? ''] : undefined;
    if (!schema) throw new Refusal('invalid-record', `unknown field ${root}.${(key ?? '').slice(0, 64)}`);
    if (!v.is(schema, value)) throw new Refusal('invalid-record', `invalid ${root}.${key}`);
  }

  /** Builds the record-level change, with before/after fields, and validates `after`. */
  private recordChange(ref: RecordRef, sets: Map<string, { clock: number; value: Value }>, removed: boolean): Change | undefined {
    let before = ref.inUpdate ? undefined : this.liveFields(ref.item);
    if (!ref.inUpdate && before === undefined) return undefined; // already gone: a no-op
    let after: Record<string, unknown> | undefined;
    if (!removed) {
      after = Object.assign(Object.create(null) as Record<string, unknown>, before ?? {});
      for (const [key, { value }] of sets) {
        if (FORBIDDEN_KEYS.has(key)) throw new Refusal('invalid-record', 'prototype key');
        if (value === DELETED) delete after[key];
        else if (value instanceof Y.AbstractType) throw new Refusal('invalid-record', 'records hold only plain values');
        else after[key] = value;
      }
    }
    if (after === undefined && before === undefined) return undefined;
    let fields = [...sets.keys()];
    const keyed = KEYED[ref.root];
    const schema = keyed ? keyed.schema : timelineEntrySchema;
    if (ref.root === 'annotations') {
      // Judge and validate the record as readers see it, not its stored encoding.
      const decoded = annotationChange(ref, before, after);
      before = decoded.before;
      after = decoded.after;
      fields = decoded.fields;
    }
    if (after) {
      const result = v.safeParse(schema, after);
      if (!result.success) throw new Refusal('invalid-record', `${ref.root}: ${result.issues[0]?.message ?? 'invalid'}`);
      if (keyed && after['id'] !== ref.key) throw new Refusal('invalid-record', `${ref.root}: id does not match key`);
    }
    if (keyed) {
      const id = ref.key ?? '';
      if (keyed.target === 'venue' || keyed.target === 'outline-node') return { target: keyed.target, id, before, after };
      return { target: keyed.target, id, before, after, fields };
    }
    return { target: 'timeline-entry', before, after, fields };
  }

  private liveFields(item: Y.Item): Fields | undefined {
    if (item.deleted || !(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) return undefined;
    return readFields(item.content.type as Y.Map<unknown>).fields;
  }
}

const metaFieldSchemas = {
  ...caseInfoSchema.entries,
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  generation: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  createdAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
};
const briefingFieldSchemas = { presenter: idSchema, position: positionSchema };

function rootChange(root: RootName, key: string | null, value: Value): Change {
  switch (root) {
    case 'camera':
      return { target: 'camera', key: key ?? '', after: value === DELETED || typeof value !== 'object' || value === null ? undefined : (value as Fields) };
    case 'meta':
      return { target: 'meta', key: key ?? '' };
    case 'briefing':
      return { target: 'briefing', key: key ?? '' };
    case 'evidenceOrder':
      return { target: 'evidence-order' };
    case 'outlineOrder':
      return { target: 'outline-order' };
    default:
      throw new Refusal('invalid-record', `unexpected change in ${root}`);
  }
}

/**
 * An annotation change in terms of the record's fields: stored values are decoded (`core` plus
 * edits, see `annotation-store.ts`), `fields` names the fields whose values differ. A new record
 * must use the current encoding and only its keys; an existing schema-1 record may still be
 * edited in its own shape or upgraded. A `before` that does not decode is judged as stored.
 */
function annotationChange(ref: RecordRef, before: Fields | undefined, after: Record<string, unknown> | undefined) {
  let decodedAfter: Record<string, unknown> | undefined;
  if (after) {
    const current = after[CORE_KEY] !== undefined;
    if (!current && ref.inUpdate) throw new Refusal('invalid-record', `annotations: a new record needs ${CORE_KEY}`);
    if (current) for (const key in after) if (!isStoredAnnotationKey(key)) throw new Refusal('invalid-record', `annotations: unknown key ${key.slice(0, 64)}`);
    const decoded = annotationFromStored(after);
    if (!decoded.ok) throw new Refusal('invalid-record', `annotations: ${decoded.issues[0] ?? 'invalid'}`);
    decodedAfter = decoded.fields;
  }
  let decodedBefore: Fields | undefined = before;
  if (before) {
    const decoded = annotationFromStored(before);
    if (decoded.ok) decodedBefore = decoded.fields;
  }
  const keys = new Set([...Object.keys(decodedBefore ?? {}), ...Object.keys(decodedAfter ?? {})]);
  const fields = [...keys].filter((key) => JSON.stringify(decodedBefore?.[key]) !== JSON.stringify(decodedAfter?.[key]));
  return { before: decodedBefore, after: decodedAfter, fields };
}
