/**
 * Publishes where the local pointer is over an evidence viewer into the room's presence: the
 * `cursor` field (and the `laser` field while the laser is on), in PDF user space of the
 * unrotated page, at most once per animation frame, cleared when the pointer leaves the pages.
 * Presence is never stored: nothing here touches the document.
 */
import { setPresence, type PagePoint } from '@huishen/model';
import type { Awareness } from 'y-protocols/awareness';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';

/** What the publisher needs from its host. */
export interface PointerPublisherTarget {
  readonly viewer: HsEvidenceViewer;
  readonly awareness: Awareness;
  /** Whether the laser is on now. */
  laserActive(): boolean;
}

export class PointerPublisher {
  readonly #target: PointerPublisherTarget;
  #latest: { x: number; y: number } | undefined;
  #frame = 0;
  #published: PagePoint | null = null;
  #laserPublished = false;

  constructor(target: PointerPublisherTarget) {
    this.#target = target;
    const { viewer } = target;
    viewer.addEventListener('pointermove', this.#onMove, { passive: true });
    viewer.addEventListener('pointerdown', this.#onMove, { passive: true });
    viewer.addEventListener('pointerleave', this.#onLeave);
  }

  /** Stops listening and clears what was published. */
  dispose(): void {
    const { viewer } = this.#target;
    viewer.removeEventListener('pointermove', this.#onMove);
    viewer.removeEventListener('pointerdown', this.#onMove);
    viewer.removeEventListener('pointerleave', this.#onLeave);
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#latest = undefined;
    this.#publish();
  }

  /** The laser was switched: publish (or clear) it at once at the last known position. */
  laserChanged(): void {
    this.#schedule();
  }

  readonly #onMove = (event: PointerEvent): void => {
    this.#latest = { x: event.clientX, y: event.clientY };
    this.#schedule();
  };

  readonly #onLeave = (): void => {
    this.#latest = undefined;
    this.#schedule();
  };

  #schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#publish();
    });
  }

  #publish(): void {
    const { viewer, awareness } = this.#target;
    const evidenceId = viewer.evidenceId;
    const hit = this.#latest && evidenceId ? viewer.pagePointAt(this.#latest.x, this.#latest.y) : undefined;
    const point: PagePoint | null = hit && evidenceId ? { evidenceId, page: hit.page, x: round(hit.x), y: round(hit.y) } : null;
    if (!samePoint(point, this.#published)) {
      this.#published = point;
      setPresence(awareness, 'cursor', point);
    }
    const laser = this.#target.laserActive() && point !== null;
    if (laser) {
      setPresence(awareness, 'laser', { ...point, at: Date.now() });
      this.#laserPublished = true;
    } else if (this.#laserPublished) {
      setPresence(awareness, 'laser', null);
      this.#laserPublished = false;
    }
  }
}

/** Tenths of a point: finer than any screen shows, and shorter on the wire. */
const round = (n: number): number => Math.round(n * 10) / 10;

function samePoint(a: PagePoint | null, b: PagePoint | null): boolean {
  if (a === null || b === null) return a === b;
  return a.evidenceId === b.evidenceId && a.page === b.page && a.x === b.x && a.y === b.y;
}
