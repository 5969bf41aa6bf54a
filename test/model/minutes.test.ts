/**
 * The minutes bundle (`buildMinutes`): built from a scripted two-venue session through model
 * operations, it holds every valid entry in order, the decisions, opinions grouped per venue,
 * participants by venue and role (incl. a speaker named by the recorder), each evidence item's
 * SHA-256 and confirming venues, the pages to print; it is deterministic; hostile records are
 * skipped and reported, never fatal.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as Y from 'yjs';
import { appendEntry, buildMinutes, LocalOrigin, readTimeline, roots } from '@huishen/model';
import { PEOPLE, SCRIPT, scriptedSession } from '../bench/minutes/scripted-session.js';

describe('buildMinutes', () => {
  test('holds the whole session, in order, grouped as the minutes need it', () => {
    const { doc, ids } = scriptedSession();
    const m = buildMinutes(doc);
    assert.equal(m.format, 'huishen-minutes');
    assert.equal(m.timeZone, 'Asia/Shanghai');
    assert.deepEqual(m.case, { caseNumber: SCRIPT.caseNumber, caseTitle: SCRIPT.caseTitle, cause: SCRIPT.cause, createdAt: m.case.createdAt, generation: 'minutes-gen' });
    assert.deepEqual(m.timeline.map((e) => e.id), readTimeline(doc).map((e) => e.id));
    assert.equal(m.timeline.length, 14);
    const edited = m.timeline.find((e) => e.id === ids['edited'])!;
    assert.equal('text' in edited && edited.text, SCRIPT.edited);
    assert.deepEqual(edited.history?.map((h) => h.text), [SCRIPT.editedBefore]);
    assert.equal(m.timeline.find((e) => e.id === ids['retracted'])!.retracted, true);
    assert.deepEqual(m.decisions.map((d) => d.id), [ids['decision']]);
    assert.deepEqual(m.opinions.map((g) => [g.venue, g.entries.map((e) => e.id)]), [
      ['city', [ids['opinionCity']]],
      ['county', [ids['opinionCounty']]],
    ]);
    assert.deepEqual(m.outline.map((n) => n.id), ['facts', 'disputed']);
  });

  test('lists participants by venue then role, with the speaker the recorder named', () => {
    const m = buildMinutes(scriptedSession().doc);
    const rows = m.participants.map((p) => `${p.venue}:${p.role}:${p.name}${p.namedByRecorder ? '*' : ''}`);
    assert.deepEqual(rows, [
      `city:chair:${PEOPLE.chair.name}`,
      `city:member:${PEOPLE.cityMember.name}`,
      `city:recorder:${PEOPLE.recorder.name}`,
      `county:presenter:${PEOPLE.presenter.name}`,
      `county:member:${PEOPLE.countyMember.name}`,
      `county:member:${SCRIPT.onBehalfSpeaker}*`,
    ]);
  });

  test('evidence carries its hash and the venues that confirmed it; pages to print are referenced or annotated', () => {
    const m = buildMinutes(scriptedSession({ annotatedPages: 3 }).doc, { integrity: { ev2: { city: false } } });
    const [ev1, ev2] = m.evidence;
    assert.equal(ev1!.sha256, '1'.padStart(64, '0'));
    assert.deepEqual(ev1!.confirmedBy, ['county', 'city']); // the adder's venue first
    assert.deepEqual(ev2!.confirmedBy, ['county']);
    assert.deepEqual(ev2!.mismatchIn, ['city']);
    assert.deepEqual(
      m.pages.map((p) => `${p.evidenceId}:${p.page}:${p.referenced ? 'ref' : '-'}:${p.annotationIds.join(',')}`),
      ['ev1:1:ref:an0', 'ev1:2:ref:an2', 'ev2:1:-:an1'],
    );
    assert.equal(m.webAnnotations.total, 3);
    assert.equal(m.annotations.length, 3);
  });

  test('is deterministic: same room, same bundle; no clock unless given', () => {
    const a = JSON.stringify(buildMinutes(scriptedSession().doc));
    const b = JSON.stringify(buildMinutes(scriptedSession().doc));
    assert.equal(a, b);
    assert.equal('generatedAt' in JSON.parse(a), false);
    assert.equal(buildMinutes(scriptedSession().doc, { generatedAt: 42 }).generatedAt, 42);
    // A replica that received the document as an update gives the same bundle too.
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(scriptedSession().doc));
    assert.equal(JSON.stringify(buildMinutes(replica)), a);
  });

  test('skips and reports hostile or invalid entries instead of failing', () => {
    const { doc } = scriptedSession();
    const bad = new Y.Map<unknown>();
    doc.transact(() => {
      roots(doc).timeline.push([bad]);
      bad.set('id', 'evil');
      bad.set('kind', 'decision');
      bad.set('text', 42);
    });
    roots(doc).timeline.push(['not a map']);
    const m = buildMinutes(doc);
    assert.equal(m.timeline.length, 14);
    assert.deepEqual(m.skipped.filter((s) => s.collection === 'timeline').map((s) => s.id), ['evil', '#15']);
  });

  test('maxPages keeps referenced pages first', () => {
    const m = buildMinutes(scriptedSession({ annotatedPages: 5 }).doc, { maxPages: 2 });
    assert.deepEqual(m.pages.map((p) => `${p.evidenceId}:${p.page}`), ['ev1:1', 'ev1:2']);
  });

  test('the agenda marker written with the presenter position is an ordinary entry (briefing integration)', () => {
    const { doc } = scriptedSession();
    const presenter = new LocalOrigin(PEOPLE.presenter, () => 1);
    doc.transact(() => appendEntry(doc, { kind: 'agenda', nodeId: 'facts' }, presenter), presenter);
    assert.equal(buildMinutes(doc).timeline.at(-1)!.kind, 'agenda');
  });
});
