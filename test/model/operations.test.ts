import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as Y from 'yjs';
import {
  addAnnotation,
  addEvidence,
  addOutlineNode,
  appendEntry,
  compareSchema,
  DEFAULT_STYLES,
  editEntry,
  editOutlineNode,
  findEvidenceByHash,
  geometryBounds,
  initRoom,
  InvalidInputError,
  isPageLocked,
  migrate,
  moveAnnotation,
  moveEvidence,
  moveOutlineNode,
  readAnnotation,
  readAnnotations,
  readBriefing,
  readEvidence,
  readMeta,
  readTimeline,
  readVenues,
  removeAnnotation,
  removeEvidence,
  removeOutlineNode,
  removeVenue,
  restyleAnnotation,
  retractEntry,
  roots,
  SCHEMA_VERSION,
  setAnnotationGeometry,
  setAnnotationText,
  setCaseInfo,
  setPageLocked,
  setPresenter,
  setPresenterPosition,
  setStamp,
  setVenue,
  translateGeometry,
  updateEvidence,
  type NewAnnotation,
} from '@huishen/model';
import { actor, origin, roomWithEvidence, sha } from '../helpers/model-fixtures.js';

describe('meta and venues', () => {
  test('initRoom sets schema, generation and time once', () => {
    const doc = new Y.Doc();
    assert.equal(initRoom(doc, { generation: 'g1', now: 5 }), 'g1');
    assert.equal(initRoom(doc, { generation: 'g2', now: 6 }), 'g1', 'a second init keeps the first generation');
    assert.deepEqual(readMeta(doc), { schemaVersion: SCHEMA_VERSION, generation: 'g1', createdAt: 5 });
    assert.equal(compareSchema(doc), 'current');
    assert.deepEqual(migrate(doc), []);
  });

  test('setCaseInfo sets and clears fields', () => {
    const { doc, chair } = roomWithEvidence();
    setCaseInfo(doc, { caseNumber: '某检刑审〔2026〕1号', caseTitle: '张某盗窃案', cause: '盗窃', timeZone: 'Asia/Shanghai' }, chair);
    assert.equal(readMeta(doc).caseTitle, '张某盗窃案');
    setCaseInfo(doc, { cause: '' }, chair);
    assert.equal(readMeta(doc).cause, undefined);
    assert.equal(readMeta(doc).caseNumber, '某检刑审〔2026〕1号');
    assert.throws(() => setCaseInfo(doc, { timeZone: 'not a zone!' }, chair), InvalidInputError);
  });

  test('readMeta drops bad fields and keeps good ones', () => {
    const doc = new Y.Doc();
    roots(doc).meta.set('caseTitle', 42);
    roots(doc).meta.set('cause', '诈骗');
    const issues: string[] = [];
    assert.deepEqual(readMeta(doc, (i) => issues.push(i.id)), { cause: '诈骗' });
    assert.deepEqual(issues, ['caseTitle']);
  });

  test('venues: add, update, remove', () => {
    const { doc, chair } = roomWithEvidence();
    setVenue(doc, { id: 'city', name: '市检察院', level: 'city', color: '#1e88e5' }, chair);
    setVenue(doc, { id: 'county', name: '县检察院', level: 'county', color: '#43a047' }, chair);
    setVenue(doc, { id: 'city', name: '市人民检察院', level: 'city', color: '#1e88e5' }, chair);
    assert.deepEqual(
      readVenues(doc).map((v) => v.name),
      ['市人民检察院', '县检察院'],
    );
    removeVenue(doc, 'county', chair);
    assert.equal(readVenues(doc).length, 1);
    assert.throws(() => setVenue(doc, { id: 'x', name: '', level: 'city', color: '#000000' }, chair), InvalidInputError);
  });
});

describe('evidence', () => {
  test('add records adder, venue and time; duplicates are found by hash', () => {
    const { doc, evidenceId, chair } = roomWithEvidence();
    const [item] = readEvidence(doc);
    assert.equal(item?.id, evidenceId);
    assert.equal(item?.addedBy, 'chair1');
    assert.equal(item?.venue, 'city');
    assert.equal(findEvidenceByHash(doc, sha(1))?.id, evidenceId);
    assert.equal(findEvidenceByHash(doc, sha(2)), undefined);
    assert.throws(() => addEvidence(doc, { id: evidenceId, title: 'x', kind: 'pdf', mime: 'application/pdf', bytes: 1, sha256: sha(3), pages: 1 }, chair), /exists/);
  });

  test('kind, mime and page count must agree', () => {
    const { doc, chair } = roomWithEvidence();
    assert.throws(() => addEvidence(doc, { title: 'x', kind: 'pdf', mime: 'image/png', bytes: 1, sha256: sha(3), pages: 1 }, chair), InvalidInputError);
    assert.throws(() => addEvidence(doc, { title: 'x', kind: 'image', mime: 'image/png', bytes: 1, sha256: sha(3), pages: 2 }, chair), InvalidInputError);
    assert.throws(() => addEvidence(doc, { title: 'x', kind: 'image', mime: 'image/png', bytes: 1, sha256: 'ABC', pages: 1 }, chair), InvalidInputError);
    const still = addEvidence(doc, { title: '实物展台截图', kind: 'still', mime: 'image/png', bytes: 10, sha256: sha(4), pages: 1, capturedAt: 99 }, chair);
    assert.equal(readEvidence(doc).find((e) => e.id === still)?.capturedAt, 99);
  });

  test('update, reorder, lock pages and remove', () => {
    const { doc, evidenceId, chair } = roomWithEvidence();
    const second = addEvidence(doc, { title: '现场照片', kind: 'image', mime: 'image/jpeg', bytes: 10, sha256: sha(2), pages: 1 }, chair);
    const third = addEvidence(doc, { title: '鉴定意见', kind: 'pdf', mime: 'application/pdf', bytes: 10, sha256: sha(3), pages: 4 }, chair);
    moveEvidence(doc, third, 0, chair);
    assert.deepEqual(readEvidence(doc).map((e) => e.id), [third, evidenceId, second]);
    moveEvidence(doc, evidenceId, 99, chair);
    assert.deepEqual(readEvidence(doc).map((e) => e.id), [third, second, evidenceId]);
    updateEvidence(doc, evidenceId, { title: '讯问笔录（第二次）' }, chair);
    assert.equal(readEvidence(doc).at(-1)?.title, '讯问笔录（第二次）');
    setPageLocked(doc, evidenceId, 3, true, chair);
    assert.ok(isPageLocked(doc, evidenceId, 3));
    setPageLocked(doc, evidenceId, 3, false, chair);
    assert.ok(!isPageLocked(doc, evidenceId, 3));
    removeEvidence(doc, second, chair);
    assert.deepEqual(readEvidence(doc).map((e) => e.id), [third, evidenceId]);
    assert.equal(roots(doc).evidenceOrder.length, 2);
  });
});

const samples: NewAnnotation[] = [
  { evidenceId: 'ev1', page: 1, kind: 'highlight', geometry: { quads: [[10, 20, 100, 20, 10, 10, 100, 10]] }, quote: { exact: '犯罪嫌疑人', prefix: '经查，', suffix: '于' } },
  { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [10, 10, 50, 40] } },
  { evidenceId: 'ev1', page: 2, kind: 'ellipse', geometry: { rect: [0, 0, 5, 5] } },
  { evidenceId: 'ev1', page: 2, kind: 'arrow', geometry: { from: [0, 0], to: [30, 40] } },
  { evidenceId: 'ev1', page: 3, kind: 'ink', geometry: { points: [[1, 1, 0.2], [2, 3, 0.8], [4, 4, 0.5]] } },
  { evidenceId: 'ev1', page: 3, kind: 'note', geometry: { rect: [0, 0, 100, 60] }, text: '此处签名与前页不一致', lang: 'zh-CN' },
  { evidenceId: 'ev1', page: 4, kind: 'pin', geometry: { at: [300, 400] }, text: '请核对日期' },
  { evidenceId: 'ev1', page: 4, kind: 'stamp', geometry: { at: [500, 700] }, stamp: { code: 'exhibit', number: 7 } },
  { evidenceId: 'ev1', page: 5, kind: 'callout', geometry: { rect: [100, 100, 200, 150] } },
];

describe('annotations', () => {
  test('every kind is added with author, venue and times and read back', () => {
    const { doc } = roomWithEvidence();
    const member = origin(actor('member', 'm1', 'county'));
    const ids = samples.map((s) => addAnnotation(doc, s, member));
    const read = readAnnotations(doc);
    assert.equal(read.length, samples.length);
    for (const [i, sample] of samples.entries()) {
      const a = read.find((x) => x.id === ids[i])!;
      assert.equal(a.kind, sample.kind);
      assert.deepEqual(a.geometry, sample.geometry);
      assert.equal(a.author, 'm1');
      assert.equal(a.venue, 'county');
      assert.equal(a.authorName, 'member m1');
      assert.ok(a.createdAt > 0 && a.modifiedAt === a.createdAt);
      assert.deepEqual(a.style, DEFAULT_STYLES[a.kind], 'has the default style of its kind');
    }
    assert.equal(readAnnotations(doc, { evidenceId: 'ev1', page: 4 }).length, 2);
    assert.equal(readAnnotations(doc, { evidenceId: 'nope' }).length, 0);
  });

  test('geometry must match the kind and stay in range', () => {
    const { doc, chair } = roomWithEvidence();
    const bad: unknown[] = [
      { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { at: [1, 2] } },
      { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [10, 10, 5, 5] } },
      { evidenceId: 'ev1', page: 1, kind: 'ink', geometry: { points: [] } },
      { evidenceId: 'ev1', page: 1, kind: 'ink', geometry: { points: [[1, 2, 1.5]] } },
      { evidenceId: 'ev1', page: 11, kind: 'pin', geometry: { at: [1, 2] } },
      { evidenceId: 'missing', page: 1, kind: 'pin', geometry: { at: [1, 2] } },
      { evidenceId: 'ev1', page: 1, kind: 'stamp', geometry: { at: [1, 2] } },
      { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [0, 0, 1, 1] }, stamp: { code: 'shown' } },
      { evidenceId: 'ev1', page: 1, kind: 'pin', geometry: { at: [Number.NaN, 2] } },
    ];
    for (const input of bad) assert.throws(() => addAnnotation(doc, input as NewAnnotation, chair), InvalidInputError, JSON.stringify(input));
    assert.equal(readAnnotations(doc).length, 0);
  });

  test('move, resize, restyle, edit text, stamp and remove', () => {
    const { doc, chair } = roomWithEvidence();
    const rect = addAnnotation(doc, samples[1]!, chair);
    const ink = addAnnotation(doc, samples[4]!, chair);
    const stamp = addAnnotation(doc, samples[7]!, chair);
    moveAnnotation(doc, rect, 5, -5, chair);
    assert.deepEqual(readAnnotation(doc, rect)?.geometry, { rect: [15, 5, 55, 35] });
    moveAnnotation(doc, ink, 1, 1, chair);
    assert.deepEqual(readAnnotation(doc, ink)?.geometry, { points: [[2, 2, 0.2], [3, 4, 0.8], [5, 5, 0.5]] });
    setAnnotationGeometry(doc, rect, { rect: [0, 0, 200, 100] }, chair);
    assert.deepEqual(geometryBounds(readAnnotation(doc, rect)!.geometry), [0, 0, 200, 100]);
    assert.throws(() => setAnnotationGeometry(doc, rect, { at: [1, 1] }, chair), InvalidInputError);
    restyleAnnotation(doc, rect, { color: '#000000' }, chair);
    assert.equal(readAnnotation(doc, rect)?.style.color, '#000000');
    assert.equal(readAnnotation(doc, rect)?.style.width, 2, 'other style fields kept');
    setAnnotationText(doc, rect, '重点：时间矛盾', chair, 'zh-CN');
    assert.equal(readAnnotation(doc, rect)?.text, '重点：时间矛盾');
    setAnnotationText(doc, rect, '', chair);
    assert.equal(readAnnotation(doc, rect)?.text, undefined);
    setStamp(doc, stamp, { code: 'examined', number: 8 }, chair);
    assert.deepEqual(readAnnotation(doc, stamp)?.kind === 'stamp' && readAnnotation(doc, stamp)?.stamp, { code: 'examined', number: 8 });
    assert.throws(() => setStamp(doc, rect, { code: 'shown' }, chair), InvalidInputError);
    assert.ok(readAnnotation(doc, rect)!.modifiedAt > readAnnotation(doc, rect)!.createdAt);
    removeAnnotation(doc, rect, chair);
    assert.equal(readAnnotation(doc, rect), undefined);
  });

  test('translateGeometry moves every coordinate of every shape', () => {
    assert.deepEqual(translateGeometry({ quads: [[0, 0, 1, 0, 0, 1, 1, 1]] }, 1, 2), { quads: [[1, 2, 2, 2, 1, 3, 2, 3]] });
    assert.deepEqual(translateGeometry({ from: [0, 0], to: [1, 1] }, -1, -1), { from: [-1, -1], to: [0, 0] });
    assert.deepEqual(geometryBounds({ points: [[5, 1, 0], [1, 5, 0]] }), [1, 1, 5, 5]);
  });

  test('annotations of removed evidence are not shown', () => {
    const { doc, evidenceId, chair } = roomWithEvidence();
    addAnnotation(doc, samples[1]!, chair);
    removeEvidence(doc, evidenceId, chair);
    const issues: string[] = [];
    assert.equal(readAnnotations(doc, {}, (i) => issues.push(i.issues.join())).length, 0);
    assert.deepEqual(issues, ['points at missing evidence']);
  });
});

describe('briefing and outline', () => {
  test('nodes: add, edit, move, remove; presenter and position', () => {
    const { doc, evidenceId } = roomWithEvidence();
    const presenter = origin(actor('presenter', 'p1', 'county'));
    const facts = addOutlineNode(doc, { kind: 'facts', title: '案件事实', body: '2026年3月…' }, presenter);
    const ev = addOutlineNode(doc, { kind: 'evidence-list', title: '证据目录', anchors: [{ evidenceId, page: 3, region: [0, 0, 100, 100] }] }, presenter);
    const disputed = addOutlineNode(doc, { kind: 'disputed-points', title: '争议焦点' }, presenter, 0);
    assert.deepEqual(readBriefing(doc).nodes.map((n) => n.id), [disputed, facts, ev]);
    moveOutlineNode(doc, disputed, 2, presenter);
    assert.deepEqual(readBriefing(doc).nodes.map((n) => n.title), ['案件事实', '证据目录', '争议焦点']);
    editOutlineNode(doc, facts, { body: '经审查查明：…', anchors: [{ evidenceId, page: 1 }] }, presenter);
    assert.equal(readBriefing(doc).nodes[0]?.anchors[0]?.page, 1);
    assert.deepEqual(readBriefing(doc).nodes[2]?.anchors, [], 'missing anchors read as []');
    removeOutlineNode(doc, ev, presenter);
    assert.equal(readBriefing(doc).nodes.length, 2);
    setPresenter(doc, 'p1', origin(actor('chair')));
    setPresenterPosition(doc, { nodeId: facts, evidenceId, page: 1, region: [0, 0, 300, 200] }, presenter);
    const b = readBriefing(doc);
    assert.equal(b.presenterId, 'p1');
    assert.equal(b.position?.page, 1);
    assert.equal(b.position?.by, 'p1');
    assert.throws(() => setPresenterPosition(doc, { page: 0 }, presenter), InvalidInputError);
  });
});

describe('timeline', () => {
  test('append every kind; edits keep history; retraction keeps the entry', () => {
    const { doc, evidenceId } = roomWithEvidence();
    const member = origin(actor('member', 'm1', 'county'));
    const chair = origin(actor('chair'));
    const recorder = origin(actor('recorder', 'r1'));
    const speech = appendEntry(doc, { kind: 'speech', text: '我认为证据不足。' }, member);
    appendEntry(doc, { kind: 'comment', text: '补充一点' }, member);
    appendEntry(doc, { kind: 'evidence-ref', ref: { evidenceId, page: 2, region: [0, 0, 10, 10] } }, member);
    appendEntry(doc, { kind: 'opinion', stance: 'disagree', nodeId: 'node1', text: '定性有误' }, member);
    appendEntry(doc, { kind: 'decision', text: '维持不批准逮捕决定', references: [{ evidenceId, page: 1 }] }, chair);
    appendEntry(doc, { kind: 'agenda', nodeId: 'node1', text: '争议焦点' }, chair);
    appendEntry(doc, { kind: 'system', event: { code: 'evidence-added', params: { title: '讯问笔录' } } }, chair);
    appendEntry(doc, { kind: 'speech', text: '公安机关意见如下', speaker: { name: '赵警官', role: 'member' } }, recorder);
    const entries = readTimeline(doc);
    assert.deepEqual(entries.map((e) => e.kind), ['speech', 'comment', 'evidence-ref', 'opinion', 'decision', 'agenda', 'system', 'speech']);
    assert.equal(entries[7]?.speaker?.name, '赵警官');
    assert.equal(entries[0]?.role, 'member');
    editEntry(doc, speech, '我认为现有证据不足以证明。', member);
    editEntry(doc, speech, '我认为证据不足以证明犯罪。', member);
    const edited = readTimeline(doc)[0]!;
    assert.equal(edited.text, '我认为证据不足以证明犯罪。');
    assert.deepEqual(edited.history?.map((h) => h.text), ['我认为证据不足。', '我认为现有证据不足以证明。']);
    assert.throws(() => editEntry(doc, speech, '', member), InvalidInputError);
    retractEntry(doc, speech, chair);
    assert.equal(readTimeline(doc)[0]?.retracted, true);
    assert.equal(readTimeline(doc).length, 8);
    assert.throws(() => appendEntry(doc, { kind: 'speech', text: '' }, member), InvalidInputError);
    assert.throws(() => appendEntry(doc, { kind: 'opinion', stance: 'maybe', nodeId: 'n' } as never, member), InvalidInputError);
  });
});
