/**
 * Live ink through presence: the stroke being drawn here is shared in the awareness field
 * `drawing` (at most once per animation frame, its tail when it is long), and peers' strokes in
 * progress are collected per page of the evidence shown, for the live canvas to draw until the
 * stored mark with the same id arrives. Nothing here is ever stored in the document.
 */
import { MAX_DRAWING_POINTS, readPeers, setPresence, type Drawing } from '@huishen/model';
import type { Awareness } from 'y-protocols/awareness';

export class LiveInk {
  #remote = new Map<number, Drawing[]>();
  #awareness: Awareness | undefined;
  #frame = 0;
  readonly #onPages: (pages: readonly number[]) => void;

  /** `onPages` hears which pages' peer strokes changed. */
  constructor(onPages: (pages: readonly number[]) => void) {
    this.#onPages = onPages;
  }

  /** Follows `awareness` for peers' strokes on evidence `evidenceId()`; returns the undo. */
  watch(awareness: Awareness, evidenceId: () => string): () => void {
    this.#awareness = awareness;
    const onChange = () => {
      const id = evidenceId();
      const next = new Map<number, Drawing[]>();
      for (const peer of readPeers(awareness)) {
        const d = peer.drawing;
        if (!d || d.evidenceId !== id) continue;
        next.set(d.page, [...(next.get(d.page) ?? []), d]);
      }
      const pages = [...new Set([...this.#remote.keys(), ...next.keys()])];
      this.#remote = next;
      if (pages.length > 0) this.#onPages(pages);
    };
    awareness.on('change', onChange);
    return () => {
      awareness.off('change', onChange);
      this.publish(undefined);
      this.#awareness = undefined;
    };
  }

  /** Peers' strokes in progress on `page`. */
  remote(page: number): readonly Drawing[] {
    return this.#remote.get(page) ?? [];
  }

  /** Shares `drawing` now (`undefined`: the stroke ended or was cancelled). */
  publish(drawing: Drawing | undefined): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    if (this.#awareness) setPresence(this.#awareness, 'drawing', drawing ?? null);
  }

  /** Shares the stroke `current()` returns at the next animation frame (once per frame at most). */
  schedule(current: () => Drawing | undefined): void {
    if (this.#frame || !this.#awareness) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const drawing = current();
      if (drawing && this.#awareness) setPresence(this.#awareness, 'drawing', { ...drawing, points: drawing.points.slice(-MAX_DRAWING_POINTS) });
    });
  }
}
