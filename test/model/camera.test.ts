/**
 * The document camera's shared state (`camera.ts`): freeze/unfreeze operations, the reader's
 * handling of bad remote data, and the rights the room server enforces on decoded updates.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as Y from 'yjs';
import {
  addEvidence,
  checkUpdate,
  freezeCamera,
  InvalidInputError,
  readCamera,
  requestFreeze,
  setPresenter,
  unfreezeCamera,
  type InvalidRecord,
  type LocalOrigin,
} from '@huishen/model';
import { actor, origin, roomWithEvidence, sha, updateFrom } from '../helpers/model-fixtures.js';

function addStill(doc: Y.Doc, by: LocalOrigin, id = 'still1'): string {
  return addEvidence(doc, { id, title: '实物展台截图', kind: 'still', mime: 'image/png', bytes: 4096, sha256: sha(7), pages: 1, capturedAt: 1_700_000_000_000 }, by);
}

describe('camera: freeze and unfreeze', () => {
  test('freezing points every reader at the still, with who froze it; unfreezing clears it', () => {
    const { doc, chair } = roomWithEvidence();
    const still = addStill(doc, chair);
    assert.deepEqual(readCamera(doc), { freeze: undefined, request: undefined });
    const freeze = freezeCamera(doc, still, chair);
    assert.equal(freeze.evidenceId, still);
    assert.equal(freeze.by, chair.actor.userId);
    assert.equal(freeze.byName, chair.actor.name);
    assert.equal(freeze.venue, chair.actor.venue);

    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    assert.deepEqual(readCamera(peer).freeze, freeze);

    unfreezeCamera(doc, chair);
    assert.equal(readCamera(doc).freeze, undefined);
    unfreezeCamera(doc, chair); // no-op when live
    assert.equal(readCamera(doc).freeze, undefined);
  });

  test('freezing on a PDF or on nothing is a local error', () => {
    const { doc, evidenceId, chair } = roomWithEvidence();
    assert.throws(() => freezeCamera(doc, evidenceId, chair), InvalidInputError);
    assert.throws(() => freezeCamera(doc, 'missing', chair), InvalidInputError);
    assert.throws(() => freezeCamera(doc, '__proto__', chair), InvalidInputError);
  });

  test('a bad freeze from a peer is reported and read as live', () => {
    const { doc, evidenceId } = roomWithEvidence();
    const reports: InvalidRecord[] = [];
    doc.getMap('camera').set('freeze', { evidenceId: 'still1', by: 'x' });
    assert.equal(readCamera(doc, (r) => reports.push(r)).freeze, undefined);
    // Well-formed but pointing at a PDF.
    doc.getMap('camera').set('freeze', { evidenceId, by: 'chair1', byName: 'c', venue: 'city', at: 1 });
    assert.equal(readCamera(doc, (r) => reports.push(r)).freeze, undefined);
    assert.deepEqual(reports.map((r) => r.collection), ['camera', 'camera']);
  });
});

describe('camera: rights on decoded updates (what the server enforces)', () => {
  test('chair and presenter may freeze and unfreeze; member, recorder and observer may not', () => {
    const { doc, chair } = roomWithEvidence();
    addStill(doc, chair);
    for (const role of ['chair', 'presenter'] as const) {
      const who = origin(actor(role));
      const freeze = updateFrom(doc, (peer) => freezeCamera(peer, 'still1', who));
      assert.deepEqual(checkUpdate(doc, freeze, who.actor), { ok: true }, role);
    }
    for (const role of ['member', 'recorder', 'observer'] as const) {
      const who = origin(actor(role));
      const freeze = updateFrom(doc, (peer) => freezeCamera(peer, 'still1', who));
      const verdict = checkUpdate(doc, freeze, who.actor);
      assert.equal(verdict.ok, false, role);
    }
    // Unfreezing an existing freeze.
    freezeCamera(doc, 'still1', chair);
    const member = origin(actor('member'));
    const unfreeze = (o: LocalOrigin) => updateFrom(doc, (peer) => unfreezeCamera(peer, o));
    assert.deepEqual(checkUpdate(doc, unfreeze(chair), chair.actor), { ok: true });
    const refused = checkUpdate(doc, unfreeze(member), member.actor);
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.detail, /camera/);
  });

  test('rights follow the document presenter, not the token role', () => {
    const { doc, chair } = roomWithEvidence();
    addStill(doc, chair);
    const tokenPresenter = origin(actor('presenter', 'p1'));
    const member = origin(actor('member', 'm1'));
    setPresenter(doc, 'm1', chair);
    const byTokenPresenter = checkUpdate(doc, updateFrom(doc, (peer) => freezeCamera(peer, 'still1', tokenPresenter)), tokenPresenter.actor);
    assert.equal(byTokenPresenter.ok, false);
    assert.deepEqual(checkUpdate(doc, updateFrom(doc, (peer) => freezeCamera(peer, 'still1', member)), member.actor), { ok: true });
  });

  test('a freeze must name its real author and venue', () => {
    const { doc, chair } = roomWithEvidence();
    addStill(doc, chair);
    const presenter = origin(actor('presenter'));
    const forged = updateFrom(doc, (peer) => peer.getMap('camera').set('freeze', { evidenceId: 'still1', by: 'chair1', byName: 'x', venue: 'county', at: 5 }));
    const verdict = checkUpdate(doc, forged, presenter.actor);
    assert.equal(verdict.ok, false);
    assert.match(verdict.ok ? '' : verdict.detail, /real author/);
  });

  test('the server refuses a freeze on a non-still, an unknown camera key and a malformed value', () => {
    const { doc, evidenceId, chair } = roomWithEvidence();
    const c = chair.actor;
    const onPdf = updateFrom(doc, (peer) => peer.getMap('camera').set('freeze', { evidenceId, by: c.userId, byName: c.name, venue: c.venue, at: 5 }));
    assert.deepEqual(checkUpdate(doc, onPdf, c), { ok: false, reason: 'invalid-record', detail: 'camera freeze points at no still' });
    const unknown = updateFrom(doc, (peer) => peer.getMap('camera').set('publisher', 'x'));
    assert.equal(checkUpdate(doc, unknown, c).ok, false);
    const malformed = updateFrom(doc, (peer) => peer.getMap('camera').set('freeze', { evidenceId: 'still1' }));
    assert.equal(checkUpdate(doc, malformed, c).ok, false);
    const nested = updateFrom(doc, (peer) => peer.getMap('camera').set('freeze', new Y.Map()));
    assert.equal(checkUpdate(doc, nested, c).ok, false);
  });

  test('adding a still and freezing on it in one update is accepted', () => {
    const { doc } = roomWithEvidence();
    const presenter = origin(actor('presenter'));
    const update = updateFrom(doc, (peer) =>
      peer.transact(() => {
        addStill(peer, presenter, 'still2');
        freezeCamera(peer, 'still2', presenter);
      }, presenter),
    );
    assert.deepEqual(checkUpdate(doc, update, presenter.actor), { ok: true });
    assert.deepEqual(checkUpdate(doc, update, { ...presenter.actor, userId: 'someone', role: 'member' }).ok, false);
  });
});

describe('camera: freeze requests from another venue', () => {
  test('a chair watching elsewhere asks; the source answers by freezing, naming the requester, which clears the request', () => {
    const { doc } = roomWithEvidence();
    const cityChair = origin(actor('chair', 'chair9', 'city'));
    const countyPresenter = origin(actor('presenter', 'p1', 'county'));
    const request = requestFreeze(doc, cityChair);
    assert.deepEqual(readCamera(doc).request, request);
    assert.equal(request.venue, 'city');
    addStill(doc, countyPresenter);
    const freeze = freezeCamera(doc, 'still1', countyPresenter, request.by);
    assert.equal(freeze.requestedBy, 'chair9');
    assert.deepEqual(readCamera(doc), { freeze, request: undefined });
  });

  test('the server: chair and presenter may request, others may not; a request names its real author', () => {
    const { doc } = roomWithEvidence();
    for (const role of ['chair', 'presenter'] as const) {
      const who = origin(actor(role));
      assert.deepEqual(checkUpdate(doc, updateFrom(doc, (peer) => requestFreeze(peer, who)), who.actor), { ok: true }, role);
    }
    for (const role of ['member', 'recorder', 'observer'] as const) {
      const who = origin(actor(role));
      assert.equal(checkUpdate(doc, updateFrom(doc, (peer) => requestFreeze(peer, who)), who.actor).ok, false, role);
    }
    const chair = origin(actor('chair'));
    const forged = updateFrom(doc, (peer) => peer.getMap('camera').set('freezeRequest', { by: 'presenter1', byName: 'x', venue: 'county', at: 1 }));
    assert.equal(checkUpdate(doc, forged, chair.actor).ok, false);
  });
});
