/**
 * The stored encoding of annotations (schema 2): what a record holds in Yjs, that nothing is lost
 * or rounded, that concurrent edits of one mark merge, how schema-1 records are still read,
 * edited and migrated, and that the readers' fast validation path never accepts what
 * `annotationSchema` refuses.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as v from 'valibot';
import * as Y from 'yjs';
import {
  addAnnotation,
  annotationSchema,
  checkUpdate,
  compareSchema,
  LocalOrigin,
  migrate,
  moveAnnotation,
  readAnnotation,
  readAnnotationRecord,
  readAnnotations,
  restyleAnnotation,
  roots,
  SCHEMA_VERSION,
  setAnnotationGeometry,
  setAnnotationText,
  setStamp,
  type Annotation,
  type InvalidRecord,
  type NewAnnotation,
} from '@huishen/model';
import { connectDocs } from '../helpers/memory-sync.js';
import { seededRandom } from '../helpers/random.js';
import { actor, clock, origin, roomWithEvidence, updateFrom } from '../helpers/model-fixtures.js';

const chair = actor('chair');
const member = actor('member');

/** A peer synced from `doc`. */
function peer(doc: Y.Doc): Y.Doc {
  const p = new Y.Doc();
  Y.applyUpdate(p, Y.encodeStateAsUpdate(doc));
  return p;
}
/** Exchanges everything the docs made while apart. */
const sync = (...docs: Y.Doc[]): void => connectDocs(docs)();

/** Writes `fields` as a schema-1 record: one map key per field. */
function writeLegacy(doc: Y.Doc, fields: Record<string, unknown>, key = String(fields['id'])): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    for (const [k, value] of Object.entries(fields)) if (value !== undefined) map.set(k, value);
    roots(doc).annotations.set(key, map);
  });
  return map;
}
const legacyRecord = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'old1',
  evidenceId: 'ev1',
  page: 2,
  kind: 'ink',
  geometry: { points: [[1.25, 2.5, 0.5], [3, 4, 1]] },
  style: { color: '#1e88e5', width: 2, opacity: 1 },
  text: '旧批注',
  lang: 'zh-CN',
  author: chair.userId,
  authorName: chair.name,
  venue: chair.venue,
  createdAt: 1_700_000_000_000,
  modifiedAt: 1_700_000_005_000,
  ...overrides,
});

describe('annotation storage', () => {
  test('a new annotation is one record map holding one binary core: two Yjs items', () => {
    const { doc, chair: o } = roomWithEvidence();
    let update: Uint8Array | undefined;
    doc.once('update', (u: Uint8Array) => (update = u));
    const points = Array.from({ length: 500 }, (_, i) => [i / 3, 842 - i / 7, (i % 10) / 10] as [number, number, number]);
    const id = addAnnotation(doc, { evidenceId: 'ev1', page: 1, kind: 'ink', geometry: { points } }, o);
    const map = roots(doc).annotations.get(id) as Y.Map<unknown>;
    assert.deepEqual([...map.keys()], ['core']);
    assert.ok(map.get('core') instanceof Uint8Array);
    assert.equal(Y.decodeUpdate(update!).structs.length, 2);
    assert.deepEqual(readAnnotation(doc, id)?.geometry, { points });
  });

  test('numbers come back exactly, moved or not (float64, no rounding)', () => {
    const { doc, chair: o } = roomWithEvidence();
    const awkward = [0.1 + 0.2, -0, 1e-9, 999_999.999_999, -123.456_789_012_345, 5e-324];
    const quads = [[...awkward, 1, 2] as [number, number, number, number, number, number, number, number]];
    const id = addAnnotation(doc, { evidenceId: 'ev1', page: 1, kind: 'highlight', geometry: { quads }, quote: { exact: '证据' } }, o);
    assert.deepStrictEqual(readAnnotation(doc, id)?.geometry, { quads });
    moveAnnotation(doc, id, 0.1, -0.2, o);
    assert.deepStrictEqual(readAnnotation(doc, id)?.geometry, { quads: [quads[0]!.map((n, i) => n + (i % 2 === 0 ? 0.1 : -0.2))] });
  });

  test('every kind reads back as it was added, edits included', () => {
    const { doc, chair: o } = roomWithEvidence();
    const inputs: NewAnnotation[] = [
      { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [1, 2, 3, 4] }, text: '注意', lang: 'zh-CN' },
      { evidenceId: 'ev1', page: 2, kind: 'ellipse', geometry: { rect: [0, 0, 50, 20] } },
      { evidenceId: 'ev1', page: 3, kind: 'callout', geometry: { rect: [10, 10, 90, 90] }, style: { color: '#000000', width: 3, opacity: 0.5 } },
      { evidenceId: 'ev1', page: 4, kind: 'note', geometry: { rect: [5, 5, 6, 6] }, text: 'Note', lang: 'en' },
      { evidenceId: 'ev1', page: 5, kind: 'arrow', geometry: { from: [1, 1], to: [-5, 7.5] } },
      { evidenceId: 'ev1', page: 6, kind: 'pin', geometry: { at: [3, 3] }, text: '这里' },
      { evidenceId: 'ev1', page: 7, kind: 'stamp', geometry: { at: [9, 9] }, stamp: { code: 'exhibit', number: 12 } },
      { evidenceId: 'ev1', page: 8, kind: 'highlight', geometry: { quads: [[0, 10, 5, 10, 0, 0, 5, 0]] }, quote: { exact: '甲', prefix: '前', suffix: '后' } },
      { evidenceId: 'ev1', page: 9, kind: 'ink', geometry: { points: [[1, 1, 0], [2, 2, 1]] } },
    ];
    for (const input of inputs) {
      const id = addAnnotation(doc, input, o);
      const read = readAnnotation(doc, id)!;
      const { style, ...rest } = input;
      assert.deepEqual({ ...read, style: undefined }, { ...rest, style: undefined, id, author: chair.userId, authorName: chair.name, venue: chair.venue, createdAt: read.createdAt, modifiedAt: read.createdAt });
      if (style) assert.deepEqual(read.style, style);
    }
    const stamp = readAnnotations(doc).find((a) => a.kind === 'stamp')!;
    setStamp(doc, stamp.id, { code: 'examined' }, o);
    setAnnotationText(doc, stamp.id, 'Shown', o, 'en');
    restyleAnnotation(doc, stamp.id, { opacity: 0.25 }, o);
    setAnnotationGeometry(doc, stamp.id, { at: [20, 21] }, o);
    const edited = readAnnotation(doc, stamp.id)!;
    assert.deepEqual(
      { stamp: edited.stamp, text: edited.text, lang: edited.lang, opacity: edited.style.opacity, geometry: edited.geometry },
      { stamp: { code: 'examined' }, text: 'Shown', lang: 'en', opacity: 0.25, geometry: { at: [20, 21] } },
    );
    assert.ok(edited.modifiedAt > edited.createdAt);
    setAnnotationText(doc, stamp.id, '', o);
    assert.deepEqual([readAnnotation(doc, stamp.id)?.text, readAnnotation(doc, stamp.id)?.lang], [undefined, undefined]);
  });

  test('a move, a recolour and a text edit made at once by three venues all survive; modifiedAt is the latest', () => {
    const { doc, chair: o } = roomWithEvidence();
    const id = addAnnotation(doc, { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [0, 0, 10, 10] } }, o);
    const [a, b, c] = [peer(doc), peer(doc), peer(doc)];
    moveAnnotation(a, id, 5, 5, new LocalOrigin(chair, clock(1_800_000_000_000)));
    restyleAnnotation(b, id, { color: '#00ff00' }, new LocalOrigin(chair, clock(1_800_000_900_000)));
    setAnnotationText(c, id, '三方同时', new LocalOrigin(chair, clock(1_800_000_500_000)), 'zh-CN');
    sync(a, b, c, doc);
    for (const d of [a, b, c, doc]) {
      const read = readAnnotation(d, id)!;
      assert.deepEqual(read.geometry, { rect: [5, 5, 15, 15] });
      assert.equal(read.style.color, '#00ff00');
      assert.equal(read.text, '三方同时');
      assert.equal(read.modifiedAt, 1_800_000_901_000);
    }
  });

  test('two concurrent moves of one mark converge on one of them', () => {
    const { doc, chair: o } = roomWithEvidence();
    const id = addAnnotation(doc, { evidenceId: 'ev1', page: 1, kind: 'pin', geometry: { at: [0, 0] } }, o);
    const [a, b] = [peer(doc), peer(doc)];
    moveAnnotation(a, id, 1, 0, o);
    moveAnnotation(b, id, 0, 1, o);
    sync(a, b);
    assert.deepEqual(readAnnotation(a, id), readAnnotation(b, id));
    assert.ok([JSON.stringify({ at: [1, 0] }), JSON.stringify({ at: [0, 1] })].includes(JSON.stringify(readAnnotation(a, id)!.geometry)));
  });

  test('an edit that changes nothing writes nothing', () => {
    const { doc, chair: o } = roomWithEvidence();
    const id = addAnnotation(doc, { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [0, 0, 10, 10] }, text: 'a' }, o);
    let updates = 0;
    doc.on('update', () => updates++);
    moveAnnotation(doc, id, 0, 0, o);
    restyleAnnotation(doc, id, {}, o);
    setAnnotationText(doc, id, 'a', o);
    setAnnotationGeometry(doc, id, { rect: [0, 0, 10, 10] }, o);
    assert.equal(updates, 0);
  });
});

describe('schema-1 records and the 1 → 2 migration', () => {
  test('a schema-1 record is still read; an edit upgrades it in place and keeps everything', () => {
    const { doc } = roomWithEvidence();
    const map = writeLegacy(doc, legacyRecord());
    const before = readAnnotation(doc, 'old1');
    assert.deepEqual(before, legacyRecord());
    restyleAnnotation(doc, 'old1', { color: '#ff0000' }, origin(chair));
    assert.equal(roots(doc).annotations.get('old1'), map, 'the same map, so concurrent edits still land');
    assert.deepEqual([...map.keys()].sort(), ['core', 'style']);
    const after = readAnnotation(doc, 'old1')!;
    assert.deepEqual({ ...after, style: before!.style, modifiedAt: before!.modifiedAt }, before);
    assert.equal(after.style.color, '#ff0000');
  });

  test('the server lets the author upgrade a schema-1 record by editing it, and refuses new schema-1 records', () => {
    const { doc } = roomWithEvidence();
    writeLegacy(doc, legacyRecord({ author: member.userId, authorName: member.name, venue: member.venue }));
    const edit = updateFrom(doc, (p) => moveAnnotation(p, 'old1', 1, 1, origin(member)));
    assert.deepEqual(checkUpdate(doc, edit, member), { ok: true });
    assert.equal(checkUpdate(doc, edit, actor('member', 'someone-else')).ok, false, 'only the author (or the chair) edits it');
    const create = updateFrom(doc, (p) => writeLegacy(p, legacyRecord({ id: 'old2', author: member.userId, venue: member.venue })));
    assert.deepEqual(checkUpdate(doc, create, member), { ok: false, reason: 'invalid-record', detail: 'annotations: a new record needs core' });
  });

  test('two venues editing the same schema-1 record at once both keep their change', () => {
    const { doc } = roomWithEvidence();
    writeLegacy(doc, legacyRecord());
    const [a, b] = [peer(doc), peer(doc)];
    moveAnnotation(a, 'old1', 10, 0, origin(chair));
    setAnnotationText(b, 'old1', '改', origin(chair), 'zh-CN');
    sync(a, b);
    for (const d of [a, b]) {
      const read = readAnnotation(d, 'old1')!;
      assert.deepEqual(read.geometry, { points: [[11.25, 2.5, 0.5], [13, 4, 1]] });
      assert.equal(read.text, '改');
    }
  });

  test('migrate() rewrites every valid schema-1 record, leaves invalid ones, and reads the same before and after', () => {
    const { doc } = roomWithEvidence();
    roots(doc).meta.set('schemaVersion', 1);
    writeLegacy(doc, legacyRecord());
    writeLegacy(doc, legacyRecord({ id: 'old2', kind: 'stamp', geometry: { at: [1, 2] }, stamp: { code: 'key', number: 3 }, text: undefined, lang: undefined }));
    writeLegacy(doc, legacyRecord({ id: 'orphan', evidenceId: 'gone' })); // its evidence was removed: kept, migrated, still hidden
    writeLegacy(doc, legacyRecord({ id: 'broken', page: -1 }));
    const issues = (d: Y.Doc) => {
      const out: InvalidRecord[] = [];
      return { read: readAnnotations(d, {}, (i) => out.push(i)), out: out.map((i) => i.id).sort() };
    };
    const before = issues(doc);
    assert.equal(compareSchema(doc), 'older');
    assert.deepEqual(migrate(doc), [SCHEMA_VERSION]);
    assert.equal(compareSchema(doc), 'current');
    const after = issues(doc);
    assert.deepEqual(after, before);
    assert.deepEqual(before.out, ['broken', 'orphan']);
    const keysOf = (id: string) => [...(roots(doc).annotations.get(id) as Y.Map<unknown>).keys()].sort();
    assert.deepEqual(keysOf('old1'), ['core']);
    assert.deepEqual(keysOf('old2'), ['core']);
    assert.deepEqual(keysOf('orphan'), ['core']);
    assert.ok(keysOf('broken').includes('page'), 'an invalid record is left as it was');
    const stored = readAnnotationRecord(roots(doc).annotations.get('orphan'), 'orphan');
    assert.ok(stored.ok && stored.value.evidenceId === 'gone');
    assert.deepEqual(migrate(doc), []);
  });
});

describe('the server and the stored encoding', () => {
  test('unknown keys and rewritten cores are judged on the record, not the bytes', () => {
    const { doc } = roomWithEvidence();
    const id = addAnnotation(doc, { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [0, 0, 1, 1] } }, origin(member));
    const map = (d: Y.Doc) => roots(d).annotations.get(id) as Y.Map<unknown>;
    const extra = updateFrom(doc, (p) => map(p).set('payload', 'x'));
    assert.equal(checkUpdate(doc, extra, member).ok, false);
    // Rewriting core to claim another author is a change of a fixed field.
    const other = new Y.Doc();
    addAnnotation(roomCopy(doc, other), { id, evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [0, 0, 1, 1] } } as NewAnnotation, origin(actor('member', 'm2')));
    const forged = updateFrom(doc, (p) => map(p).set('core', map(other).get('core')));
    const verdict = checkUpdate(doc, forged, member);
    assert.equal(verdict.ok, false);
    if (!verdict.ok) assert.match(verdict.detail, /annotation\.author cannot change/);
    // Another member may not move it; its author may.
    const move = (who: ReturnType<typeof actor>) => updateFrom(doc, (p) => moveAnnotation(p, id, 1, 1, origin(who)));
    assert.equal(checkUpdate(doc, move(actor('member', 'm2')), actor('member', 'm2')).ok, false);
    assert.deepEqual(checkUpdate(doc, move(member), member), { ok: true });
  });
});

/** A copy of `doc`'s evidence in `target` (so an annotation can be added there). */
function roomCopy(doc: Y.Doc, target: Y.Doc): Y.Doc {
  Y.applyUpdate(target, Y.encodeStateAsUpdate(doc));
  roots(target).annotations.forEach((_, key) => roots(target).annotations.delete(key));
  return target;
}

describe('the readers’ fast validation path', () => {
  const valid: Record<string, unknown>[] = [
    legacyRecord(),
    legacyRecord({ kind: 'rect', geometry: { rect: [0, 0, 1, 1] }, text: undefined, lang: undefined }),
    legacyRecord({ kind: 'arrow', geometry: { from: [0, 0], to: [1, 1] } }),
    legacyRecord({ kind: 'pin', geometry: { at: [0, 0] } }),
    legacyRecord({ kind: 'stamp', geometry: { at: [0, 0] }, stamp: { code: 'shown', number: 0 } }),
    legacyRecord({ kind: 'highlight', geometry: { quads: [[0, 1, 2, 3, 4, 5, 6, 7]] }, quote: { exact: 'x', prefix: '', suffix: 'y' } }),
  ];
  const spoilers: unknown[] = [
    undefined, null, true, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e300, 8.64e15 + 1, '', 'x', '#12345g', '__proto__',
    'a'.repeat(65), '长'.repeat(10_001), [], [0, 0], [0, 0, 1], [Number.NaN, 0], [10, 10, 0, 0], {}, { extra: 1 },
    { color: '#000000', width: 1, opacity: 1, extra: 1 }, { color: '#000000', width: 0.05, opacity: 1 }, { code: 'approved' },
    { code: 'shown', number: -1 }, { code: 'shown', number: 1.5 }, { exact: '' }, { exact: 'x', prefix: 'p'.repeat(201) },
    { points: [[0, 0, 1.5]] }, { points: [] }, { rect: [0, 0, 1] }, { at: [0, 0], rect: [0, 0, 1, 1] }, { quads: [[0, 1, 2]] },
  ];
  const nested: [string, string, unknown[]][] = [
    ['style', 'color', ['#GGGGGG', 5, '#00000']],
    ['style', 'width', [0, 101, Number.NaN, '2']],
    ['style', 'opacity', [-0.1, 1.1, null]],
  ];

  /** Reads `fields` through the reader (fast path first) and through the schema alone. */
  function agree(fields: Record<string, unknown>, label: string): void {
    const { doc } = roomWithEvidence();
    const key = typeof fields['id'] === 'string' && /^[\w-]{1,64}$/.test(fields['id']) && fields['id'] !== '__proto__' ? fields['id'] : 'k';
    const map = writeLegacy(doc, fields, key);
    const reader = readAnnotationRecord(map, key);
    const schema = v.safeParse(annotationSchema, Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined)));
    const schemaOk = schema.success && (schema.output as Annotation).id === key;
    assert.equal(reader.ok, schemaOk, `${label}: the reader ${reader.ok ? 'accepts' : 'refuses'} what the schema ${schemaOk ? 'accepts' : 'refuses'}`);
    if (reader.ok && schema.success) assert.deepEqual(reader.value, schema.output, label);
  }

  test('accepts exactly what annotationSchema accepts, over every single-field spoiling of records of each shape', () => {
    let checked = 0;
    for (const record of valid) {
      agree(record, `valid ${String(record['kind'])}`);
      for (const field of [...Object.keys(record), 'quote', 'stamp', 'extra']) {
        for (const spoiler of spoilers) {
          agree({ ...record, [field]: spoiler }, `${String(record['kind'])}.${field} = ${JSON.stringify(spoiler)?.slice(0, 40)}`);
          checked++;
        }
      }
      for (const [field, inner, values] of nested) {
        for (const value of values) agree({ ...record, [field]: { ...(record[field] as object), [inner]: value } }, `${field}.${inner} = ${String(value)}`);
      }
    }
    assert.ok(checked > 2_000, `${checked} spoilings`);
  });
});

describe('damaged stored values', () => {
  test('2,000 seeded byte-level corruptions of stored values: readers and checkUpdate never throw, and what is read is valid', () => {
    const rand = seededRandom(2026);
    const { doc, chair: o } = roomWithEvidence();
    const ids = [
      addAnnotation(doc, { evidenceId: 'ev1', page: 1, kind: 'ink', geometry: { points: [[1, 2, 0.5], [3, 4, 0.5]] }, text: '笔迹', lang: 'zh-CN' }, o),
      addAnnotation(doc, { evidenceId: 'ev1', page: 2, kind: 'highlight', geometry: { quads: [[0, 1, 2, 3, 4, 5, 6, 7]] }, quote: { exact: '引文' } }, o),
      addAnnotation(doc, { evidenceId: 'ev1', page: 3, kind: 'stamp', geometry: { at: [5, 5] }, stamp: { code: 'shown', number: 2 } }, o),
    ];
    for (const id of ids) {
      moveAnnotation(doc, id, 1, 1, o);
      restyleAnnotation(doc, id, { color: '#123456' }, o);
    }
    const corrupt = (value: unknown): unknown => {
      const bytes = value instanceof Uint8Array ? Uint8Array.from(value) : new TextEncoder().encode(String(value));
      const n = 1 + Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) {
        const at = Math.floor(rand() * bytes.length);
        const what = rand();
        if (what < 0.6) bytes[at] = Math.floor(rand() * 256);
        else if (what < 0.8) return (value instanceof Uint8Array ? bytes : new TextDecoder().decode(bytes)).slice(0, at);
        else bytes[at] = bytes[at]! ^ (1 << Math.floor(rand() * 8));
      }
      return value instanceof Uint8Array ? bytes : new TextDecoder().decode(bytes);
    };
    let refused = 0;
    for (let round = 0; round < 2_000; round++) {
      const id = ids[round % ids.length]!;
      const map = roots(doc).annotations.get(id) as Y.Map<unknown>;
      const key = (['core', 'geometry', 'style'] as const)[Math.floor(rand() * 3)]!;
      const spoilt = corrupt(map.get(key));
      const update = updateFrom(doc, (p) => (roots(p).annotations.get(id) as Y.Map<unknown>).set(key, spoilt));
      const verdict = checkUpdate(doc, update, chair);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      Y.applyUpdate(copy, update);
      const read = readAnnotation(copy, id);
      if (read) assert.ok(v.is(annotationSchema, read), `round ${round}: what is read is valid`);
      // The server never accepts what readers refuse.
      if (verdict.ok) assert.ok(read, `round ${round}: the server accepted a record readers refuse`);
      else refused++;
      copy.destroy();
    }
    assert.ok(refused > 1_000, `${refused} refused`);
  });
});
