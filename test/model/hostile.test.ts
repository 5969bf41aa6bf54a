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

const longText = '长'.repeat(10_001);
const protoObject = JSON.parse('{"__proto__": {"rect": [0,0,1,1]}}') as unknown;
const hugeInk = { points: Array.from({ length: 10_001 }, (_, i) => [i, i, 0.5]) };

const cases: [string, (doc: Y.Doc) => void][] = [
  ['annotation: page is a string', writeRecord('annotations', annotation({ page: '1' }))],
  ['annotation: page 0', writeRecord('annotations', annotation({ page: 0 }))],
  ['annotation: page beyond the evidence', writeRecord('annotations', annotation({ page: 11 }))],
  ['annotation: fractional page', writeRecord('annotations', annotation({ page: 1.5 }))],
  ['annotation: NaN coordinate', writeRecord('annotations', annotation({ geometry: { rect: [Number.NaN, 0, 1, 1] } }))],
  ['annotation: Infinity coordinate', writeRecord('annotations', annotation({ geometry: { rect: [0, 0, Number.POSITIVE_INFINITY, 1] } }))],
  ['annotation: coordinate out of range', writeRecord('annotations', annotation({ geometry: { rect: [0, 0, 1e12, 1] } }))],
  ['annotation: unnormalised rect', writeRecord('annotations', annotation({ geometry: { rect: [10, 10, 0, 0] } }))],
  ['annotation: rect with 3 numbers', writeRecord('annotations', annotation({ geometry: { rect: [0, 0, 1] } }))],
  ['annotation: geometry of another kind', writeRecord('annotations', annotation({ geometry: { at: [1, 1] } }))],
  ['annotation: unknown kind', writeRecord('annotations', annotation({ kind: 'script' }))],
  ['annotation: kind missing', writeRecord('annotations', annotation({ kind: undefined }))],
  ['annotation: oversized text', writeRecord('annotations', annotation({ text: longText }))],
  ['annotation: text is an object', writeRecord('annotations', annotation({ text: { html: '<img onerror=alert(1)>' } }))],
  ['annotation: too many ink points', writeRecord('annotations', annotation({ kind: 'ink', geometry: hugeInk }))],
  ['annotation: empty ink', writeRecord('annotations', annotation({ kind: 'ink', geometry: { points: [] } }))],
  ['annotation: pressure above 1', writeRecord('annotations', annotation({ kind: 'ink', geometry: { points: [[0, 0, 2]] } }))],
  ['annotation: bad colour', writeRecord('annotations', annotation({ style: { color: 'red; background:url(x)', width: 1, opacity: 1 } }))],
  ['annotation: negative opacity', writeRecord('annotations', annotation({ style: { color: '#000000', width: 1, opacity: -1 } }))],
  ['annotation: stamp without stamp field', writeRecord('annotations', annotation({ kind: 'stamp', geometry: { at: [1, 1] } }))],
  ['annotation: unknown stamp code', writeRecord('annotations', annotation({ kind: 'stamp', geometry: { at: [1, 1] }, stamp: { code: 'approved' } }))],
  ['annotation: stamp on a rect', writeRecord('annotations', annotation({ stamp: { code: 'shown' } }))],
  ['annotation: points at missing evidence', writeRecord('annotations', annotation({ evidenceId: 'nope' }))],
  ['annotation: id does not match key', writeRecord('annotations', annotation({}), 'other')],
  ['annotation: key is __proto__', writeRecord('annotations', annotation({ id: '__proto__' }), '__proto__')],
  ['annotation: key is constructor', writeRecord('annotations', annotation({ id: 'constructor' }), 'constructor')],
  ['annotation: key with a slash', writeRecord('annotations', annotation({ id: 'a/../b' }), 'a/../b')],
  ['annotation: 100-character id', writeRecord('annotations', annotation({ id: 'x'.repeat(100) }), 'x'.repeat(100))],
  ['annotation: __proto__ inside geometry', writeRecord('annotations', annotation({ geometry: protoObject }))],
  ['annotation: author missing', writeRecord('annotations', annotation({ author: undefined }))],
  ['annotation: createdAt negative', writeRecord('annotations', annotation({ createdAt: -5 }))],
  ['annotation: bad language tag', writeRecord('annotations', annotation({ text: 'x', lang: '<script>' }))],
  ['annotation: record is a plain value, not a map', (doc) => roots(doc).annotations.set('plain1', { id: 'plain1' })],
  ['annotation: record is a Y.Text', (doc) => roots(doc).annotations.set('text1', new Y.Text('x'))],
  ['annotation: nested map inside a record', (doc) => {
    writeRecord('annotations', annotation({ id: 'nested1' }))(doc);
    (roots(doc).annotations.get('nested1') as Y.Map<unknown>).set('style', new Y.Map());
  }],
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
