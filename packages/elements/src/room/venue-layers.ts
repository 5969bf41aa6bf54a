/**
 * Venue layers: which venues' annotations this screen shows. Session state (one person's view,
 * never shared, never stored), held by the room so that every element of one room agrees: the
 * annotation list toggles it, the annotation layer and exports read it.
 */

/** The venues hidden on this screen; fires `change` (a plain `Event`) when that set changes. */
export class VenueLayers extends EventTarget {
  #hidden = new Set<string>();

  /** The hidden venue ids (a fresh read-only set after every change). */
  get hidden(): ReadonlySet<string> {
    return this.#hidden;
  }

  /** Whether `venue`'s marks are shown. */
  isVisible(venue: string): boolean {
    return !this.#hidden.has(venue);
  }

  /** Shows or hides `venue`'s marks. */
  setVisible(venue: string, visible: boolean): void {
    if (this.isVisible(venue) === visible) return;
    const next = new Set(this.#hidden);
    if (visible) next.delete(venue);
    else next.add(venue);
    this.#hidden = next;
    this.dispatchEvent(new Event('change'));
  }

  /** Shows every venue again. */
  showAll(): void {
    if (this.#hidden.size === 0) return;
    this.#hidden = new Set();
    this.dispatchEvent(new Event('change'));
  }
}
