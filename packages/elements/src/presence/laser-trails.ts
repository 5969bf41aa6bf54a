/**
 * Remote laser trails: the last positions of each peer's laser, kept for a short time so that
 * the pointer leaves a fading trace. Purely local and time-based; nothing here is shared.
 */

/** How long a laser point stays visible after it was received, in milliseconds. */
export const LASER_FADE_MS = 700;

/** One remembered laser position (PDF user space of the unrotated page). */
export interface LaserPoint {
  readonly page: number;
  readonly x: number;
  readonly y: number;
  /** When it was received (`performance.now()`), not the sender's clock. */
  readonly seenAt: number;
}

/** The trails of every peer, by awareness client id. */
export class LaserTrails {
  readonly #trails = new Map<number, LaserPoint[]>();

  /** Records where `clientId`'s laser is now (ignored when it did not move). */
  add(clientId: number, point: Omit<LaserPoint, 'seenAt'>, now: number): void {
    const trail = this.#trails.get(clientId) ?? [];
    const last = trail[trail.length - 1];
    if (last && last.page === point.page && last.x === point.x && last.y === point.y) return;
    trail.push({ ...point, seenAt: now });
    this.#trails.set(clientId, trail);
  }

  /** Drops points older than {@link LASER_FADE_MS}; true while anything is left to fade. */
  prune(now: number): boolean {
    for (const [id, trail] of this.#trails) {
      const kept = trail.filter((p) => now - p.seenAt < LASER_FADE_MS);
      if (kept.length === 0) this.#trails.delete(id);
      else this.#trails.set(id, kept);
    }
    return this.#trails.size > 0;
  }

  /** The points of `clientId` on `page`, oldest first. */
  on(clientId: number, page: number): readonly LaserPoint[] {
    return (this.#trails.get(clientId) ?? []).filter((p) => p.page === page);
  }

  /** Client ids with a trail. */
  get clients(): readonly number[] {
    return [...this.#trails.keys()];
  }
}
