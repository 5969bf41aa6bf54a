/**
 * Model benchmarks (issue 2, section 4).
 *
 * - `model.latejoin.<N>`: a late joiner applies the full state of a room with N annotations and
 *   1,000 timeline entries and reads it through the validated readers; the anchor applies the same
 *   update to a bare `Y.Doc` and calls `toJSON()` on the same root types. Applying is identical
 *   work on both sides, so `details.read` isolates what decoding and validation cost. Since
 *   schema 2 an annotation is stored as one binary `core` (see `annotation-store.ts`), so the
 *   anchor's `toJSON()` hands those bytes over undecoded while our readers parse and check them.
 * - `model.ops` (+ `.add`, `.move`): `addAnnotation` / `moveAnnotation`, one transaction each with
 *   a `LocalOrigin`, against raw `Y.Map` writes of the same fields (for moves: the same stored
 *   edit, written without validation), in a room that already holds
 *   1,000 annotations (2,000 by the time the moves run). Higher is better. `details` also
 *   reports moves in the 10k room, because `moveAnnotation` slows down as the room grows.
 */
import { loadavg } from 'node:os';
import * as Y from 'yjs';
import {
  addAnnotation,
  DEFAULT_STYLES,
  LocalOrigin,
  moveAnnotation,
  readAnnotations,
  readBriefing,
  readEvidence,
  readMeta,
  readTimeline,
  readVenues,
  translateGeometry,
  type Geometry,
  type InvalidRecord,
  type NewAnnotation,
} from '@huishen/model';
import { decodeAnnotation, encodeGeometryEdit } from '../../packages/model/src/annotation-store.js';
import { seededRandom } from '../helpers/random.js';
import { buildRoom, randomAnnotation, WRITERS, type Room } from './room-fixture.js';
import { now, paired, relativeSpread, round, wanted, type BenchOptions, type BenchResult, type Sample } from './stats.js';

const TIMELINE_ENTRIES = 1_000;
const rooms = new Map<number, Room>();

/** The room with `annotations` annotations, built once per process. */
function room(annotations: number, log: (line: string) => void): Room {
  let built = rooms.get(annotations);
  if (!built) {
    built = buildRoom({ annotations, timeline: TIMELINE_ENTRIES });
    log(`  built a room of ${annotations} annotations in ${Math.round(built.buildMs)} ms (${(built.update.byteLength / 1e6).toFixed(1)} MB)`);
    rooms.set(annotations, built);
  }
  return built;
}

/** Root types, in the order the anchor reads them. */
const MAP_ROOTS = ['meta', 'venues', 'evidence', 'annotations', 'briefing', 'outline'] as const;
const ARRAY_ROOTS = ['evidenceOrder', 'outlineOrder', 'timeline'] as const;

/** What one read produced, kept so the work cannot be optimised away and to check both sides agree. */
interface ReadCounts {
  annotations: number;
  timeline: number;
  evidence: number;
  invalid: number;
}

function readValidated(doc: Y.Doc): ReadCounts {
  let invalid = 0;
  const report = (_: InvalidRecord): void => void invalid++;
  const evidence = readEvidence(doc, report);
  const annotations = readAnnotations(doc, {}, report);
  const timeline = readTimeline(doc, report);
  readBriefing(doc, report);
  readVenues(doc, report);
  readMeta(doc, report);
  return { annotations: annotations.length, timeline: timeline.length, evidence: evidence.length, invalid };
}

function readPlain(doc: Y.Doc): ReadCounts {
  const json: Record<string, unknown> = {};
  for (const name of MAP_ROOTS) json[name] = doc.getMap(name).toJSON();
  for (const name of ARRAY_ROOTS) json[name] = doc.getArray(name).toJSON();
  return {
    annotations: Object.keys(json['annotations'] as object).length,
    timeline: (json['timeline'] as unknown[]).length,
    evidence: Object.keys(json['evidence'] as object).length,
    invalid: 0,
  };
}

/** One late join: apply, then read. */
function lateJoin(update: Uint8Array, read: (doc: Y.Doc) => ReadCounts, seen: ReadCounts[]): Sample {
  const t0 = now();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const t1 = now();
  seen.push(read(doc));
  const t2 = now();
  doc.destroy();
  return { apply: t1 - t0, read: t2 - t1, total: t2 - t0 };
}

async function latejoin(annotations: number, label: string, options: BenchOptions, msTarget?: number): Promise<BenchResult> {
  const id = `model.latejoin.${label}`;
  const { update, counts, buildMs } = room(annotations, options.log);
  const seenOurs: ReadCounts[] = [];
  const seenAnchor: ReadCounts[] = [];
  const m = paired(
    { rounds: options.rounds, warmup: 2, log: options.log, label: id },
    { run: () => lateJoin(update, readValidated, seenOurs) },
    { run: () => lateJoin(update, readPlain, seenAnchor) },
  );
  const ours = m.ours['total']!;
  const anchor = m.anchor['total']!;
  const ratio = ours / anchor;
  const read = seenOurs.at(-1)!;
  if (read.annotations !== annotations || read.invalid !== 0) throw new Error(`${id}: read ${read.annotations} annotations, ${read.invalid} invalid`);
  return {
    id,
    ours: round(ours),
    anchor: round(anchor),
    ratio: round(ratio, 3),
    unit: 'ms',
    target: msTarget === undefined ? 'ratio ≤ 2' : `ratio ≤ 2 and ours ≤ ${msTarget} ms`,
    met: ratio <= 2 && (msTarget === undefined || ours <= msTarget),
    details: {
      updateBytes: update.byteLength,
      room: { ...counts, timelineRead: read.timeline, evidenceRead: read.evidence, buildMs: Math.round(buildMs) },
      ours: { apply: round(m.ours['apply']!), read: round(m.ours['read']!) },
      anchor: { apply: round(m.anchor['apply']!), read: round(m.anchor['read']!) },
      readRatio: round(m.ours['read']! / m.anchor['read']!, 3),
      cpu: { ours: round(m.ours['cpu']!), anchor: round(m.anchor['cpu']!), ratio: round(m.ours['cpu']! / m.anchor['cpu']!, 3) },
      loadavg: loadavg().map((x) => round(x, 3)),
      spread: { ours: round(relativeSpread(m.samples.ours.map((s) => s['total']!)), 2), anchor: round(relativeSpread(m.samples.anchor.map((s) => s['total']!)), 2) },
      rounds: options.rounds,
      samples: { ours: m.samples.ours.map((s) => round(s['total']!, 3)), anchor: m.samples.anchor.map((s) => round(s['total']!, 3)) },
    },
  };
}

/** `model.latejoin.10k`. */
export const benchLatejoin10k = Object.assign((options: BenchOptions) => latejoin(10_000, '10k', options, 250), { benchIds: ['model.latejoin.10k'] });

/** `model.latejoin.50k`. */
export const benchLatejoin50k = Object.assign((options: BenchOptions) => latejoin(50_000, '50k', options), { benchIds: ['model.latejoin.50k'] });

// ---------------------------------------------------------------------------------------------
// Operations

const OPS_ROOM = 1_000;
const ADDS = 1_000;
const MOVES = 200;

/** The raw-Y.Map equivalent of `addAnnotation`: the same fields, one transaction. */
function rawAdd(doc: Y.Doc, id: string, input: NewAnnotation, origin: LocalOrigin): void {
  const t = origin.now();
  const fields: Record<string, unknown> = {
    ...input,
    id,
    style: input.style ?? DEFAULT_STYLES[input.kind],
    author: origin.actor.userId,
    authorName: origin.actor.name,
    venue: origin.actor.venue,
    createdAt: t,
    modifiedAt: t,
  };
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
    doc.getMap('annotations').set(id, map);
  }, origin);
}

/**
 * The raw-Y.Map equivalent of `moveAnnotation`: the stored record decoded without validation or
 * rights, the geometry translated, and the same edit value written back, one transaction.
 */
function rawMove(doc: Y.Doc, id: string, dx: number, dy: number, origin: LocalOrigin): void {
  const map = doc.getMap('annotations').get(id) as Y.Map<unknown>;
  const decoded = decodeAnnotation((key) => map.get(key));
  if (!decoded?.ok) throw new Error(`rawMove: ${id} does not decode`);
  const { kind, geometry } = decoded.fields as { kind: string; geometry: Geometry };
  const moved = translateGeometry(geometry, dx, dy);
  doc.transact(() => map.set('geometry', encodeGeometryEdit(kind, moved, origin.now())), origin);
}

interface OpsPlan {
  base: Uint8Array;
  adds: NewAnnotation[];
  addIds: string[];
  moves: { id: string; dx: number; dy: number }[];
}

function opsPlan(base: Room, moves: number, seed: number): OpsPlan {
  const rand = seededRandom(seed);
  const adds = Array.from({ length: ADDS }, (_, i) => {
    const evidenceId = base.evidenceIds[i % base.evidenceIds.length]!;
    const kinds = ['ink', 'highlight', 'rect', 'note', 'ink', 'arrow', 'pin', 'stamp', 'ellipse', 'callout'] as const;
    return randomAnnotation(rand, kinds[i % kinds.length]!, evidenceId, 1);
  });
  return {
    base: base.update,
    adds,
    addIds: adds.map((_, i) => `bench-add-${String(i).padStart(12, '0')}`),
    moves: Array.from({ length: moves }, () => ({ id: base.annotationIds[Math.floor(rand() * base.annotationIds.length)]!, dx: 1.5, dy: -0.75 })),
  };
}

function freshDoc(update: Uint8Array): { doc: Y.Doc; origin: LocalOrigin } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  let clock = 1_800_000_000_000;
  return { doc, origin: new LocalOrigin(WRITERS[2]!, () => ++clock) };
}

function runOps(plan: OpsPlan, withAdds: boolean, ours: boolean, prepared: { doc: Y.Doc; origin: LocalOrigin }): Sample {
  const { doc, origin } = prepared;
  let add = 0;
  if (withAdds) {
    const t0 = now();
    if (ours) for (const input of plan.adds) addAnnotation(doc, input, origin);
    else for (const [i, input] of plan.adds.entries()) rawAdd(doc, plan.addIds[i]!, input, origin);
    add = now() - t0;
  }
  const t1 = now();
  if (ours) for (const m of plan.moves) moveAnnotation(doc, m.id, m.dx, m.dy, origin);
  else for (const m of plan.moves) rawMove(doc, m.id, m.dx, m.dy, origin);
  const move = plan.moves.length > 0 ? now() - t1 : Number.NaN;
  doc.destroy();
  return withAdds ? { add, move } : { move };
}

const opsTarget = 'reported, higher is better (ops/s); issue 2 sets no target';

/** `model.ops`, `model.ops.add`, `model.ops.move`. */
export const benchOps = Object.assign(
  async (options: BenchOptions): Promise<BenchResult[]> => {
    // `--only model.ops.add` needs no moves (they take most of the time).
    const moves = wanted('model.ops.move', options.only) || wanted('model.ops', options.only) ? MOVES : 0;
    const plan = opsPlan(room(OPS_ROOM, options.log), moves, 7);
    const m = paired(
      { rounds: options.rounds, warmup: 2, log: options.log, label: 'model.ops' },
      { prepare: () => freshDoc(plan.base), run: (p) => runOps(plan, true, true, p) },
      { prepare: () => freshDoc(plan.base), run: (p) => runOps(plan, true, false, p) },
    );
    const rate = (count: number, ms: number): number => (count * 1000) / ms;
    const add = { ours: rate(ADDS, m.ours['add']!), anchor: rate(ADDS, m.anchor['add']!) };
    const move = { ours: rate(MOVES, m.ours['move']!), anchor: rate(MOVES, m.anchor['move']!) };
    // Mixed workload, one add per move: ops over the time one of each takes.
    const mixed = { ours: 2 / (1 / add.ours + 1 / move.ours), anchor: 2 / (1 / add.anchor + 1 / move.anchor) };

    // How a move scales with the room: moveAnnotation reads the annotations of the whole evidence item.
    let moveAt10k: Record<string, number> | undefined;
    if (moves > 0) {
      const big = room(10_000, options.log);
      const bigPlan = opsPlan(big, 40, 11);
      const b = paired(
        { rounds: Math.max(3, Math.ceil(options.rounds / 2)), warmup: 1, log: options.log, label: 'model.ops.move@10k' },
        { prepare: () => freshDoc(bigPlan.base), run: (p) => runOps(bigPlan, false, true, p) },
        { prepare: () => freshDoc(bigPlan.base), run: (p) => runOps(bigPlan, false, false, p) },
      );
      moveAt10k = { ours: round(rate(40, b.ours['move']!)), anchor: round(rate(40, b.anchor['move']!)), ratio: round(b.anchor['move']! / b.ours['move']!, 3) };
    }
    const entry = (id: string, pair: { ours: number; anchor: number }, details: Record<string, unknown>): BenchResult => ({
      id,
      ours: round(pair.ours),
      anchor: round(pair.anchor),
      ratio: round(pair.ours / pair.anchor, 3),
      unit: 'ops/s',
      target: opsTarget,
      details: { roomAnnotations: `${OPS_ROOM} before the adds, ${OPS_ROOM + ADDS} during the moves`, rounds: options.rounds, ...details },
    });
    return [
      entry('model.ops', mixed, {
        workload: 'one addAnnotation per moveAnnotation (harmonic mean of the two rates)',
        cpuMs: { ours: round(m.ours['cpu']!), anchor: round(m.anchor['cpu']!) },
        add: { ours: round(add.ours), anchor: round(add.anchor), ratio: round(add.ours / add.anchor, 3) },
        move: { ours: round(move.ours), anchor: round(move.anchor), ratio: round(move.ours / move.anchor, 3) },
        ...(moveAt10k ? { moveAt10kRoom: moveAt10k } : {}),
      }),
      entry('model.ops.add', add, { ops: ADDS, anchorDoes: 'new Y.Map with the same fields set into annotations, one transaction each' }),
      entry('model.ops.move', move, { ops: MOVES, anchorDoes: 'set geometry (translated) and modifiedAt on the Y.Map, one transaction each', ...(moveAt10k ? { at10kRoom: moveAt10k } : {}) }),
    ];
  },
  { benchIds: ['model.ops', 'model.ops.add', 'model.ops.move'] },
);
