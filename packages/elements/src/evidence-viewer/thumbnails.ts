/**
 * The thumbnails sidebar: one button per page, drawn small and lazily.
 *
 * How to think about it: every page has a button of its thumbnail's size from the start (shapes
 * not yet read are estimated, like the scroll column), so the sidebar's scrollbar is right. An
 * `IntersectionObserver` on the sidebar says which buttons are in view; one thumbnail is drawn at
 * a time, only for buttons in view. Drawn canvases are kept, most recently drawn last, up to
 * {@link MAX_LIVE_THUMBNAILS}; beyond that the oldest out of view are released (zero-sized), so a
 * long document scrolled end to end holds a bounded number of thumbnail canvases.
 *
 * Keyboard: the buttons form one tab stop (roving `tabindex`); arrows move focus, Home/End go to
 * the first and last, Enter or Space (the button's own activation) goes to the page.
 */
import type { PdfPageHandle } from '../pdf/engine.js';
import { pageBoxSize } from '../pdf/geometry.js';
import type { PageShape } from './page-stack.js';

/** Most thumbnail canvases kept at once. */
export const MAX_LIVE_THUMBNAILS = 24;

/** Width of a thumbnail, CSS pixels. */
export const THUMBNAIL_WIDTH = 96;

/** What the sidebar shows. */
export interface ThumbnailSource {
  readonly pageCount: number;
  getPage(pageNumber: number): Promise<PdfPageHandle>;
  /** The page's shape as currently known. */
  shape(pageNumber: number): PageShape | undefined;
}

/** Options of a {@link ThumbnailStrip}. */
export interface ThumbnailOptions {
  /** Accessible name of a thumbnail (the localised page number). */
  readonly label: (page: number) => string;
  /** A thumbnail was activated. */
  readonly onSelect: (page: number) => void;
}

function release(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
  canvas.remove();
}

function thumbnailHeight(shape: PageShape | undefined): number {
  if (!shape) return Math.round(THUMBNAIL_WIDTH * 1.3);
  const box = pageBoxSize({ view: shape.view, scale: 1, rotation: shape.rotate });
  return Math.max(8, Math.round((THUMBNAIL_WIDTH * box.height) / Math.max(1, box.width)));
}

export class ThumbnailStrip {
  readonly #container: HTMLElement;
  readonly #options: ThumbnailOptions;
  readonly #observer: IntersectionObserver;
  #source: ThumbnailSource | undefined;
  #buttons: HTMLButtonElement[] = [];
  readonly #inView = new Set<number>();
  /** Drawn thumbnails, oldest first. */
  readonly #live = new Map<number, HTMLCanvasElement>();
  #rendering = false;
  #abort: AbortController | undefined;
  #current = 1;

  /** `container` is the sidebar: the scroller the buttons are put in. */
  constructor(container: HTMLElement, options: ThumbnailOptions) {
    this.#container = container;
    this.#options = options;
    this.#observer = new IntersectionObserver((entries) => this.#onIntersect(entries), { root: container, rootMargin: '64px 0px' });
    container.addEventListener('keydown', this.#onKeyDown);
  }

  /** Thumbnails holding a canvas right now. */
  get liveCount(): number {
    return this.#live.size;
  }

  /** Shows the pages of `source`, replacing what was shown. */
  setSource(source: ThumbnailSource | undefined): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#observer.disconnect();
    for (const canvas of this.#live.values()) release(canvas);
    this.#live.clear();
    this.#inView.clear();
    this.#buttons = [];
    this.#source = source;
    this.#current = 1;
    if (!source) {
      this.#container.replaceChildren();
      return;
    }
    const fragment = document.createDocumentFragment();
    for (let n = 1; n <= source.pageCount; n++) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'thumbnail';
      button.setAttribute('part', 'thumbnail');
      button.dataset['page'] = String(n);
      button.tabIndex = n === 1 ? 0 : -1;
      button.setAttribute('aria-label', this.#options.label(n));
      if (n === 1) button.setAttribute('aria-current', 'page');
      const frame = document.createElement('span');
      frame.className = 'thumbnail-frame';
      frame.style.width = `${THUMBNAIL_WIDTH}px`;
      frame.style.height = `${thumbnailHeight(source.shape(n))}px`;
      const number = document.createElement('span');
      number.className = 'thumbnail-number';
      number.setAttribute('aria-hidden', 'true');
      number.textContent = String(n);
      button.append(frame, number);
      button.addEventListener('click', () => this.#options.onSelect(n));
      this.#buttons.push(button);
      fragment.append(button);
      this.#observer.observe(button);
    }
    this.#container.replaceChildren(fragment);
  }

  /** Marks `page` as the current page (`aria-current`, the tab stop) and scrolls it into the sidebar's view. */
  setCurrent(page: number): void {
    const old = this.#buttons[this.#current - 1];
    const button = this.#buttons[page - 1];
    if (!button) return;
    const focusInside = old !== undefined && old === (this.#container.getRootNode() as Document | ShadowRoot).activeElement;
    if (old) {
      old.removeAttribute('aria-current');
      old.tabIndex = -1;
    }
    this.#current = page;
    button.setAttribute('aria-current', 'page');
    button.tabIndex = 0;
    if (focusInside) button.focus({ preventScroll: true });
    this.#reveal(button);
  }

  /** Corrects a page's thumbnail size once its shape is read. */
  setShape(page: number): void {
    const frame = this.#buttons[page - 1]?.firstElementChild as HTMLElement | null | undefined;
    if (frame && this.#source) frame.style.height = `${thumbnailHeight(this.#source.shape(page))}px`;
  }

  #reveal(button: HTMLElement): void {
    const container = this.#container;
    if (container.clientHeight === 0) return;
    const top = button.offsetTop - container.offsetTop;
    if (top < container.scrollTop) container.scrollTop = top - 4;
    else if (top + button.offsetHeight > container.scrollTop + container.clientHeight) {
      container.scrollTop = top + button.offsetHeight - container.clientHeight + 4;
    }
  }

  #onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const page = Number((entry.target as HTMLElement).dataset['page']);
      if (entry.isIntersecting) this.#inView.add(page);
      else this.#inView.delete(page);
    }
    this.#pump();
  }

  #onKeyDown = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement;
    const index = this.#buttons.indexOf(target as HTMLButtonElement);
    if (index < 0) return;
    let next: number;
    if (event.key === 'ArrowDown' || event.key === 'ArrowRight') next = index + 1;
    else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') next = index - 1;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = this.#buttons.length - 1;
    else return;
    event.preventDefault();
    const button = this.#buttons[Math.max(0, Math.min(this.#buttons.length - 1, next))]!;
    target.tabIndex = -1;
    button.tabIndex = 0;
    button.focus();
  };

  /** The next thumbnail to draw: in view and not drawn, nearest the current page first. */
  #next(): number | undefined {
    if (this.#live.size >= MAX_LIVE_THUMBNAILS && [...this.#live.keys()].every((p) => this.#inView.has(p))) return undefined;
    let best: number | undefined;
    for (const page of this.#inView) {
      if (this.#live.has(page)) continue;
      if (best === undefined || Math.abs(page - this.#current) < Math.abs(best - this.#current)) best = page;
    }
    return best;
  }

  #pump(): void {
    const source = this.#source;
    if (this.#rendering || !source) return;
    const pageNumber = this.#next();
    if (pageNumber === undefined) return;
    this.#rendering = true;
    const abort = new AbortController();
    this.#abort = abort;
    const canvas = document.createElement('canvas');
    canvas.className = 'thumbnail-canvas';
    canvas.setAttribute('aria-hidden', 'true');
    void source
      .getPage(pageNumber)
      .then(async (page) => {
        if (abort.signal.aborted || !this.#inView.has(pageNumber)) return false;
        const [x1, y1, x2, y2] = page.view;
        const swap = page.rotate % 180 !== 0;
        const width = swap ? Math.abs(y2 - y1) : Math.abs(x2 - x1);
        const viewport = page.viewport(THUMBNAIL_WIDTH / Math.max(1, width), page.rotate);
        const outputScale = Math.min(2, window.devicePixelRatio || 1);
        canvas.width = Math.max(1, Math.floor(viewport.width * outputScale));
        canvas.height = Math.max(1, Math.floor(viewport.height * outputScale));
        await page.render(canvas, viewport, outputScale, abort.signal);
        return !abort.signal.aborted;
      })
      .then(
        (drawn) => {
          const button = this.#buttons[pageNumber - 1];
          if (!drawn || this.#source !== source || !button) {
            release(canvas);
            return;
          }
          const frame = button.firstElementChild as HTMLElement;
          frame.style.height = `${Math.round((THUMBNAIL_WIDTH * canvas.height) / canvas.width)}px`;
          frame.replaceChildren(canvas);
          this.#live.set(pageNumber, canvas);
          button.dataset['rendered'] = '';
          this.#trim();
        },
        () => release(canvas), // a page that cannot be drawn keeps its empty frame
      )
      .finally(() => {
        if (this.#abort === abort) this.#abort = undefined;
        this.#rendering = false;
        if (this.#source === source) this.#pump();
      });
  }

  /** Releases the oldest thumbnails (out of view first) beyond the cap. */
  #trim(): void {
    if (this.#live.size <= MAX_LIVE_THUMBNAILS) return;
    const order = [...this.#live.keys()];
    const victims = [...order.filter((p) => !this.#inView.has(p)), ...order.filter((p) => this.#inView.has(p))];
    for (const page of victims) {
      if (this.#live.size <= MAX_LIVE_THUMBNAILS) break;
      const canvas = this.#live.get(page)!;
      release(canvas);
      this.#live.delete(page);
      delete this.#buttons[page - 1]?.dataset['rendered'];
    }
  }

  /** Stops observing and frees every thumbnail. */
  destroy(): void {
    this.setSource(undefined);
    this.#container.removeEventListener('keydown', this.#onKeyDown);
  }
}
