/**
 * Hostile records: what a modified client could write straight into the shared types. Each case
 * is checked twice — readers skip it without throwing (a venue must keep working whatever a peer
 * wrote), and the server's `checkUpdate` refuses the update that carries it, even from the chair.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as Y from 'yjs';
import {
  checkUpdate,
  readAnnotations,
  readBriefing,
  readEvidence,
  readMeta,
  readTimeline,
  readVenues,
  roots,
  type InvalidRecord,
} from '@huishen/model';
import { actor, roomWithEvidence, sha, updateFrom } from '../helpers/model-fixtures.js';

const chair = actor('chair');
const NOW = 1_800_000_000_000;

/** A valid annotation record (as the chair would write it), to be spoiled one field at a time. */
function annotation(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'hostile1',
    evidenceId: 'ev1',
    page: 1,
    kind: 'rect',
    geometry: { rect: [0, 0, 10, 10] },
    style: { color: '#ff0000', width: 2, opacity: 1 },
    author: chair.userId,
    authorName: chair.name,
    venue: chair.venue,
    createdAt: NOW,
    modifiedAt: NOW,
    ...overrides,
  };
}

function entry(overrides: Record<string, unknown>): Record<string, unknown> {
  return { id: 'entry1', kind: 'speech', text: '发言', author: chair.userId, authorName: chair.name, venue: chair.venue, role: 'chair', at: NOW, ...overrides };
}

function evidence(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'ev9',
    title: '书证',
    kind: 'pdf',
    mime: 'application/pdf',
    bytes: 10,
    sha256: sha(9),
    pages: 3,
    venue: chair.venue,
    addedBy: chair.userId,
    addedAt: NOW,
    ...overrides,
  };
}

const writeRecord = (collection: 'annotations' | 'evidence' | 'venues' | 'outline', fields: Record<string, unknown>, key = String(fields['id'])) => (doc: Y.Doc) => {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) map.set(k, v);
  roots(doc)[collection].set(key, map);
};
const pushEntry = (fields: Record<string, unknown>) => (doc: Y.Doc) => {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) map.set(k, v);
  roots(doc).timeline.push([map]);
};

/**
 * Stored annotation values built by hand from the format's description (annotation-store.ts), not
 * with the model's encoder, so that anything can be spoiled: `core` is a uint32 length, UTF-8
 * JSON, then float64s; a geometry edit is float64s, the time first.
 */
function floats(numbers: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(numbers.length * 8);
  const view = new DataView(bytes.buffer);
  numbers.forEach((n, i) => view.setFloat64(i * 8, n, true));
  return bytes;
}
function core(json: Record<string, unknown> | string, numbers: readonly number[]): Uint8Array {
  const text = new TextEncoder().encode(typeof json === 'string' ? json : JSON.stringify(json));
  const bytes = new Uint8Array(4 + text.byteLength + numbers.length * 8);
  new DataView(bytes.buffer).setUint32(0, text.byteLength, true);
  bytes.set(text, 4);
  bytes.set(floats(numbers), 4 + text.byteLength);
  return bytes;
}
/** The geometry's numbers in the stored layout (whatever their shape). */
const numbersOf = (geometry: Record<string, unknown>): number[] => Object.values(geometry).flat(2) as number[];

/** Writes an annotation as a schema-2 client would; `geometry` may be given as raw numbers. */
const writeAnnotation = (fields: Record<string, unknown>, key = String(fields['id']), edits: Record<string, unknown> = {}) => (doc: Y.Doc) => {
  const { geometry, numbers, ...rest } = fields;
  const map = new Y.Map<unknown>();
  map.set('core', core(rest, (numbers as number[] | undefined) ?? numbersOf(geometry as Record<string, unknown>)));
  for (const [k, v] of Object.entries(edits)) map.set(k, v);
  roots(doc).annotations.set(key, map);
};
/** A valid annotation written with a stored value replaced. */
const withStored = (key: string, value: unknown) => (doc: Y.Doc) => {
  writeAnnotation(annotation({ id: 'stored1' }))(doc);
  (roots(doc).annotations.get('stored1') as Y.Map<unknown>).set(key, value);
};
const edit = (at: number, value: unknown): string => JSON.stringify({ at, value });

const longText = '长'.repeat(10_001);
const protoJson = JSON.stringify(annotation({ id: 'proto1', geometry: undefined })).replace('{', '{"__proto__":{"page":2},');
const hugeInk = Array.from({ length: 10_001 * 3 }, (_, i) => (i % 3 === 2 ? 0.5 : i));

const cases: [string, (doc: Y.Doc) => void][] = [
  ['annotation: page is a string', writeAnnotation(annotation({ page: '1' }))],
  ['annotation: page 0', writeAnnotation(annotation({ page: 0 }))],
  ['annotation: page beyond the evidence', writeAnnotation(annotation({ page: 11 }))],
  ['annotation: fractional page', writeAnnotation(annotation({ page: 1.5 }))],
  ['annotation: NaN coordinate', writeAnnotation(annotation({ numbers: [Number.NaN, 0, 1, 1] }))],
  ['annotation: Infinity coordinate', writeAnnotation(annotation({ numbers: [0, 0, Number.POSITIVE_INFINITY, 1] }))],
  ['annotation: coordinate out of range', writeAnnotation(annotation({ numbers: [0, 0, 1e12, 1] }))],
  ['annotation: unnormalised rect', writeAnnotation(annotation({ numbers: [10, 10, 0, 0] }))],
  ['annotation: rect with 3 numbers', writeAnnotation(annotation({ numbers: [0, 0, 1] }))],
  ['annotation: geometry of another kind (a point for a rect)', writeAnnotation(annotation({ numbers: [1, 1] }))],
  ['annotation: unknown kind', writeAnnotation(annotation({ kind: 'script' }))],
  ['annotation: kind missing', writeAnnotation(annotation({ kind: undefined }))],
  ['annotation: oversized text', writeAnnotation(annotation({ text: longText }))],
  ['annotation: text is an object', writeAnnotation(annotation({ text: { html: '<img onerror=alert(1)>' } }))],
  ['annotation: too many ink points', writeAnnotation(annotation({ kind: 'ink', numbers: hugeInk }))],
  ['annotation: empty ink', writeAnnotation(annotation({ kind: 'ink', numbers: [] }))],
  ['annotation: ink with a partial point', writeAnnotation(annotation({ kind: 'ink', numbers: [0, 0, 0.5, 1] }))],
  ['annotation: pressure above 1', writeAnnotation(annotation({ kind: 'ink', numbers: [0, 0, 2] }))],
  ['annotation: bad colour', writeAnnotation(annotation({ style: { color: 'red; background:url(x)', width: 1, opacity: 1 } }))],
  ['annotation: negative opacity', writeAnnotation(annotation({ style: { color: '#000000', width: 1, opacity: -1 } }))],
  ['annotation: stamp without stamp field', writeAnnotation(annotation({ kind: 'stamp', geometry: { at: [1, 1] } }))],
  ['annotation: unknown stamp code', writeAnnotation(annotation({ kind: 'stamp', geometry: { at: [1, 1] }, stamp: { code: 'approved' } }))],
  ['annotation: stamp on a rect', writeAnnotation(annotation({ stamp: { code: 'shown' } }))],
  ['annotation: points at missing evidence', writeAnnotation(annotation({ evidenceId: 'nope' }))],
  ['annotation: id does not match key', writeAnnotation(annotation({}), 'other')],
  ['annotation: key is __proto__', writeAnnotation(annotation({ id: '__proto__' }), '__proto__')],
  ['annotation: key is constructor', writeAnnotation(annotation({ id: 'constructor' }), 'constructor')],
  ['annotation: key with a slash', writeAnnotation(annotation({ id: 'a/../b' }), 'a/../b')],
  ['annotation: 100-character id', writeAnnotation(annotation({ id: 'x'.repeat(100) }), 'x'.repeat(100))],
  ['annotation: __proto__ key inside core', (doc) => {
    const map = new Y.Map<unknown>();
    map.set('core', core(protoJson, [0, 0, 10, 10]));
    roots(doc).annotations.set('proto1', map);
  }],
  ['annotation: author missing', writeAnnotation(annotation({ author: undefined }))],
  ['annotation: createdAt negative', writeAnnotation(annotation({ createdAt: -5 }))],
  ['annotation: bad language tag', writeAnnotation(annotation({ text: 'x', lang: '<script>' }))],
  ['annotation: record is a plain value, not a map', (doc) => roots(doc).annotations.set('plain1', { id: 'plain1' })],
  ['annotation: record is a Y.Text', (doc) => roots(doc).annotations.set('text1', new Y.Text('x'))],
  ['annotation: nested map inside a record', withStored('style', new Y.Map())],
  ['annotation: core is a JSON string, not bytes', withStored('core', JSON.stringify(annotation({ id: 'stored1' })))],
  ['annotation: core shorter than its length prefix', withStored('core', core(annotation({ id: 'stored1', geometry: undefined }), []).subarray(0, 40))],
  ['annotation: core is not UTF-8', withStored('core', Uint8Array.of(3, 0, 0, 0, 0xff, 0xfe, 0xfd))],
  ['annotation: core is not JSON', withStored('core', core('{"id": "stored1",', [0, 0, 10, 10]))],
  ['annotation: core is a JSON array', withStored('core', core('["stored1"]', [0, 0, 10, 10]))],
  ['annotation: core nested 100,000 deep', withStored('core', core('['.repeat(100_000) + ']'.repeat(100_000), []))],
  ['annotation: geometry edit is JSON, not bytes', withStored('geometry', edit(NOW, { rect: [0, 0, 5, 5] }))],
  ['annotation: geometry edit of the wrong length', withStored('geometry', floats([NOW, 0, 0, 5]))],
  ['annotation: geometry edit with a negative time', withStored('geometry', floats([-1, 0, 0, 5, 5]))],
  ['annotation: geometry edit with NaN', withStored('geometry', floats([NOW, 0, Number.NaN, 5, 5]))],
  ['annotation: style edit is not JSON', withStored('style', '{"at":')],
  ['annotation: style edit without a time', withStored('style', JSON.stringify({ value: { color: '#000000', width: 1, opacity: 1 } }))],
  ['annotation: style edit with a bad colour', withStored('style', edit(NOW, { color: 'url(x)', width: 1, opacity: 1 }))],
  ['annotation: style edit hiding __proto__', withStored('style', `{"at":${NOW},"value":{"__proto__":{"color":"#000000"},"color":"#000000","width":1,"opacity":1}}`)],
  ['annotation: text edit oversized', withStored('text', edit(NOW, { text: longText }))],
  ['annotation: text edit value is a string', withStored('text', edit(NOW, 'x'))],
  ['annotation: stamp edit on a rect', withStored('stamp', edit(NOW, { code: 'shown' }))],
  ['annotation: edit is a number', withStored('style', 7)],
  ['evidence: bad hash', writeRecord('evidence', evidence({ sha256: 'ZZ' }))],
  ['evidence: upper-case hash', writeRecord('evidence', evidence({ sha256: sha(9).toUpperCase().replace(/^0/, 'A') }))],
  ['evidence: unknown kind', writeRecord('evidence', evidence({ kind: 'exe' }))],
  ['evidence: unknown mime', writeRecord('evidence', evidence({ mime: 'text/html' }))],
  ['evidence: kind and mime disagree', writeRecord('evidence', evidence({ kind: 'image', mime: 'application/pdf' }))],
  ['evidence: negative bytes', writeRecord('evidence', evidence({ bytes: -1 }))],
  ['evidence: title too long', writeRecord('evidence', evidence({ title: 'x'.repeat(501) }))],
  ['evidence: pages is NaN', writeRecord('evidence', evidence({ pages: Number.NaN }))],
  ['venue: colour is not a colour', writeRecord('venues', { id: 'v1', name: '市院', level: 'city', color: 'javascript:alert(1)' })],
  ['venue: unknown level', writeRecord('venues', { id: 'v1', name: '市院', level: 'galaxy', color: '#000000' })],
  ['outline: unknown kind', writeRecord('outline', { id: 'n1', kind: 'verdict', title: 't', createdBy: 'chair1', updatedAt: NOW })],
  ['outline: anchor to a bad page', writeRecord('outline', { id: 'n1', kind: 'facts', title: 't', anchors: [{ evidenceId: 'ev1', page: -3 }], createdBy: 'chair1', updatedAt: NOW })],
  ['outline: body too long', writeRecord('outline', { id: 'n1', kind: 'facts', title: 't', body: longText, createdBy: 'chair1', updatedAt: NOW })],
  ['timeline: unknown kind', pushEntry(entry({ kind: 'vote' }))],
  ['timeline: speech without text', pushEntry(entry({ text: undefined }))],
  ['timeline: oversized text', pushEntry(entry({ text: longText }))],
  ['timeline: opinion with unknown stance', pushEntry(entry({ kind: 'opinion', stance: 'maybe', nodeId: 'n1' }))],
  ['timeline: system event with unknown code', pushEntry(entry({ kind: 'system', event: { code: 'rm -rf' } }))],
  ['timeline: entry is a number', (doc) => roots(doc).timeline.push([42])],
  ['timeline: history of 51 edits', pushEntry(entry({ history: Array.from({ length: 51 }, () => ({ text: 'x', at: NOW })) }))],
  ['meta: unknown field', (doc) => roots(doc).meta.set('evil', 'x')],
  ['meta: case title is a number', (doc) => roots(doc).meta.set('caseTitle', 7)],
  ['briefing: presenter is not an id', (doc) => roots(doc).briefing.set('presenter', '../../etc')],
  ['briefing: position with a string page', (doc) => roots(doc).briefing.set('position', { page: '3', at: NOW, by: 'chair1' })],
  ['briefing: unknown field', (doc) => roots(doc).briefing.set('script', 'x')],
  ['order: evidenceOrder holds an object', (doc) => roots(doc).evidenceOrder.push([{ id: 'ev1' }])],
  ['root: unknown root type', (doc) => doc.getMap('payload').set('x', 1)],
  ['root: unknown root array', (doc) => doc.getArray('__proto__').push([1])],
];

function readAll(doc: Y.Doc, report: (invalid: InvalidRecord) => void) {
  return {
    meta: readMeta(doc, report),
    venues: readVenues(doc, report),
    evidence: readEvidence(doc, report),
    annotations: readAnnotations(doc, {}, report),
    briefing: readBriefing(doc, report),
    timeline: readTimeline(doc, report),
  };
}

describe('hostile records', () => {
  test(`there are at least 40 cases (${cases.length})`, () => assert.ok(cases.length >= 40));

  // The control: the same writers with nothing spoilt make records that pass, so each case above
  // fails for its own reason and not because the hand-built encoding is wrong.
  for (const [name, write, id] of [
    ['a rect', writeAnnotation(annotation({})), 'hostile1'],
    ['an ink stroke', writeAnnotation(annotation({ kind: 'ink', numbers: [1, 2, 0.5, 3, 4, 0.25] })), 'hostile1'],
    ['a record with every edit key', withStored('text', edit(NOW + 5, { text: '注', lang: 'zh-CN' })), 'stored1'],
    ['a geometry edit', withStored('geometry', floats([NOW + 9, 1, 2, 3, 4])), 'stored1'],
  ] as const) {
    test(`control: ${name} written by hand is accepted and read`, () => {
      const { doc } = roomWithEvidence();
      const update = updateFrom(doc, write);
      assert.deepEqual(checkUpdate(doc, update, chair), { ok: true });
      Y.applyUpdate(doc, update);
      const reported: InvalidRecord[] = [];
      const read = readAnnotations(doc, {}, (invalid) => reported.push(invalid));
      assert.deepEqual(reported, []);
      assert.deepEqual(read.map((a) => a.id), [id]);
    });
  }

  for (const [name, write] of cases) {
    test(name, () => {
      const { doc } = roomWithEvidence();
      const clean = readAll(doc, () => undefined);
      const update = updateFrom(doc, write);
      const verdict = checkUpdate(doc, update, chair);
      assert.equal(verdict.ok, false, 'the server refuses it');
      if (!verdict.ok) assert.match(verdict.reason, /invalid-record|unknown-root/);

      // A reader that received it anyway (an old server, a peer-to-peer path) skips it.
      Y.applyUpdate(doc, update);
      const reported: InvalidRecord[] = [];
      const read = readAll(doc, (invalid) => reported.push(invalid));
      assert.deepEqual(
        { ...read, meta: { ...read.meta, caseTitle: undefined } },
        { ...clean, meta: { ...clean.meta, caseTitle: undefined } },
        'nothing hostile is returned',
      );
      assert.equal(Object.getPrototypeOf({}), Object.prototype, 'no prototype was polluted');
      assert.equal(({} as Record<string, unknown>)['rect'], undefined);
      // Unknown fields, roots and nested types are ignored by readers (forward compatibility);
      // everything else is reported so developer tools can show it.
      const ignored = /^root:|^order:|unknown field|nested|Y\.Text/.test(name);
      if (!ignored) assert.ok(reported.length > 0, 'the problem is reported');
    });
  }
});
