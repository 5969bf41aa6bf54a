/**
 * Where a follower's viewer should be: what the presenter shows, reduced to what a viewer can go
 * to (evidence, page, region in PDF user space). Pure functions, no DOM.
 *
 * How to think about it: the presenter's *position* is document state and changes when they
 * advance through the outline; where the presenter is *looking* is presence (`viewing`) and
 * changes whenever they scroll. A follower goes to whichever is newer. Presence may overtake the
 * document on the way (the room server stores a document update before relaying it, presence it
 * relays at once), so the presenter's view of a new spot often arrives first — going there early
 * is right. What must not happen is the opposite: after a position arrives, a view of the old
 * spot still in flight pulling the follower back. {@link PresenterTracker} therefore ignores the
 * presenter's view after a position change until that view has caught up with the new position
 * (same evidence and page).
 */
import type { PresenterPosition, Viewing } from '@huishen/model';

/** A place a viewer can be sent to. */
export interface FollowTarget {
  readonly evidenceId: string;
  /** 1-based page; absent: keep the page. */
  readonly page?: number | undefined;
  /** Region to fit into the viewport, `[x1, y1, x2, y2]` in PDF user space of the unrotated page. */
  readonly region?: readonly [number, number, number, number] | undefined;
}

/** The target a presenter position points to, if it points into the evidence. */
export function targetOfPosition(position: PresenterPosition | undefined): FollowTarget | undefined {
  if (!position?.evidenceId) return undefined;
  return { evidenceId: position.evidenceId, page: position.page, region: position.page !== undefined ? position.region : undefined };
}

/** The target a presence `viewing` points to. */
export function targetOfViewing(viewing: Viewing): FollowTarget {
  return { evidenceId: viewing.evidenceId, page: viewing.page, region: viewing.viewport };
}

/** True when two targets name the same evidence, page and (to a tenth of a point) region. */
export function sameTarget(a: FollowTarget | undefined, b: FollowTarget | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.evidenceId !== b.evidenceId || a.page !== b.page) return false;
  if (!a.region || !b.region) return a.region === b.region;
  return a.region.every((v, i) => Math.abs(v - b.region![i]!) < 0.1);
}

/**
 * Tracks what a follower should show from the presenter's position and presence. Feed it every
 * position and every presenter `viewing` as they arrive; each call returns the new target when
 * the follower should move, `undefined` when not.
 */
export class PresenterTracker {
  #position: PresenterPosition | undefined;
  #viewing: FollowTarget | undefined;
  /** After a position change: the presenter's view is ignored until it shows this evidence and page. */
  #awaiting: { evidenceId: string; page: number | undefined } | undefined;
  #target: FollowTarget | undefined;

  /** The latest target (what a follower who rejoins goes to). */
  get target(): FollowTarget | undefined {
    return this.#target;
  }

  /** A position read from the document (the same one again is ignored). */
  position(position: PresenterPosition | undefined): FollowTarget | undefined {
    const before = this.#position;
    if (before?.at === position?.at && before?.by === position?.by && JSON.stringify(before) === JSON.stringify(position)) return undefined;
    this.#position = position;
    const target = targetOfPosition(position);
    if (!target) {
      this.#awaiting = undefined;
      return undefined;
    }
    this.#awaiting = { evidenceId: target.evidenceId, page: target.page };
    return this.#set(target);
  }

  /** The presenter's presence `viewing` (null when they have no viewer open). */
  viewing(viewing: Viewing | null | undefined): FollowTarget | undefined {
    if (!viewing) return undefined;
    const target = targetOfViewing(viewing);
    if (sameTarget(target, this.#viewing)) return undefined;
    this.#viewing = target;
    const awaiting = this.#awaiting;
    if (awaiting) {
      if (target.evidenceId !== awaiting.evidenceId || (awaiting.page !== undefined && target.page !== awaiting.page)) return undefined;
      this.#awaiting = undefined;
    }
    return this.#set(target);
  }

  /** Forgets everything (a new presenter). */
  reset(): void {
    this.#position = undefined;
    this.#viewing = undefined;
    this.#awaiting = undefined;
    this.#target = undefined;
  }

  #set(target: FollowTarget): FollowTarget | undefined {
    if (sameTarget(target, this.#target)) return undefined;
    this.#target = target;
    return target;
  }
}
