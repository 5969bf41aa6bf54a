/**
 * The scrolling half of the timeline's virtualisation, as a reactive controller: it owns the
 * {@link VirtualLayout}, measures rendered rows with a `ResizeObserver`, tells the host which rows
 * to render, and keeps the reading position.
 *
 * How to think about it: the reader is either *following* (at the newest row: new rows scroll
 * into view) or *reading* somewhere (the row at the top of the viewport and the offset into it —
 * the anchor — are kept while heights are measured or rows are added). A scroll the reader makes
 * switches between the two; the controller's own scrolls never do. Re-renders the controller asks
 * for happen on the next frame, never in the same microtask or observer delivery, so a layout
 * that keeps moving cannot lock the page in an update loop.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { VirtualLayout, type ScrollAnchor } from './virtual-list.js';

/** Options of a {@link VirtualScroller}. */
export interface VirtualScrollerOptions {
  /** The scrolling element, once rendered. */
  readonly list: () => HTMLElement | null;
  /** The rendered row elements; each carries its key in `data-id`. */
  readonly rows: () => Iterable<HTMLElement>;
  /** Called when the reader arrives at or leaves the newest row. */
  readonly onFollowingChange?: (following: boolean) => void;
  /** Height assumed for rows not yet measured, CSS px. Default 76. */
  readonly estimate?: number;
  /** Rows rendered beyond the viewport on each side, CSS px. Default 600. */
  readonly overscan?: number;
  /** Distance from the bottom that still counts as "at the newest row", CSS px. Default 8. */
  readonly bottomSlack?: number;
}

export class VirtualScroller implements ReactiveController {
  /** Row offsets and heights. */
  readonly layout: VirtualLayout;
  readonly #host: ReactiveControllerHost;
  readonly #options: VirtualScrollerOptions;
  readonly #overscan: number;
  readonly #slack: number;
  #resize: ResizeObserver | undefined;
  readonly #observed = new Set<Element>();
  #keys: readonly unknown[] | undefined;
  #anchor: ScrollAnchor | undefined;
  #following = true;
  #scrollTop = 0;
  #viewportHeight = 0;
  #rendered: [number, number] | undefined;
  #frame = 0;

  constructor(host: ReactiveControllerHost, options: VirtualScrollerOptions) {
    this.#host = host;
    this.#options = options;
    this.layout = new VirtualLayout(options.estimate ?? 76);
    this.#overscan = options.overscan ?? 600;
    this.#slack = options.bottomSlack ?? 8;
    host.addController(this);
  }

  /** True while the reader is at the newest row (new rows scroll into view). */
  get following(): boolean {
    return this.#following;
  }

  /** Sets the rows (by key) when `rows` is a different list than last time. */
  setRows<T>(rows: readonly T[], key: (row: T) => string): void {
    if (rows === this.#keys) return;
    this.#keys = rows;
    this.layout.setKeys(rows.map(key));
  }

  /** The rows `[first, last)` to render now (where the list is, or will be after this update). */
  window(): [number, number] {
    const height = this.#viewportHeight || 800;
    let top = this.#scrollTop;
    if (this.#following) top = Math.max(0, this.layout.total - height);
    else if (this.#anchor) top = this.layout.restore(this.#anchor) ?? this.#scrollTop;
    this.#rendered = this.layout.range(top, height, this.#overscan);
    return this.#rendered;
  }

  /** Before rows may move (new entries, other filters): remember what the reader is looking at. */
  keepPosition(): void {
    const list = this.#options.list();
    if (!list) return;
    this.#sync();
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight <= this.#slack;
    if (atBottom || this.#following) this.#setFollowing(true);
    else this.#anchor ??= this.layout.anchor(list.scrollTop);
  }

  /** Goes to the newest row and follows from then on. */
  follow(): void {
    this.#setFollowing(true);
    this.#host.requestUpdate();
  }

  /** Puts the row `key` at the top of the viewport (stops following). Returns false when it is not a row. */
  reveal(key: string): boolean {
    if (this.layout.indexOf(key) === undefined) return false;
    this.#setFollowing(false);
    this.#anchor = { key, delta: 0 };
    this.#host.requestUpdate();
    return true;
  }

  /** The list's `scroll` listener. */
  readonly onScroll = (): void => {
    // Our own scrolls (anchoring, following) were taken into account when made.
    this.#sync();
    if (!this.#covers(this.#overscan / 2)) this.#host.requestUpdate();
  };

  hostConnected(): void {
    this.#resize = new ResizeObserver((records) => this.#onResize(records));
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#observed.clear();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  hostUpdated(): void {
    const list = this.#options.list();
    if (list) {
      this.#sync();
      this.#viewportHeight = list.clientHeight;
      const max = Math.max(0, this.layout.total - list.clientHeight);
      let target: number | undefined;
      if (this.#following) target = max;
      else if (this.#anchor) target = this.layout.restore(this.#anchor);
      this.#anchor = undefined;
      if (target !== undefined && Math.abs(list.scrollTop - target) >= 1) list.scrollTop = Math.min(max, Math.max(0, target));
      this.#scrollTop = list.scrollTop;
      if (!this.#covers(this.#overscan / 2)) this.#updateNextFrame();
    }
    this.#observeRows(list);
  }

  #covers(margin: number): boolean {
    const [first, last] = this.layout.range(this.#scrollTop, this.#viewportHeight, margin);
    return this.#rendered !== undefined && first >= this.#rendered[0] && last <= this.#rendered[1];
  }

  #setFollowing(following: boolean): void {
    if (following === this.#following) return;
    this.#following = following;
    this.#options.onFollowingChange?.(following);
  }

  /**
   * Takes in a scroll the reader made that no scroll event has reported yet (scroll events come a
   * frame late): from then on, their position wins over following or an older anchor.
   */
  #sync(): void {
    const list = this.#options.list();
    if (!list || Math.abs(list.scrollTop - this.#scrollTop) < 1) return;
    this.#anchor = undefined;
    this.#scrollTop = list.scrollTop;
    this.#viewportHeight = list.clientHeight;
    this.#setFollowing(list.scrollHeight - list.scrollTop - list.clientHeight <= this.#slack);
  }

  #updateNextFrame(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#host.requestUpdate();
    });
  }

  #onResize(records: ResizeObserverEntry[]): void {
    const list = this.#options.list();
    this.#sync();
    const anchor = list && !this.#following ? (this.#anchor ?? this.layout.anchor(list.scrollTop)) : undefined;
    let changed = false;
    for (const record of records) {
      if (record.target === list) {
        changed = true;
        continue;
      }
      // Rows are reused for other entries as the list scrolls: the key is read now, not at observe time.
      const key = (record.target as HTMLElement).dataset['id'];
      const size = record.borderBoxSize?.[0]?.blockSize ?? record.contentRect.height;
      if (key !== undefined && this.layout.measure(key, Math.ceil(size))) changed = true;
    }
    if (!changed) return;
    this.#anchor = anchor;
    // Next frame, not now: re-rendering inside the observer's delivery would resize observed rows
    // again in the same frame ("ResizeObserver loop completed with undelivered notifications").
    this.#updateNextFrame();
  }

  /**
   * Observes rendered rows for later size changes, and measures at once each row that shows an
   * entry not measured yet: a reused row element whose height did not change gets no resize
   * notification for its new entry.
   */
  #observeRows(list: HTMLElement | null): void {
    const resize = this.#resize;
    if (!resize) return;
    if (list && !this.#observed.has(list)) {
      this.#observed.add(list);
      resize.observe(list);
    }
    const seen = new Set<Element>(list ? [list] : []);
    let measured = false;
    let anchor: ScrollAnchor | undefined;
    for (const row of this.#options.rows()) {
      seen.add(row);
      if (!this.#observed.has(row)) {
        this.#observed.add(row);
        resize.observe(row);
      }
      const key = row.dataset['id'];
      if (key !== undefined && !this.layout.isMeasured(key)) {
        if (!measured && list && !this.#following) anchor = this.#anchor ?? this.layout.anchor(list.scrollTop);
        measured = this.layout.measure(key, Math.ceil(row.getBoundingClientRect().height)) || measured;
      }
    }
    if (measured) {
      this.#anchor = anchor;
      this.#updateNextFrame();
    }
    for (const element of [...this.#observed.keys()]) {
      if (!seen.has(element)) {
        resize.unobserve(element);
        this.#observed.delete(element);
      }
    }
  }
}
