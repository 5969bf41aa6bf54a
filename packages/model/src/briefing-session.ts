/**
 * Presenting a briefing during a session: the operations that move the presenter and hand
 * presenting over *and* say so in the timeline, plus what is derived from that record (the
 * ordered stops a presenter steps through, the section timer).
 *
 * How to think about it: `briefing.ts` holds the records (outline, presenter, position);
 * this module is the session verbs on top of them. Each verb is one transaction, so the
 * position and its agenda marker (or the hand-off and its system entry) reach every venue — and
 * the server's rights check — together. It lives apart from `briefing.ts` because the timeline
 * schema imports the briefing's anchor schema.
 *
 * The section timer is never written per second: every move to another node appends one agenda
 * entry, and elapsed times are computed from those entries' times and the reader's clock.
 */
import type * as Y from 'yjs';
import { readBriefing, readPresenterId, setPresenter, setPresenterPosition, type Anchor, type OutlineNode, type PresenterPosition } from './briefing.js';
import type { LocalOrigin } from './origins.js';
import { appendEntry, type TimelineEntry } from './timeline.js';
import { checkInput, idSchema, titleSchema } from './validate.js';

/** Where the presenter goes: a node, optionally one of its anchors, or a free spot in the evidence. */
export type PresenterMove = Omit<PresenterPosition, 'at' | 'by'>;

/**
 * Moves the presenter position; when the node changes, appends an `agenda` timeline entry for
 * the new node in the same transaction (the minutes show when each section began).
 */
export function movePresenter(doc: Y.Doc, move: PresenterMove, origin: LocalOrigin): void {
  const previous = readBriefing(doc).position;
  doc.transact(() => {
    setPresenterPosition(doc, move, origin);
    if (move.nodeId !== undefined && move.nodeId !== previous?.nodeId) appendEntry(doc, { kind: 'agenda', nodeId: move.nodeId }, origin);
  }, origin);
}

/** Who presenting is handed to. */
export interface HandOff {
  /** The new presenter's user id. */
  userId: string;
  /** Their display name, kept in the timeline entry so the minutes can name them. */
  name?: string | undefined;
}

/**
 * Hands presenting to another participant (the chair's right) and records a `presenter-changed`
 * system entry with `presenter` (user id), `presenterName` and `previous` (the former presenter's
 * id) as parameters. Handing to the current presenter does nothing.
 */
export function handOffPresenting(doc: Y.Doc, to: HandOff, origin: LocalOrigin): void {
  const userId = checkInput('handOffPresenting', idSchema, to.userId);
  const name = to.name === undefined ? undefined : checkInput('handOffPresenting', titleSchema, to.name);
  const previous = readPresenterId(doc);
  if (previous === userId) return;
  const params: Record<string, string> = { presenter: userId };
  if (name) params['presenterName'] = name;
  if (previous) params['previous'] = previous;
  doc.transact(() => {
    setPresenter(doc, userId, origin);
    appendEntry(doc, { kind: 'system', event: { code: 'presenter-changed', params } }, origin);
  }, origin);
}

/** One place the presenter can step to: a node, and one of its anchors when it has any. */
export interface BriefingStop {
  readonly nodeId: string;
  /** Index into the node's anchors; absent for a node without anchors. */
  readonly anchor?: number | undefined;
}

/** The stops of an outline in order: each anchor of each node, or the node itself when it has none. */
export function briefingStops(nodes: readonly OutlineNode[]): BriefingStop[] {
  const stops: BriefingStop[] = [];
  for (const node of nodes) {
    if (node.anchors.length === 0) stops.push({ nodeId: node.id });
    else node.anchors.forEach((_, anchor) => stops.push({ nodeId: node.id, anchor }));
  }
  return stops;
}

/** The index in `stops` of `position` (its node and anchor), or -1. A node's first stop stands for the node. */
export function stopIndex(stops: readonly BriefingStop[], position: Pick<PresenterPosition, 'nodeId' | 'anchor'> | undefined): number {
  if (!position?.nodeId) return -1;
  const exact = stops.findIndex((s) => s.nodeId === position.nodeId && s.anchor === position.anchor);
  return exact >= 0 ? exact : stops.findIndex((s) => s.nodeId === position.nodeId);
}

/** The presenter move that shows `stop` of `nodes`: the node and, with an anchor, its evidence, page and region. */
export function moveForStop(nodes: readonly OutlineNode[], stop: BriefingStop): PresenterMove {
  const node = nodes.find((n) => n.id === stop.nodeId);
  const anchor: Anchor | undefined = stop.anchor === undefined ? undefined : node?.anchors[stop.anchor];
  if (!anchor) return { nodeId: stop.nodeId };
  const move: PresenterMove = { nodeId: stop.nodeId, anchor: stop.anchor, evidenceId: anchor.evidenceId };
  if (anchor.page !== undefined) move.page = anchor.page;
  if (anchor.region !== undefined) move.region = anchor.region;
  return move;
}

/** Elapsed presenting time per node and in total, in milliseconds. */
export interface SectionTimes {
  /** Time spent on each node so far (a node visited twice adds up). */
  readonly perNode: ReadonlyMap<string, number>;
  /** From the first agenda entry to `now`. */
  readonly total: number;
  /** The node being presented (the last agenda entry's), if any. */
  readonly currentNodeId: string | undefined;
  /** Time on the current node since the presenter last arrived at it. */
  readonly current: number;
}

/**
 * The section timer, from the timeline's `agenda` entries (one per move to another node) and the
 * reader's clock. Entries written by clocks a little ahead of `now` count as zero, never negative.
 */
export function sectionTimes(entries: readonly TimelineEntry[], now: number): SectionTimes {
  const agenda = entries.filter((e): e is Extract<TimelineEntry, { kind: 'agenda' }> => e.kind === 'agenda' && !e.retracted);
  const perNode = new Map<string, number>();
  agenda.forEach((entry, i) => {
    const end = i + 1 < agenda.length ? agenda[i + 1]!.at : now;
    perNode.set(entry.nodeId, (perNode.get(entry.nodeId) ?? 0) + Math.max(0, end - entry.at));
  });
  const last = agenda[agenda.length - 1];
  return {
    perNode,
    total: agenda.length ? Math.max(0, now - agenda[0]!.at) : 0,
    currentNodeId: last?.nodeId,
    current: last ? Math.max(0, now - last.at) : 0,
  };
}
