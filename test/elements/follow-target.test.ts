/**
 * The pure parts of follow-the-presenter: which target a follower goes to as positions and the
 * presenter's views arrive (a stale view of the old spot never wins over a newer position), and
 * the per-venue roster.
 */
import { expect } from '@open-wc/testing';
import type { Peer, PresenterPosition } from '@huishen/model';
import { PresenterTracker, sameTarget, targetOfPosition } from '@huishen/elements/follow/follow-target.js';
import { buildRoster, rosterState } from '@huishen/elements/follow/roster.js';
import { describe, it } from './support/mocha.js';

const position = (page: number, at: number, extra: Partial<PresenterPosition> = {}): PresenterPosition => ({ nodeId: 'n1', evidenceId: 'ev1', page, at, by: 'p1', ...extra });
const view = (page: number, y = 0) => ({ evidenceId: 'ev1', page, viewport: [0, y, 600, y + 400] as [number, number, number, number] });

describe('PresenterTracker', () => {
  it('goes to a new position, then to the presenter’s view once it shows that page', () => {
    const t = new PresenterTracker();
    expect(t.position(position(3, 1))).to.deep.equal({ evidenceId: 'ev1', page: 3, region: undefined });
    expect(t.viewing(view(2)), 'the view of the old page, still in flight').to.equal(undefined);
    expect(t.viewing(view(3, 100))).to.deep.equal({ evidenceId: 'ev1', page: 3, region: [0, 100, 600, 500] });
    expect(t.viewing(view(5, 0)), 'after catching up, the presenter may scroll anywhere').to.deep.equal({ evidenceId: 'ev1', page: 5, region: [0, 0, 600, 400] });
    expect(t.viewing(view(5, 0)), 'the same view again is no move').to.equal(undefined);
    expect(t.target?.page).to.equal(5);
  });

  it('a position with a region targets that region; without evidence, nothing', () => {
    const t = new PresenterTracker();
    expect(t.position(position(2, 1, { region: [10, 20, 30, 40] }))?.region).to.deep.equal([10, 20, 30, 40]);
    expect(t.position({ nodeId: 'n2', at: 2, by: 'p1' })).to.equal(undefined);
    expect(t.position({ nodeId: 'n2', at: 2, by: 'p1' }), 'the same position twice').to.equal(undefined);
    expect(targetOfPosition(undefined)).to.equal(undefined);
    t.reset();
    expect(t.target).to.equal(undefined);
  });

  it('compares targets to a tenth of a point', () => {
    expect(sameTarget({ evidenceId: 'a', page: 1, region: [0, 0, 1, 1] }, { evidenceId: 'a', page: 1, region: [0.05, 0, 1, 1] })).to.equal(true);
    expect(sameTarget({ evidenceId: 'a', page: 1, region: [0, 0, 1, 1] }, { evidenceId: 'a', page: 1, region: [0.5, 0, 1, 1] })).to.equal(false);
    expect(sameTarget({ evidenceId: 'a', page: 1 }, { evidenceId: 'a', page: 2 })).to.equal(false);
    expect(sameTarget(undefined, undefined)).to.equal(true);
  });
});

describe('buildRoster', () => {
  const peer = (clientId: number, id: string, venue: string, extra: Partial<Peer> = {}): Peer => ({
    clientId,
    user: { id, name: id.toUpperCase(), venue, role: 'member', color: '#112233', colorLight: '#aabbcc' },
    ...extra,
  });

  it('groups by venue (given order first), leaves the presenter out, counts a person once in their most engaged state', () => {
    const peers = [
      peer(1, 'p1', 'county', { following: null, viewing: view(1) }),
      peer(2, 'm1', 'city', { following: 'p1', viewing: view(1) }),
      peer(3, 'm1', 'city', { following: null }),
      peer(4, 'm2', 'county', { following: null, viewing: view(4) }),
      peer(5, 'o1', 'province'),
    ];
    const roster = buildRoster(peers, 'p1', ['county', 'city']);
    expect(roster.map((v) => v.venue)).to.deep.equal(['county', 'city', 'province']);
    expect(roster[0]!.entries.map((e) => [e.userId, e.state])).to.deep.equal([['m2', 'diverged']]);
    expect(roster[1]!.entries.map((e) => [e.userId, e.state])).to.deep.equal([['m1', 'following']]);
    expect(roster[2]!.entries.map((e) => [e.userId, e.state])).to.deep.equal([['o1', 'idle']]);
  });

  it('following someone else than the presenter is not following', () => {
    expect(rosterState(peer(1, 'm1', 'city', { following: 'old', viewing: view(1) }), 'p1')).to.equal('diverged');
    expect(rosterState(peer(1, 'm1', 'city', { following: 'p1' }), undefined)).to.equal('idle');
  });
});
