/**
 * The case briefing: an outline the presenter reports through (facts, evidence list, disputed
 * points, legal characterisation, proposed decision, custom sections), each node anchored into
 * the evidence; plus who presents and where the presenter is. The presenter's identity and
 * position are document state (they survive reconnects and drive followers); where the presenter
 * is *looking* moment to moment is presence.
 */
import * as v from 'valibot';
import type * as Y from 'yjs';
import { newId } from './ids.js';
import type { LocalOrigin } from './origins.js';
import { createRecord, moveInOrder, readCollection, readOrder, recordMap, removeFromOrder, writeFields } from './records.js';
import { roots } from './schema.js';
import { checkInput, idSchema, InvalidInputError, pageSchema, rectSchema, textSchema, timeSchema, titleSchema, type InvalidRecord } from './validate.js';

export const OUTLINE_KINDS = ['facts', 'evidence-list', 'disputed-points', 'legal-characterisation', 'proposed-decision', 'custom'] as const;
export type OutlineKind = (typeof OUTLINE_KINDS)[number];

/** A place in the evidence: an item, optionally a page, a region on it, or an annotation. */
export const anchorSchema = v.object({
  evidenceId: idSchema,
  page: v.optional(pageSchema),
  /** Region in PDF user space of the unrotated page. */
  region: v.optional(rectSchema),
  annotationId: v.optional(idSchema),
  label: v.optional(titleSchema),
});
export type Anchor = v.InferOutput<typeof anchorSchema>;

/** Most anchors on one outline node. */
export const MAX_ANCHORS = 200;

export const outlineNodeSchema = v.object({
  id: idSchema,
  kind: v.picklist(OUTLINE_KINDS),
  title: v.pipe(titleSchema, v.minLength(1)),
  /** Plain text: paragraphs separated by blank lines, list items starting with `- `. Never HTML. */
  body: v.optional(textSchema),
  anchors: v.optional(v.pipe(v.array(anchorSchema), v.maxLength(MAX_ANCHORS))),
  createdBy: idSchema,
  updatedAt: timeSchema,
});
export type OutlineNode = v.InferOutput<typeof outlineNodeSchema> & { anchors: Anchor[] };

/** Where the presenter is in the briefing. */
export const positionSchema = v.object({
  nodeId: v.optional(idSchema),
  evidenceId: v.optional(idSchema),
  page: v.optional(pageSchema),
  region: v.optional(rectSchema),
  /** Index of the anchor of the node being shown, if any. */
  anchor: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_ANCHORS))),
  /** Set by the presenter: a callout annotation shown magnified to everyone. */
  calloutId: v.optional(idSchema),
  at: timeSchema,
  by: idSchema,
});
export type PresenterPosition = v.InferOutput<typeof positionSchema>;

/** The briefing as read. */
export interface Briefing {
  presenterId: string | undefined;
  position: PresenterPosition | undefined;
  nodes: OutlineNode[];
}

/** Reads the outline in order, the presenter and the position. */
export function readBriefing(doc: Y.Doc, report?: (invalid: InvalidRecord) => void): Briefing {
  const { briefing, outline, outlineOrder } = roots(doc);
  const nodes = readCollection(outline.entries(), outlineNodeSchema, 'outline', report);
  const byTime = [...nodes.values()].sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : 1)).map((n) => n.id);
  const order = readOrder(outlineOrder, new Set(nodes.keys()), byTime);
  const presenter = v.safeParse(idSchema, briefing.get('presenter'));
  const position = v.safeParse(positionSchema, briefing.get('position'));
  if (briefing.has('presenter') && !presenter.success) report?.({ collection: 'briefing', id: 'presenter', issues: ['not a user id'] });
  if (briefing.has('position') && !position.success) report?.({ collection: 'briefing', id: 'position', issues: ['invalid position'] });
  return {
    presenterId: presenter.success ? presenter.output : undefined,
    position: position.success ? position.output : undefined,
    nodes: order.map((id) => {
      const node = nodes.get(id)!;
      return { ...node, anchors: node.anchors ?? [] };
    }),
  };
}

/** The current presenter's user id, if one was set. */
export function readPresenterId(doc: Y.Doc): string | undefined {
  const value = roots(doc).briefing.get('presenter');
  return v.is(idSchema, value) ? value : undefined;
}

export const newOutlineNodeSchema = v.object({
  id: v.optional(idSchema),
  kind: v.picklist(OUTLINE_KINDS),
  title: v.pipe(titleSchema, v.minLength(1)),
  body: v.optional(textSchema),
  anchors: v.optional(v.pipe(v.array(anchorSchema), v.maxLength(MAX_ANCHORS))),
});
export type NewOutlineNode = v.InferInput<typeof newOutlineNodeSchema>;

/** Adds an outline node at `index` (default: the end); returns its id. */
export function addOutlineNode(doc: Y.Doc, input: NewOutlineNode, origin: LocalOrigin, index?: number): string {
  const node = checkInput('addOutlineNode', newOutlineNodeSchema, input);
  const id = node.id ?? newId();
  const { outline, outlineOrder } = roots(doc);
  if (outline.has(id)) throw new InvalidInputError('addOutlineNode', [`node ${id} exists`]);
  const readable = readBriefing(doc).nodes.map((n) => n.id);
  doc.transact(() => {
    createRecord(outline, id, { ...node, id, createdBy: origin.actor.userId, updatedAt: origin.now() });
    if (index === undefined || index >= readable.length) outlineOrder.push([id]);
    else moveInOrder(outlineOrder, id, index, readable);
  }, origin);
  return id;
}

export const outlinePatchSchema = v.object({
  kind: v.optional(v.picklist(OUTLINE_KINDS)),
  title: v.optional(v.pipe(titleSchema, v.minLength(1))),
  body: v.optional(textSchema),
  anchors: v.optional(v.pipe(v.array(anchorSchema), v.maxLength(MAX_ANCHORS))),
});

/** Edits an outline node's kind, title, body or anchors. */
export function editOutlineNode(doc: Y.Doc, id: string, patch: v.InferInput<typeof outlinePatchSchema>, origin: LocalOrigin): void {
  const fields = checkInput('editOutlineNode', outlinePatchSchema, patch);
  const map = recordMap(roots(doc).outline, id);
  if (!map) throw new InvalidInputError('editOutlineNode', [`no node ${id}`]);
  doc.transact(() => writeFields(map, { ...fields, updatedAt: origin.now() }), origin);
}

/** Moves an outline node to `toIndex`. */
export function moveOutlineNode(doc: Y.Doc, id: string, toIndex: number, origin: LocalOrigin): void {
  const readable = readBriefing(doc).nodes.map((n) => n.id);
  if (!readable.includes(id)) throw new InvalidInputError('moveOutlineNode', [`no node ${id}`]);
  doc.transact(() => moveInOrder(roots(doc).outlineOrder, id, toIndex, readable), origin);
}

/** Removes an outline node. */
export function removeOutlineNode(doc: Y.Doc, id: string, origin: LocalOrigin): void {
  const { outline, outlineOrder } = roots(doc);
  doc.transact(() => {
    outline.delete(id);
    removeFromOrder(outlineOrder, id);
  }, origin);
}

/** Hands presenting to another participant (chair only). */
export function setPresenter(doc: Y.Doc, userId: string, origin: LocalOrigin | string | null): void {
  checkInput('setPresenter', idSchema, userId);
  doc.transact(() => {
    if (roots(doc).briefing.get('presenter') !== userId) roots(doc).briefing.set('presenter', userId);
  }, origin);
}

/** Moves the presenter position (node, evidence, page, region, callout). */
export function setPresenterPosition(doc: Y.Doc, input: Omit<PresenterPosition, 'at' | 'by'>, origin: LocalOrigin): void {
  const position = checkInput('setPresenterPosition', positionSchema, { ...input, at: origin.now(), by: origin.actor.userId });
  doc.transact(() => roots(doc).briefing.set('position', position), origin);
}

