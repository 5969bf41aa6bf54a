/**
 * A realistic review-session room for the model benchmarks, built the way a real session builds
 * it: several writer docs (one per participant, each with its own client id) write through the
 * model operations and sync through a hub doc in batches, as they would through the room server.
 * The result is the hub's full state, which is what a late joiner receives.
 *
 * Everything is seeded, so two builds with the same options give the same room.
 */
import * as Y from 'yjs';
import {
  addAnnotation,
  addEvidence,
  addOutlineNode,
  appendEntry,
  editEntry,
  initRoom,
  LocalOrigin,
  readAnnotation,
  removeAnnotation,
  restyleAnnotation,
  setAnnotationGeometry,
  setCaseInfo,
  setPresenter,
  setPresenterPosition,
  setVenue,
  translateGeometry,
  type Actor,
  type AnnotationKind,
  type NewAnnotation,
  type NewTimelineEntry,
  type OutlineKind,
} from '@huishen/model';
import { seededRandom } from '../helpers/random.js';


const PHRASES = [
  '犯罪嫌疑人于二〇二三年三月在本市某区', '多次通过网络平台', '以投资理财为名', '骗取被害人钱款共计人民币', '经审查',
  '现有证据能够相互印证', '证人证言与书证存在矛盾之处', '辩护人提出', '本案事实清楚', '证据确实充分', '应当以诈骗罪追究其刑事责任',
  '建议补充侦查', '关于涉案金额的认定', '银行流水显示', '该笔转账发生在', '被告人供述前后不一', '鉴定意见书载明', '现场勘验笔录',
  '对此有异议', '请注意第三段', '此处签名与笔迹鉴定不符', '同意承办人意见', '市院意见', '县院补充说明如下', '量刑建议',
];
const LANGS = ['zh-CN', 'zh-CN', 'zh-CN', 'zh-TW', 'en'];
const PAGE_W = 595;
const PAGE_H = 842;

/** Chinese prose of roughly `min`–`max` characters. */
function zhText(rand: () => number, min: number, max: number): string {
  const target = min + Math.floor(rand() * (max - min + 1));
  let out = '';
  while (out.length < target) out += PHRASES[Math.floor(rand() * PHRASES.length)]! + (rand() < 0.3 ? '。' : '，');
  return out.slice(0, target);
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/** Kind mix of a real session: mostly ink and highlights. */
const KIND_WEIGHTS: readonly [AnnotationKind, number][] = [
  ['ink', 30],
  ['highlight', 25],
  ['rect', 10],
  ['note', 10],
  ['ellipse', 5],
  ['arrow', 5],
  ['pin', 5],
  ['stamp', 5],
  ['callout', 5],
];
const KIND_TOTAL = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);

function pickKind(rand: () => number): AnnotationKind {
  let x = rand() * KIND_TOTAL;
  for (const [kind, w] of KIND_WEIGHTS) if ((x -= w) < 0) return kind;
  return 'rect';
}

function randomRect(rand: () => number): [number, number, number, number] {
  const x = r2(rand() * (PAGE_W - 120));
  const y = r2(rand() * (PAGE_H - 80));
  return [x, y, r2(x + 20 + rand() * 100), r2(y + 10 + rand() * 70)];
}

/** A new annotation of `kind` with realistic geometry and text. */
export function randomAnnotation(rand: () => number, kind: AnnotationKind, evidenceId: string, pages: number): NewAnnotation {
  const page = 1 + Math.floor(rand() * pages);
  const base = { evidenceId, page, kind };
  switch (kind) {
    case 'ink': {
      const n = 35 + Math.floor(rand() * 31); // ~50 points
      let x = rand() * PAGE_W;
      let y = rand() * PAGE_H;
      const points: [number, number, number][] = [];
      for (let i = 0; i < n; i++) {
        x = Math.min(PAGE_W, Math.max(0, x + (rand() - 0.5) * 8));
        y = Math.min(PAGE_H, Math.max(0, y + (rand() - 0.5) * 8));
        points.push([r2(x), r2(y), r2(0.2 + rand() * 0.7)]);
      }
      return { ...base, kind, geometry: { points } };
    }
    case 'highlight': {
      const lines = 1 + Math.floor(rand() * 4);
      const x1 = r2(50 + rand() * 100);
      let top = r2(80 + rand() * 650);
      const quads: [number, number, number, number, number, number, number, number][] = [];
      for (let i = 0; i < lines; i++) {
        const x2 = r2(x1 + 150 + rand() * 300);
        quads.push([x1, top, x2, top, x1, r2(top - 14), x2, r2(top - 14)]);
        top = r2(top - 18);
      }
      const quote = { exact: zhText(rand, 10, 80 * lines), prefix: zhText(rand, 8, 30), suffix: zhText(rand, 8, 30) };
      return { ...base, kind, geometry: { quads }, quote, ...(rand() < 0.3 ? { text: zhText(rand, 10, 120), lang: 'zh-CN' } : {}) };
    }
    case 'note':
      return { ...base, kind, geometry: { rect: randomRect(rand) }, text: zhText(rand, 30, 300), lang: pick(rand, LANGS) };
    case 'rect':
    case 'ellipse':
    case 'callout':
      return { ...base, kind, geometry: { rect: randomRect(rand) }, ...(rand() < 0.2 ? { text: zhText(rand, 5, 60), lang: 'zh-CN' } : {}) };
    case 'arrow':
      return { ...base, kind, geometry: { from: [r2(rand() * PAGE_W), r2(rand() * PAGE_H)], to: [r2(rand() * PAGE_W), r2(rand() * PAGE_H)] } };
    case 'pin':
      return { ...base, kind, geometry: { at: [r2(rand() * PAGE_W), r2(rand() * PAGE_H)] }, text: zhText(rand, 10, 100), lang: 'zh-CN' };
    case 'stamp':
      return {
        ...base,
        kind,
        geometry: { at: [r2(rand() * PAGE_W), r2(rand() * PAGE_H)] },
        stamp: { code: pick(rand, ['exhibit', 'shown', 'examined', 'disputed', 'key'] as const), number: Math.floor(rand() * 200) },
      };
  }
}

/** The participants: two venues, chair and presenter in the city, member and recorder in a county. */
export const WRITERS: readonly Actor[] = [
  { userId: 'u-chair', name: '王检察官', venue: 'city', role: 'chair' },
  { userId: 'u-presenter', name: '李承办', venue: 'city', role: 'presenter' },
  { userId: 'u-member', name: '张检察官', venue: 'county', role: 'member' },
  { userId: 'u-recorder', name: '赵书记员', venue: 'county', role: 'recorder' },
];

/** What to put in the room. */
export interface RoomOptions {
  annotations: number;
  timeline: number;
  evidence?: number;
  seed?: number;
  /** Share of annotations later moved (default 0.1), restyled (0.05) and removed (0.02). */
  moved?: number;
  restyled?: number;
  removed?: number;
}

/** A built room: the full state a late joiner receives, and what is in it. */
export interface Room {
  update: Uint8Array;
  evidenceIds: string[];
  annotationIds: string[];
  counts: { annotations: number; removed: number; moved: number; restyled: number; timeline: number; evidence: number; writers: number };
  buildMs: number;
}

/** Builds a room through the model operations, from {@link WRITERS} syncing through a hub. */
export function buildRoom(options: RoomOptions): Room {
  const started = performance.now();
  const rand = seededRandom(options.seed ?? 42);
  let clock = 1_764_000_000_000;
  const now = (): number => (clock += 1 + Math.floor(rand() * 40));
  const hub = new Y.Doc();
  hub.clientID = 1;
  const writers = WRITERS.map((actor, i) => {
    const doc = new Y.Doc();
    doc.clientID = 1000 + i * 7919;
    return { doc, origin: new LocalOrigin(actor, now), own: [] as string[] };
  });
  // Like a room server: each writer sends what the hub lacks; with `pull`, it then receives what
  // it lacks. During the session writers only push: pulling would make each writer hold (and
  // build) a full copy of a 50 MB room, while the state the hub ends with has the same client
  // ids, tombstones and item structure either way (only the timeline's interleaving of
  // concurrent appends differs).
  const sync = (pull: boolean): void => {
    for (const w of writers) Y.applyUpdate(hub, Y.encodeStateAsUpdate(w.doc, Y.encodeStateVector(hub)), 'remote');
    if (pull) for (const w of writers) Y.applyUpdate(w.doc, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(w.doc)), 'remote');
  };

  // The room as the chair prepares it.
  const [chair, presenter] = writers as [(typeof writers)[number], (typeof writers)[number]];
  initRoom(chair.doc, { generation: 'bench-room-0001', now: now() }, 'huishen:server');
  setCaseInfo(chair.doc, { caseNumber: '某检刑诉〔2026〕123号', caseTitle: '张某某涉嫌诈骗案', cause: '诈骗罪', timeZone: 'Asia/Shanghai' }, chair.origin);
  setVenue(chair.doc, { id: 'city', name: '市人民检察院', level: 'city', color: '#1e88e5' }, chair.origin);
  setVenue(chair.doc, { id: 'county', name: '县人民检察院', level: 'county', color: '#43a047' }, chair.origin);
  setPresenter(chair.doc, 'u-presenter', chair.origin);
  sync(true);
  const evidenceCount = options.evidence ?? 6;
  const evidence: { id: string; pages: number }[] = [];
  for (let i = 0; i < evidenceCount; i++) {
    const image = i % 3 === 2;
    const pages = image ? 1 : 40 + Math.floor(rand() * 160);
    const sha = Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
    const id = addEvidence(
      presenter.doc,
      image
        ? { title: `现场照片${i + 1}.jpg`, kind: 'image', mime: 'image/jpeg', bytes: 2_400_000 + i, sha256: sha, pages: 1 }
        : { title: `卷宗第${i + 1}册（起诉意见书、讯问笔录）`, kind: 'pdf', mime: 'application/pdf', bytes: 18_000_000 + i, sha256: sha, pages },
      presenter.origin,
    );
    evidence.push({ id, pages });
  }
  const kinds: OutlineKind[] = ['facts', 'evidence-list', 'disputed-points', 'legal-characterisation', 'proposed-decision', 'custom'];
  const nodeIds = kinds.map((kind) =>
    addOutlineNode(
      presenter.doc,
      { kind, title: zhText(rand, 4, 12), body: zhText(rand, 200, 1500), anchors: [{ evidenceId: evidence[0]!.id, page: 3, region: [50, 100, 300, 200] }] },
      presenter.origin,
    ),
  );
  setPresenterPosition(presenter.doc, { nodeId: nodeIds[0]!, evidenceId: evidence[0]!.id, page: 3 }, presenter.origin);
  sync(true);

  // The session: everyone annotates and speaks, syncing in batches.
  const batch = Math.max(100, Math.ceil(options.annotations / 4 / 20)); // about 20 syncs per room
  let annotated = 0;
  let spoken = 0;
  let moved = 0;
  let restyled = 0;
  let removed = 0;
  const entries: { writer: number; id: string }[] = [];
  while (annotated < options.annotations || spoken < options.timeline) {
    for (const [wi, w] of writers.entries()) {
      const share = Math.min(batch, options.annotations - annotated);
      for (let i = 0; i < share; i++) {
        const ev = pick(rand, evidence);
        w.own.push(addAnnotation(w.doc, randomAnnotation(rand, pickKind(rand), ev.id, ev.pages), w.origin));
        annotated++;
        const x = rand();
        const own = w.own[Math.floor(rand() * w.own.length)]!;
        const current = readAnnotation(w.doc, own);
        if (!current) continue;
        if (x < (options.moved ?? 0.1)) {
          setAnnotationGeometry(w.doc, own, translateGeometry(current.geometry, r2(rand() * 10 - 5), r2(rand() * 10 - 5)), w.origin);
          moved++;
        } else if (x < (options.moved ?? 0.1) + (options.restyled ?? 0.05)) {
          restyleAnnotation(w.doc, own, { color: pick(rand, ['#e53935', '#1e88e5', '#43a047', '#fdd835']) }, w.origin);
          restyled++;
        } else if (x < (options.moved ?? 0.1) + (options.restyled ?? 0.05) + (options.removed ?? 0.02)) {
          removeAnnotation(w.doc, own, w.origin);
          w.own.splice(w.own.indexOf(own), 1);
          annotated--; // the room ends with exactly `options.annotations` live annotations
          removed++;
        }
      }
      const talk = Math.min(Math.max(1, Math.round((batch * options.timeline) / Math.max(1, options.annotations))), options.timeline - spoken);
      for (let i = 0; i < talk; i++) {
        entries.push({ writer: wi, id: appendEntry(w.doc, randomEntry(rand, evidence, nodeIds, wi === 3), w.origin) });
        spoken++;
        if (rand() < 0.05) {
          const mine = entries.filter((e) => e.writer === wi);
          const entry = mine[Math.floor(rand() * mine.length)]!;
          editEntry(w.doc, entry.id, zhText(rand, 20, 200), w.origin);
        }
      }
    }
    sync(false);
  }
  const update = Y.encodeStateAsUpdate(hub);
  const annotationIds = [...hub.getMap('annotations').keys()];
  for (const w of writers) w.doc.destroy();
  hub.destroy();
  return {
    update,
    evidenceIds: evidence.map((e) => e.id),
    annotationIds,
    counts: { annotations: annotationIds.length, removed, moved, restyled, timeline: spoken, evidence: evidence.length, writers: writers.length },
    buildMs: performance.now() - started,
  };
}

function randomEntry(rand: () => number, evidence: readonly { id: string; pages: number }[], nodeIds: readonly string[], recorder: boolean): NewTimelineEntry {
  const x = rand();
  const speaker = recorder ? { speaker: { name: pick(rand, ['孙检察长', '周检察官', '吴律师']), venue: 'county' } } : {};
  if (x < 0.4) return { kind: 'speech', text: zhText(rand, 50, 400), ...speaker };
  if (x < 0.6) return { kind: 'comment', text: zhText(rand, 10, 150) };
  if (x < 0.75) {
    const ev = pick(rand, evidence);
    return { kind: 'evidence-ref', ref: { evidenceId: ev.id, page: 1 + Math.floor(rand() * ev.pages), region: randomRect(rand) }, text: zhText(rand, 10, 80) };
  }
  if (x < 0.85) return { kind: 'opinion', stance: pick(rand, ['agree', 'disagree', 'supplement'] as const), nodeId: pick(rand, nodeIds), text: zhText(rand, 20, 200) };
  if (x < 0.88) return { kind: 'decision', text: zhText(rand, 30, 200) };
  if (x < 0.93) return { kind: 'agenda', nodeId: pick(rand, nodeIds) };
  return { kind: 'system', event: { code: 'joined', params: { name: pick(rand, ['王检察官', '李承办', '张检察官']) } } };
}
