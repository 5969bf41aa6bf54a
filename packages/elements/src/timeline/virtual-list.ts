/**
 * The layout of a virtualised list with variable row heights — plain arithmetic, no DOM, so it
 * is tested on its own. Rows are known by key; a row's height is measured once rendered and an
 * estimate is used until then. `layout()` gives each row's offset; `range()` the rows that
 * intersect a scroll window; `anchor()`/`restore()` keep the row at the top of the viewport in
 * place while heights above it are corrected or rows are added (the list never jumps under the
 * reader's eyes).
 */

/** A row kept in view across a relayout: its key and how far the viewport's top is into it. */
export interface ScrollAnchor {
  key: string;
  delta: number;
}

export class VirtualLayout {
  /** Height assumed for rows not yet measured (CSS px). */
  estimate: number;
  readonly #heights = new Map<string, number>();
  #keys: readonly string[] = [];
  #index = new Map<string, number>();
  #offsets = new Float64Array(1);
  #dirty = true;

  constructor(estimate = 72) {
    this.estimate = estimate;
  }

  /** Sets the rows, in order. Measured heights of rows that stay are kept. */
  setKeys(keys: readonly string[]): void {
    if (keys === this.#keys) return;
    this.#keys = keys;
    this.#index = new Map(keys.map((k, i) => [k, i]));
    this.#dirty = true;
  }

  /** Number of rows. */
  get count(): number {
    return this.#keys.length;
  }

  /** The key of row `i`. */
  keyAt(i: number): string | undefined {
    return this.#keys[i];
  }

  /** Records a measured height; returns true when it changed the layout. */
  measure(key: string, height: number): boolean {
    if (!(height > 0) || this.#heights.get(key) === height) return false;
    this.#heights.set(key, height);
    if (this.#index.has(key)) this.#dirty = true;
    return this.#index.has(key);
  }

  /** True when `key`'s height was measured. */
  isMeasured(key: string): boolean {
    return this.#heights.has(key);
  }

  /** The height used for `key`: measured, else the estimate. */
  heightOf(key: string): number {
    return this.#heights.get(key) ?? this.estimate;
  }

  #layout(): Float64Array {
    if (!this.#dirty) return this.#offsets;
    const n = this.#keys.length;
    const offsets = this.#offsets.length === n + 1 ? this.#offsets : new Float64Array(n + 1);
    let y = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = y;
      y += this.heightOf(this.#keys[i]!);
    }
    offsets[n] = y;
    this.#offsets = offsets;
    this.#dirty = false;
    return offsets;
  }

  /** The offset of row `i` from the top of the list (i = count gives the total height). */
  offsetAt(i: number): number {
    const offsets = this.#layout();
    return offsets[Math.max(0, Math.min(this.#keys.length, i))]!;
  }

  /** The list's total height. */
  get total(): number {
    return this.offsetAt(this.#keys.length);
  }

  /** The row containing offset `y` (clamped to the rows). */
  indexAt(y: number): number {
    const offsets = this.#layout();
    const n = this.#keys.length;
    if (n === 0) return 0;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid]! <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Rows `[first, last)` that intersect `[top - overscan, top + height + overscan]`. */
  range(top: number, height: number, overscan: number): [number, number] {
    const n = this.#keys.length;
    if (n === 0) return [0, 0];
    const first = this.indexAt(Math.max(0, top - overscan));
    const last = this.indexAt(top + height + overscan) + 1;
    return [first, Math.min(n, last)];
  }

  /** The row at offset `top` and how far `top` is into it. */
  anchor(top: number): ScrollAnchor | undefined {
    if (this.#keys.length === 0) return undefined;
    const i = this.indexAt(top);
    return { key: this.#keys[i]!, delta: top - this.offsetAt(i) };
  }

  /** The scroll offset that puts `anchor` back where it was; `undefined` when its row is gone. */
  restore(anchor: ScrollAnchor): number | undefined {
    const i = this.#index.get(anchor.key);
    return i === undefined ? undefined : this.offsetAt(i) + anchor.delta;
  }

  /** The index of `key`, if it is a row. */
  indexOf(key: string): number | undefined {
    return this.#index.get(key);
  }
}
