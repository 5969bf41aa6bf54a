import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as Y from 'yjs';
import {
  addAnnotation,
  createUndoManager,
  LocalOrigin,
  moveAnnotation,
  readAnnotation,
  readAnnotations,
  restyleAnnotation,
  stackItemLocation,
} from '@huishen/model';
import { connectDocs } from '../helpers/memory-sync.js';
import { actor, clock, roomWithEvidence } from '../helpers/model-fixtures.js';

function twoVenues() {
  const { doc: a } = roomWithEvidence();
  const b = new Y.Doc();
  const disconnect = connectDocs([a, b]);
  const city = new LocalOrigin(actor('member', 'm1', 'city'), clock());
  const county = new LocalOrigin(actor('member', 'm2', 'county'), clock(1_750_000_000_000));
  return { a, b, city, county, disconnect };
}

describe('undo', () => {
  test('undo removes only my own annotation, never the other venue’s', () => {
    const { a, b, city, county } = twoVenues();
    const undoA = createUndoManager(a, city, { captureTimeout: 0 });
    const mine = addAnnotation(a, { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [0, 0, 1, 1] } }, city);
    const theirs = addAnnotation(b, { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [5, 5, 6, 6] } }, county);
    assert.equal(readAnnotations(a).length, 2);
    undoA.undo();
    assert.deepEqual(readAnnotations(a).map((x) => x.id), [theirs]);
    assert.deepEqual(readAnnotations(b).map((x) => x.id), [theirs]);
    undoA.undo();
    assert.deepEqual(readAnnotations(b).map((x) => x.id), [theirs], 'nothing more to undo');
    undoA.redo();
    assert.deepEqual(new Set(readAnnotations(b).map((x) => x.id)), new Set([mine, theirs]));
  });

  test('undoing my move of a shared mark keeps the other venue’s recolour', () => {
    const { a, b, city, county } = twoVenues();
    const chairOrigin = new LocalOrigin(actor('chair', 'c1', 'city'), clock());
    const id = addAnnotation(a, { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [0, 0, 10, 10] } }, chairOrigin);
    const undoA = createUndoManager(a, chairOrigin, { captureTimeout: 0 });
    moveAnnotation(a, id, 100, 100, chairOrigin);
    restyleAnnotation(b, id, { color: '#00ff00' }, county);
    undoA.undo();
    const read = readAnnotation(b, id)!;
    assert.deepEqual(read.geometry, { rect: [0, 0, 10, 10] }, 'my move is undone');
    assert.equal(read.style.color, '#00ff00', 'their recolour stays');
    assert.equal(undoA.undoStack.length, 0);
    void city;
  });

  test('a stack item remembers where the change was made', () => {
    const { a, city } = twoVenues();
    let page = 3;
    const undoA = createUndoManager(a, city, { captureTimeout: 0, locate: () => ({ evidenceId: 'ev1', page }) });
    addAnnotation(a, { evidenceId: 'ev1', page: 3, kind: 'pin', geometry: { at: [1, 1] } }, city);
    page = 7;
    addAnnotation(a, { evidenceId: 'ev1', page: 7, kind: 'pin', geometry: { at: [1, 1] } }, city);
    assert.deepEqual(undoA.undoStack.map((item) => stackItemLocation(item)?.page), [3, 7]);
  });

  test('remote changes never enter my undo stack', () => {
    const { a, b, county } = twoVenues();
    const undoA = createUndoManager(a, new LocalOrigin(actor('member', 'm1', 'city')), { captureTimeout: 0 });
    addAnnotation(b, { evidenceId: 'ev1', page: 1, kind: 'pin', geometry: { at: [1, 1] } }, county);
    assert.equal(undoA.undoStack.length, 0);
  });
});
