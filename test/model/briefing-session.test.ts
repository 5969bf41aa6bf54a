import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addOutlineNode,
  briefingStops,
  checkUpdate,
  handOffPresenting,
  InvalidInputError,
  LocalOrigin,
  moveForStop,
  movePresenter,
  readBriefing,
  readTimeline,
  sectionTimes,
  setPresenter,
  stopIndex,
  type TimelineEntry,
} from '@huishen/model';
import { actor, clock, origin, roomWithEvidence, updateFrom } from '../helpers/model-fixtures.js';

function outline() {
  const s = roomWithEvidence();
  const presenter = origin(actor('presenter', 'p1', 'county'));
  setPresenter(s.doc, 'p1', s.chair);
  const facts = addOutlineNode(s.doc, { kind: 'facts', title: '案件事实' }, presenter);
  const list = addOutlineNode(
    s.doc,
    {
      kind: 'evidence-list',
      title: '证据目录',
      anchors: [
        { evidenceId: s.evidenceId, page: 3, region: [10, 20, 300, 400] },
        { evidenceId: s.evidenceId, page: 7 },
      ],
    },
    presenter,
  );
  return { ...s, presenter, facts, list };
}

describe('briefing session: stops', () => {
  test('a node without anchors is one stop; a node with anchors is one stop per anchor', () => {
    const s = outline();
    const { nodes } = readBriefing(s.doc);
    const stops = briefingStops(nodes);
    assert.deepEqual(stops, [{ nodeId: s.facts }, { nodeId: s.list, anchor: 0 }, { nodeId: s.list, anchor: 1 }]);
    assert.equal(stopIndex(stops, { nodeId: s.list, anchor: 1 }), 2);
    assert.equal(stopIndex(stops, { nodeId: s.list }), 1, 'a node without an anchor index stands for its first stop');
    assert.equal(stopIndex(stops, { nodeId: 'gone' }), -1);
    assert.equal(stopIndex(stops, undefined), -1);
    assert.deepEqual(moveForStop(nodes, stops[1]!), { nodeId: s.list, anchor: 0, evidenceId: s.evidenceId, page: 3, region: [10, 20, 300, 400] });
    assert.deepEqual(moveForStop(nodes, stops[2]!), { nodeId: s.list, anchor: 1, evidenceId: s.evidenceId, page: 7 });
    assert.deepEqual(moveForStop(nodes, stops[0]!), { nodeId: s.facts });
  });
});

describe('briefing session: moving the presenter', () => {
  test('a move to another node appends one agenda entry; moves within a node append none', () => {
    const s = outline();
    movePresenter(s.doc, { nodeId: s.facts }, s.presenter);
    movePresenter(s.doc, { nodeId: s.list, anchor: 0, evidenceId: s.evidenceId, page: 3 }, s.presenter);
    movePresenter(s.doc, { nodeId: s.list, anchor: 1, evidenceId: s.evidenceId, page: 7 }, s.presenter);
    movePresenter(s.doc, { evidenceId: s.evidenceId, page: 9 }, s.presenter);
    const agenda = readTimeline(s.doc).filter((e) => e.kind === 'agenda');
    assert.deepEqual(
      agenda.map((e) => (e.kind === 'agenda' ? e.nodeId : '')),
      [s.facts, s.list],
    );
    assert.equal(agenda[0]?.author, 'p1');
    const position = readBriefing(s.doc).position;
    assert.equal(position?.page, 9);
    assert.equal(position?.by, 'p1');
  });

  test('the position and its agenda entry are one update, and the server refuses it from a member', () => {
    const s = outline();
    const member = actor('member', 'm1', 'city');
    const presenterActor = actor('presenter', 'p1', 'county');
    const byMember = updateFrom(s.doc, (peer) => movePresenter(peer, { nodeId: s.list }, new LocalOrigin(member, clock())));
    assert.equal(checkUpdate(s.doc, byMember, member).ok, false);
    const byPresenter = updateFrom(s.doc, (peer) => movePresenter(peer, { nodeId: s.list }, new LocalOrigin(presenterActor, clock())));
    assert.deepEqual(checkUpdate(s.doc, byPresenter, presenterActor), { ok: true });
  });

  test('bad input is refused before anything is written', () => {
    const s = outline();
    assert.throws(() => movePresenter(s.doc, { nodeId: s.facts, page: 0 }, s.presenter), InvalidInputError);
    assert.equal(readTimeline(s.doc).length, 0);
  });
});

describe('briefing session: hand-off', () => {
  test('the chair hands presenting over; the timeline says who and from whom', () => {
    const s = outline();
    handOffPresenting(s.doc, { userId: 'm1', name: '市院检察官' }, s.chair);
    assert.equal(readBriefing(s.doc).presenterId, 'm1');
    const system = readTimeline(s.doc).filter((e) => e.kind === 'system');
    assert.equal(system.length, 1);
    const entry = system[0]!;
    assert.ok(entry.kind === 'system');
    assert.equal(entry.event.code, 'presenter-changed');
    assert.deepEqual(entry.event.params, { presenter: 'm1', presenterName: '市院检察官', previous: 'p1' });
    handOffPresenting(s.doc, { userId: 'm1' }, s.chair);
    assert.equal(readTimeline(s.doc).length, 1, 'handing to the current presenter records nothing');
  });

  test('only the chair may hand off (server check of the whole update)', () => {
    const s = outline();
    const presenterActor = actor('presenter', 'p1', 'county');
    const chairActor = actor('chair');
    const byPresenter = updateFrom(s.doc, (peer) => handOffPresenting(peer, { userId: 'm1' }, new LocalOrigin(presenterActor, clock())));
    assert.equal(checkUpdate(s.doc, byPresenter, presenterActor).ok, false);
    const byChair = updateFrom(s.doc, (peer) => handOffPresenting(peer, { userId: 'm1' }, new LocalOrigin(chairActor, clock())));
    assert.deepEqual(checkUpdate(s.doc, byChair, chairActor), { ok: true });
  });

  test('a bad user id or name is refused', () => {
    const s = outline();
    assert.throws(() => handOffPresenting(s.doc, { userId: '../x' }, s.chair), InvalidInputError);
    assert.throws(() => handOffPresenting(s.doc, { userId: 'm1', name: 'x'.repeat(10_000) }, s.chair), InvalidInputError);
    assert.equal(readBriefing(s.doc).presenterId, 'p1');
  });
});

describe('briefing session: section timer', () => {
  const agenda = (nodeId: string, at: number): TimelineEntry => ({ id: `a${at}`, kind: 'agenda', nodeId, author: 'p1', authorName: 'p', venue: 'county', role: 'presenter', at });

  test('per node, total and current, from agenda entries and the reader’s clock', () => {
    const entries: TimelineEntry[] = [
      agenda('n1', 1_000),
      { id: 's', kind: 'speech', text: '发言', author: 'm1', authorName: 'm', venue: 'city', role: 'member', at: 1_500 },
      agenda('n2', 4_000),
      agenda('n1', 10_000),
    ];
    const times = sectionTimes(entries, 12_500);
    assert.equal(times.perNode.get('n1'), 3_000 + 2_500);
    assert.equal(times.perNode.get('n2'), 6_000);
    assert.equal(times.total, 11_500);
    assert.equal(times.currentNodeId, 'n1');
    assert.equal(times.current, 2_500);
  });

  test('no agenda: nothing elapsed; a clock behind the writer’s never gives negative times', () => {
    assert.deepEqual(sectionTimes([], 5).total, 0);
    const ahead = sectionTimes([agenda('n1', 10_000)], 9_000);
    assert.equal(ahead.current, 0);
    assert.equal(ahead.total, 0);
    assert.equal(ahead.perNode.get('n1'), 0);
  });
});
