/**
 * The in-memory story room (stories/support/two-peer-room.ts): peers sync documents and presence
 * in memory, each with its own actor, origin and undo; a peer taken offline keeps and counts its
 * edits and merges them when it comes back.
 */
import { expect } from '@open-wc/testing';
import { addAnnotation, readAnnotations, readEvidence, readPeers, readVenues, setPresence } from '@huishen/model';
import { createStoryRoom, seedCase, STORY_ACTORS, type StoryRoom } from '../../stories/support/two-peer-room.js';
import { afterEach, describe, it } from './support/mocha.js';

describe('story room (in memory)', () => {
  let room: StoryRoom | undefined;
  afterEach(() => room?.destroy());

  it('seeds a case every peer sees, with evidence bytes behind evidenceUrl', async () => {
    room = createStoryRoom({ captureTimeout: 0 });
    const seeded = await seedCase(room, { documents: 2, pages: 2 });
    const [county, city] = room.peers;
    expect(seeded.evidence).to.have.length(2);
    expect(readEvidence(city!.doc).map((e) => e.id)).to.deep.equal(seeded.evidence.map((e) => e.id));
    expect(readVenues(city!.doc).map((v) => v.id)).to.have.members(['city', 'county']);
    const marks = readAnnotations(city!.doc);
    expect(marks.map((a) => a.venue)).to.include.members(['city', 'county']);
    const bytes = new Uint8Array(await (await fetch(city!.evidenceUrl(seeded.evidence[0]!.sha256))).arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).to.equal('%PDF-');
    expect(bytes.byteLength).to.equal(seeded.evidence[0]!.bytes);
    // Seeding is not undoable; the peers' own edits are, and only their own.
    expect(county!.undoManager.undoStack).to.have.length(0);
    const mine = addAnnotation(city!.doc, { evidenceId: seeded.evidence[0]!.id, page: 2, kind: 'pin', geometry: { at: [10, 10] } }, city!.origin);
    county!.undoManager.undo();
    expect(readAnnotations(county!.doc).some((a) => a.id === mine)).to.equal(true);
    city!.undoManager.undo();
    expect(readAnnotations(county!.doc).some((a) => a.id === mine)).to.equal(false);
  });

  it('relays presence with each peer’s user, and forgets a peer that goes offline', () => {
    room = createStoryRoom({ peers: [{ actor: STORY_ACTORS.cityChair }, { actor: STORY_ACTORS.countyPresenter }, { actor: STORY_ACTORS.cityObserver }] });
    const [chair, presenter, observer] = room.peers;
    setPresence(presenter!.awareness, 'cursor', { evidenceId: 'e1', page: 1, x: 10, y: 20 });
    const seen = readPeers(chair!.awareness);
    expect(seen.map((p) => p.user.id)).to.have.members(['county-presenter', 'city-observer']);
    expect(seen.find((p) => p.user.id === 'county-presenter')!.cursor).to.deep.equal({ evidenceId: 'e1', page: 1, x: 10, y: 20 });
    room.setOnline(1, false);
    expect(readPeers(chair!.awareness).map((p) => p.user.id)).to.deep.equal(['city-observer']);
    expect(readPeers(presenter!.awareness)).to.have.length(0);
    room.setOnline(1, true);
    expect(readPeers(observer!.awareness).map((p) => p.user.id)).to.have.members(['county-presenter', 'city-chair']);
    expect(readPeers(presenter!.awareness).map((p) => p.user.id)).to.have.members(['city-chair', 'city-observer']);
  });

  it('keeps offline edits, counts them unsaved, and merges them on reconnect', async () => {
    room = createStoryRoom();
    const { evidence } = await seedCase(room, { documents: 1, pages: 1, annotations: false });
    const [county, city] = room.peers;
    const changes: string[] = [];
    city!.connection.addEventListener('change', () => changes.push(`${city!.connection.status}:${city!.connection.unsaved}`));
    room.setOnline(1, false);
    const a = addAnnotation(city!.doc, { evidenceId: evidence[0]!.id, page: 1, kind: 'pin', geometry: { at: [1, 2] } }, city!.origin);
    const b = addAnnotation(county!.doc, { evidenceId: evidence[0]!.id, page: 1, kind: 'pin', geometry: { at: [3, 4] } }, county!.origin);
    expect(city!.connection.unsaved).to.equal(1);
    expect(readAnnotations(county!.doc).map((x) => x.id)).to.deep.equal([b]);
    room.setOnline(1, true);
    expect(changes).to.deep.equal(['offline:0', 'offline:1', 'synced:0']);
    for (const peer of room.peers) expect(readAnnotations(peer.doc).map((x) => x.id)).to.have.members([a, b]);
  });
});
