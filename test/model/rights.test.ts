/**
 * The rights table, twice: `decide` on hand-built changes (table-driven), and `checkUpdate` on
 * real encoded updates made by model operations, for each role × operation. The second is what
 * the room server runs, so it must agree with the first.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as Y from 'yjs';
import {
  addAnnotation,
  addEvidence,
  addOutlineNode,
  appendEntry,
  checkUpdate,
  decide,
  editEntry,
  editOutlineNode,
  effectiveRole,
  LocalOrigin,
  moveAnnotation,
  moveEvidence,
  removeAnnotation,
  removeEvidence,
  retractEntry,
  setCaseInfo,
  setPageLocked,
  setPresenter,
  setPresenterPosition,
  setVenue,
  SERVER_ACTOR,
  type Actor,
  type Change,
  type Role,
} from '@huishen/model';
import { actor, clock, roomWithEvidence, sha, updateFrom } from '../helpers/model-fixtures.js';

const chair = actor('chair', 'chair1', 'city');
const presenter = actor('presenter', 'pres1', 'county');
const member = actor('member', 'mem1', 'city');
const member2 = actor('member', 'mem2', 'county');
const recorder = actor('recorder', 'rec1', 'city');
const observer = actor('observer', 'obs1', 'county');

const own = (a: Actor, extra: Record<string, unknown> = {}) => ({ author: a.userId, venue: a.venue, evidenceId: 'ev1', page: 1, ...extra });

describe('decide (table)', () => {
  const rows: [string, Actor, Change, boolean][] = [
    ['chair edits case info', chair, { target: 'meta', key: 'caseTitle' }, true],
    ['presenter edits case info', presenter, { target: 'meta', key: 'caseTitle' }, true],
    ['member edits case info', member, { target: 'meta', key: 'caseTitle' }, false],
    ['chair sets generation', chair, { target: 'meta', key: 'generation' }, false],
    ['server sets generation', SERVER_ACTOR, { target: 'meta', key: 'generation' }, true],
    ['observer edits anything', observer, { target: 'annotation', id: 'a', after: own(observer), fields: [] }, false],
    ['member adds own annotation', member, { target: 'annotation', id: 'a', after: own(member), fields: [] }, true],
    ['member adds annotation as someone else', member, { target: 'annotation', id: 'a', after: own(member2), fields: [] }, false],
    ['member adds annotation in another venue', member, { target: 'annotation', id: 'a', after: { ...own(member), venue: 'county' }, fields: [] }, false],
    ['member moves own annotation', member, { target: 'annotation', id: 'a', before: own(member), after: own(member, { geometry: 1 }), fields: ['geometry'] }, true],
    ['member moves another member’s annotation', member, { target: 'annotation', id: 'a', before: own(member2), after: own(member2, { geometry: 1 }), fields: ['geometry'] }, false],
    ['chair moves anyone’s annotation', chair, { target: 'annotation', id: 'a', before: own(member2), after: own(member2, { geometry: 1 }), fields: ['geometry'] }, true],
    ['chair changes an annotation’s author', chair, { target: 'annotation', id: 'a', before: own(member2), after: own(chair), fields: ['author'] }, false],
    ['member removes own annotation', member, { target: 'annotation', id: 'a', before: own(member), fields: [] }, true],
    ['member removes another’s annotation', member, { target: 'annotation', id: 'a', before: own(member2), fields: [] }, false],
    ['chair removes another’s annotation', chair, { target: 'annotation', id: 'a', before: own(member2), fields: [] }, true],
    ['recorder adds own annotation', recorder, { target: 'annotation', id: 'a', after: own(recorder), fields: [] }, true],
    ['member annotates a locked page', member, { target: 'annotation', id: 'a', after: own(member), fields: [] }, false],
    ['presenter adds evidence', presenter, { target: 'evidence', id: 'e', after: { addedBy: 'pres1', venue: 'county' }, fields: [] }, true],
    ['member adds evidence', member, { target: 'evidence', id: 'e', after: { addedBy: 'mem1', venue: 'city' }, fields: [] }, false],
    ['presenter adds evidence as someone else', presenter, { target: 'evidence', id: 'e', after: { addedBy: 'chair1', venue: 'county' }, fields: [] }, false],
    ['presenter locks a page', presenter, { target: 'evidence', id: 'e', before: { addedBy: 'pres1' }, after: { addedBy: 'pres1', lockedPages: [1] }, fields: ['lockedPages'] }, false],
    ['chair locks a page', chair, { target: 'evidence', id: 'e', before: { addedBy: 'pres1' }, after: { addedBy: 'pres1', lockedPages: [1] }, fields: ['lockedPages'] }, true],
    ['chair changes a hash', chair, { target: 'evidence', id: 'e', before: { sha256: 'a' }, after: { sha256: 'b' }, fields: ['sha256'] }, false],
    ['presenter removes chair’s evidence', presenter, { target: 'evidence', id: 'e', before: { addedBy: 'chair1' }, fields: [] }, false],
    ['member reorders evidence', member, { target: 'evidence-order' }, false],
    ['presenter reorders evidence', presenter, { target: 'evidence-order' }, true],
    ['presenter edits outline', presenter, { target: 'outline-node', id: 'n', after: {} }, true],
    ['member edits outline', member, { target: 'outline-node', id: 'n', after: {} }, false],
    ['presenter drives position', presenter, { target: 'briefing', key: 'position' }, true],
    ['member drives position', member, { target: 'briefing', key: 'position' }, false],
    ['presenter hands over', presenter, { target: 'briefing', key: 'presenter' }, false],
    ['chair hands over', chair, { target: 'briefing', key: 'presenter' }, true],
    ['member posts own speech', member, { target: 'timeline-entry', after: { author: 'mem1', venue: 'city', kind: 'speech' }, fields: [] }, true],
    ['member posts as someone else', member, { target: 'timeline-entry', after: { author: 'mem2', venue: 'city', kind: 'speech' }, fields: [] }, false],
    ['member posts a decision', member, { target: 'timeline-entry', after: { author: 'mem1', venue: 'city', kind: 'decision' }, fields: [] }, false],
    ['chair posts a decision', chair, { target: 'timeline-entry', after: { author: 'chair1', venue: 'city', kind: 'decision' }, fields: [] }, true],
    ['member posts on behalf of a speaker', member, { target: 'timeline-entry', after: { author: 'mem1', venue: 'city', kind: 'speech', speaker: { name: 'x' } }, fields: [] }, false],
    ['recorder posts on behalf of a speaker', recorder, { target: 'timeline-entry', after: { author: 'rec1', venue: 'city', kind: 'speech', speaker: { name: 'x' } }, fields: [] }, true],
    ['member marks agenda', member, { target: 'timeline-entry', after: { author: 'mem1', venue: 'city', kind: 'agenda' }, fields: [] }, false],
    ['member edits own entry', member, { target: 'timeline-entry', before: { author: 'mem1' }, after: { author: 'mem1' }, fields: ['text', 'history', 'editedAt'] }, true],
    ['member edits another’s entry', member, { target: 'timeline-entry', before: { author: 'mem2' }, after: { author: 'mem2' }, fields: ['text'] }, false],
    ['chair edits another’s entry', chair, { target: 'timeline-entry', before: { author: 'mem2' }, after: { author: 'mem2' }, fields: ['text'] }, true],
    ['member changes the kind of own entry', member, { target: 'timeline-entry', before: { author: 'mem1' }, after: { author: 'mem1' }, fields: ['kind'] }, false],
    ['member retracts own entry', member, { target: 'timeline-entry', before: { author: 'mem1' }, after: { author: 'mem1' }, fields: ['retracted'] }, false],
    ['chair retracts an entry', chair, { target: 'timeline-entry', before: { author: 'mem1' }, after: { author: 'mem1' }, fields: ['retracted', 'retractedBy'] }, true],
    ['chair deletes an entry', chair, { target: 'timeline-entry', before: { author: 'mem1' }, fields: [] }, false],
    ['member edits venues', member, { target: 'venue', id: 'v', after: {} }, false],
  ];
  for (const [name, who, change, allowed] of rows) {
    test(`${allowed ? 'allows' : 'refuses'}: ${name}`, () => {
      const ctx = name.includes('locked') ? { isPageLocked: () => true } : {};
      const decision = decide(who, change, ctx);
      assert.equal(decision.allowed, allowed, decision.allowed ? 'allowed' : decision.reason);
    });
  }

  test('the presenter is document state: hand-off moves presenter rights', () => {
    assert.equal(effectiveRole(presenter, {}), 'presenter');
    assert.equal(effectiveRole(presenter, { presenterId: 'mem1' }), 'member');
    assert.equal(effectiveRole(member, { presenterId: 'mem1' }), 'presenter');
    assert.equal(effectiveRole(chair, { presenterId: 'mem1' }), 'chair');
    assert.equal(decide(member, { target: 'briefing', key: 'position' }, { presenterId: 'mem1' }).allowed, true);
    assert.equal(decide(presenter, { target: 'briefing', key: 'position' }, { presenterId: 'mem1' }).allowed, false);
  });
});

/** Each operation, as a function of the writer's origin, on a room seeded by the chair. */
function seeded() {
  const base = roomWithEvidence();
  const chairOrigin = new LocalOrigin(chair, clock());
  const memberOrigin = new LocalOrigin(member2, clock());
  const chairAnnotation = addAnnotation(base.doc, { evidenceId: 'ev1', page: 1, kind: 'rect', geometry: { rect: [0, 0, 10, 10] } }, chairOrigin);
  const memberAnnotation = addAnnotation(base.doc, { evidenceId: 'ev1', page: 1, kind: 'pin', geometry: { at: [5, 5] } }, memberOrigin);
  const memberEntry = appendEntry(base.doc, { kind: 'speech', text: '发言' }, memberOrigin);
  const node = addOutlineNode(base.doc, { kind: 'facts', title: '案件事实' }, chairOrigin);
  addEvidence(base.doc, { id: 'ev2', title: '现场照片', kind: 'image', mime: 'image/jpeg', bytes: 9, sha256: sha(2), pages: 1 }, chairOrigin);
  return { ...base, chairAnnotation, memberAnnotation, memberEntry, node };
}

type Op = (doc: Y.Doc, o: LocalOrigin, s: ReturnType<typeof seeded>) => void;
const operations: Record<string, { op: Op; allowed: Role[] }> = {
  'set case info': { op: (d, o) => setCaseInfo(d, { caseTitle: '新标题' }, o), allowed: ['chair', 'presenter'] },
  'set venue': { op: (d, o) => setVenue(d, { id: 'city', name: '市院', level: 'city', color: '#112233' }, o), allowed: ['chair', 'presenter'] },
  'add evidence': { op: (d, o) => void addEvidence(d, { title: '书证', kind: 'pdf', mime: 'application/pdf', bytes: 5, sha256: sha(9), pages: 2 }, o), allowed: ['chair', 'presenter'] },
  'remove chair’s evidence': { op: (d, o) => removeEvidence(d, 'ev1', o), allowed: ['chair'] },
  'reorder evidence': { op: (d, o) => moveEvidence(d, 'ev1', 1, o), allowed: ['chair', 'presenter'] },
  'lock a page': { op: (d, o) => setPageLocked(d, 'ev1', 2, true, o), allowed: ['chair'] },
  'add own annotation': { op: (d, o) => void addAnnotation(d, { evidenceId: 'ev1', page: 2, kind: 'ellipse', geometry: { rect: [0, 0, 1, 1] } }, o), allowed: ['chair', 'presenter', 'member', 'recorder'] },
  'move chair’s annotation': { op: (d, o, s) => moveAnnotation(d, s.chairAnnotation, 1, 1, o), allowed: ['chair'] },
  'remove a member’s annotation': { op: (d, o, s) => removeAnnotation(d, s.memberAnnotation, o), allowed: ['chair'] },
  'add outline node': { op: (d, o) => void addOutlineNode(d, { kind: 'custom', title: '补充' }, o), allowed: ['chair', 'presenter'] },
  'edit outline node': { op: (d, o, s) => editOutlineNode(d, s.node, { body: '…' }, o), allowed: ['chair', 'presenter'] },
  'drive position': { op: (d, o) => setPresenterPosition(d, { evidenceId: 'ev1', page: 3 }, o), allowed: ['chair', 'presenter'] },
  'hand over presenting': { op: (d, o) => setPresenter(d, 'mem1', o), allowed: ['chair'] },
  'post speech': { op: (d, o) => void appendEntry(d, { kind: 'speech', text: '意见' }, o), allowed: ['chair', 'presenter', 'member', 'recorder'] },
  'post decision': { op: (d, o) => void appendEntry(d, { kind: 'decision', text: '决定' }, o), allowed: ['chair'] },
  'post for a speaker': { op: (d, o) => void appendEntry(d, { kind: 'speech', text: '代记', speaker: { name: '某人' } }, o), allowed: ['chair', 'recorder'] },
  'edit a member’s entry': { op: (d, o, s) => editEntry(d, s.memberEntry, '改', o), allowed: ['chair'] },
  'retract an entry': { op: (d, o, s) => retractEntry(d, s.memberEntry, o), allowed: ['chair'] },
};

describe('checkUpdate (real updates, each role × operation)', () => {
  const roles: Actor[] = [chair, presenter, member, recorder, observer];
  for (const [name, { op, allowed }] of Object.entries(operations)) {
    for (const who of roles) {
      const expected = allowed.includes(who.role as Role);
      test(`${who.role} ${expected ? 'may' : 'may not'} ${name}`, () => {
        const s = seeded();
        const update = updateFrom(s.doc, (peer) => op(peer, new LocalOrigin(who, clock(1_800_000_000_000)), s));
        const verdict = checkUpdate(s.doc, update, who);
        assert.equal(verdict.ok, expected, verdict.ok ? 'allowed' : `${verdict.reason}: ${verdict.detail}`);
        if (!verdict.ok) assert.equal(verdict.reason, who.role === 'observer' ? 'read-only' : 'forbidden');
      });
    }
  }

  test('the author may edit their own entry, nobody else but the chair', () => {
    const s = seeded();
    const update = updateFrom(s.doc, (peer) => editEntry(peer, s.memberEntry, '修改后的发言', new LocalOrigin(member2, clock())));
    assert.deepEqual(checkUpdate(s.doc, update, member2), { ok: true });
    assert.equal(checkUpdate(s.doc, update, member).ok, false);
  });

  test('a member who is made presenter gains presenter rights', () => {
    const s = seeded();
    setPresenter(s.doc, 'mem1', new LocalOrigin(chair, clock()));
    const drive = updateFrom(s.doc, (peer) => setPresenterPosition(peer, { page: 2 }, new LocalOrigin(member, clock())));
    assert.deepEqual(checkUpdate(s.doc, drive, member), { ok: true });
    const old = updateFrom(s.doc, (peer) => setPresenterPosition(peer, { page: 2 }, new LocalOrigin(presenter, clock())));
    assert.equal(checkUpdate(s.doc, old, presenter).ok, false);
  });

  test('a locked page refuses members but not the chair', () => {
    const s = seeded();
    setPageLocked(s.doc, 'ev1', 4, true, new LocalOrigin(chair, clock()));
    const add = (who: Actor) =>
      updateFrom(s.doc, (peer) => addAnnotation(peer, { evidenceId: 'ev1', page: 4, kind: 'pin', geometry: { at: [1, 1] } }, new LocalOrigin(who, clock())));
    assert.equal(checkUpdate(s.doc, add(member), member).ok, false);
    assert.deepEqual(checkUpdate(s.doc, add(chair), chair), { ok: true });
  });

  test('a resent update the server already has is a no-op even for an observer', () => {
    const s = seeded();
    assert.deepEqual(checkUpdate(s.doc, Y.encodeStateAsUpdate(s.doc), observer), { ok: true });
  });
});
