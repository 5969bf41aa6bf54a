/**
 * The scroll column: every page's box in one vertical column inside a scroller, which pages are
 * visible, which hold pixels, and in which order they are drawn.
 *
 * How to think about it (the shape of pdf.js's own viewer and rendering queue, written small):
 * - every page has a box of its exact size from the start (sizes of pages not yet read from the
 *   file are estimated from page 1 and corrected as they arrive), so the scrollbar is right;
 * - after each scroll, zoom or resize, `update()` finds the visible pages, evicts pixels of pages
 *   further than `buffer` pages away (cancelling their renders), and the queue draws one page at a
 *   time: visible pages first, largest visible part first, then the neighbours;
 * - so the number of live canvases never exceeds the visible pages plus `2 × buffer`.
 */
import type { PdfPageHandle } from '../pdf/engine.js';
import {
  cssRectToPdf,
  pageBoxSize,
  pdfRectToCss,
  PDF_TO_CSS_UNITS,
  type PageGeometry,
  type PdfRect,
} from '../pdf/geometry.js';
import { PageView } from './page-view.js';

/** A page's intrinsic shape, before zoom and view rotation. */
export interface PageShape {
  readonly view: [number, number, number, number];
  /** The page's own rotation (`/Rotate`). */
  readonly rotate: number;
  /** CSS pixels per user unit at 100 %: 96/72 × UserUnit for PDFs, 1 for images. */
  readonly unitScale: number;
  readonly yDown: boolean;
}

/** What the column shows: page shapes and, for PDFs, the pages to draw. */
export interface StackSource {
  readonly pageCount: number;
  readonly firstShape: PageShape;
  /** PDFs: the page to draw. Images: absent (the page is an `<img>`). */
  getPage?(pageNumber: number): Promise<PdfPageHandle>;
}

/** Options of a {@link PageStack}. */
export interface PageStackOptions {
  /** Pages kept drawn beyond the visible ones, on each side. */
  readonly buffer?: number;
  /** Accessible name of a page box. */
  readonly pageLabel: (page: number) => string;
  /** Called after the visible pages or the current page changed (at most once per frame). */
  readonly onViewChange: () => void;
  /** Called after a page was drawn. */
  readonly onPageRendered?: (page: number) => void;
  /** Called when drawing a page failed for a reason other than cancellation. */
  readonly onRenderError?: (page: number, error: unknown) => void;
}

/** A visible page and how much of it shows. */
export interface VisiblePage {
  readonly page: number;
  /** Visible part of the page box, CSS pixels relative to the box. */
  readonly rect: DOMRect;
}

/** A point of a page, as fractions of its box (see {@link PageStack.pointAnchor}). */
export interface PointAnchor {
  readonly page: number;
  readonly fx: number;
  readonly fy: number;
}

/** The shape of a PDF page handle. */
export function shapeOf(page: PdfPageHandle): PageShape {
  return { view: page.view, rotate: page.rotate, unitScale: PDF_TO_CSS_UNITS * page.userUnit, yDown: false };
}

export class PageStack {
  readonly #scroller: HTMLElement;
  readonly #column: HTMLElement;
  readonly #options: PageStackOptions;
  readonly #buffer: number;
  #source: StackSource | undefined;
  #shapes: PageShape[] = [];
  #views: PageView[] = [];
  #zoom = 1;
  #rotation = 0;
  #visible: VisiblePage[] = [];
  #current = 1;
  /** Single-page layout: only page `#current` is in the column. */
  #single = false;
  #frame = 0;
  #rendering = false;
  #destroyed = false;
  readonly #live = new Set<PageView>();
  /** Pages whose drawing failed; not retried until the source changes. */
  readonly #failed = new Set<number>();
  readonly #onScroll = () => this.schedule();

  constructor(scroller: HTMLElement, column: HTMLElement, options: PageStackOptions) {
    this.#scroller = scroller;
    this.#column = column;
    this.#options = options;
    this.#buffer = options.buffer ?? 2;
    scroller.addEventListener('scroll', this.#onScroll, { passive: true });
  }

  /** The page views (index = page − 1). */
  get views(): readonly PageView[] {
    return this.#views;
  }

  /** Pages that hold a canvas right now. */
  get liveCanvasCount(): number {
    let count = 0;
    for (const view of this.#live) if (view.hasCanvas) count++;
    return count;
  }

  get visible(): readonly VisiblePage[] {
    return this.#visible;
  }

  /** The page most of the viewport shows. */
  get currentPage(): number {
    return this.#current;
  }

  /** Shows `source`, replacing what was shown. */
  setSource(source: StackSource | undefined): void {
    for (const view of this.#views) view.destroy();
    this.#live.clear();
    this.#views = [];
    this.#visible = [];
    this.#current = 1;
    this.#failed.clear();
    this.#source = source;
    if (!source) return;
    this.#shapes = Array.from({ length: source.pageCount }, () => source.firstShape);
    const fragment = document.createDocumentFragment();
    for (let n = 1; n <= source.pageCount; n++) {
      const view = new PageView(n, this.#geometry(n), this.#options.pageLabel(n));
      view.element.hidden = this.#single && n !== 1;
      this.#views.push(view);
      fragment.append(view.element);
    }
    this.#column.replaceChildren(fragment);
    this.schedule();
  }

  /** Corrects a page's shape once read from the file. */
  setShape(page: number, shape: PageShape): void {
    const old = this.#shapes[page - 1];
    if (!old || (old.view.join() === shape.view.join() && old.rotate === shape.rotate && old.unitScale === shape.unitScale)) {
      return;
    }
    this.#shapes[page - 1] = shape;
    const view = this.#views[page - 1];
    if (!view) return;
    // A page above the viewport that changes height would push what is shown; move the scroll
    // position by the same amount (the viewport has `overflow-anchor: none`, this is the anchor).
    const element = view.element;
    const before = element.offsetHeight;
    const above = element.offsetTop + before <= this.#scroller.scrollTop;
    view.layout(this.#geometry(page));
    if (above) this.#scroller.scrollTop += element.offsetHeight - before;
    this.schedule();
  }

  /** The shape of `page` as currently known. */
  shape(page: number): PageShape | undefined {
    return this.#shapes[page - 1];
  }

  /** The geometry `page` is shown with. */
  geometry(page: number): PageGeometry | undefined {
    return this.#views[page - 1]?.geometry;
  }

  #geometry(page: number): PageGeometry {
    const shape = this.#shapes[page - 1] ?? this.#source!.firstShape;
    return {
      view: shape.view,
      scale: this.#zoom * shape.unitScale,
      rotation: (shape.rotate + this.#rotation) % 360,
      yDown: shape.yDown,
    };
  }

  /**
   * Zoom factor (1 = 100 %) that makes `page` fit the viewport's width (`width`) or all of it
   * (`page`), leaving `margin` CSS pixels around.
   */
  fitZoom(mode: 'width' | 'page', page: number, margin: number): number {
    const shape = this.#shapes[page - 1];
    if (!shape) return 1;
    const box = pageBoxSize({ view: shape.view, scale: shape.unitScale, rotation: shape.rotate + this.#rotation });
    const width = Math.max(50, this.#scroller.clientWidth - 2 * margin);
    const height = Math.max(50, this.#scroller.clientHeight - 2 * margin);
    const byWidth = width / box.width;
    return mode === 'width' ? byWidth : Math.min(byWidth, height / box.height);
  }

  /** Sets zoom and view rotation, keeping the same spot of the current page at the top. */
  setView(zoom: number, rotation: number): void {
    if (zoom === this.#zoom && rotation === this.#rotation) return;
    const anchor = this.#anchor();
    this.#zoom = zoom;
    this.#rotation = rotation;
    this.#views.forEach((view, index) => view.layout(this.#geometry(index + 1)));
    if (anchor) {
      const view = this.#views[anchor.page - 1];
      if (view) this.#scroller.scrollTop = view.element.offsetTop + anchor.fraction * view.element.offsetHeight;
    }
    this.schedule();
  }

  #anchor(): { page: number; fraction: number } | undefined {
    const view = this.#views[this.#current - 1];
    if (!view || view.element.offsetHeight === 0) return undefined;
    const fraction = (this.#scroller.scrollTop - view.element.offsetTop) / view.element.offsetHeight;
    return { page: this.#current, fraction: Math.max(0, Math.min(1, fraction)) };
  }

  /**
   * Where the point `x`, `y` (CSS pixels from the scroller's top-left corner, as shown) lies: the
   * visible page nearest to it and the point's position as fractions of that page's box.
   */
  pointAnchor(x: number, y: number): PointAnchor | undefined {
    const cx = this.#scroller.scrollLeft + x;
    const cy = this.#scroller.scrollTop + y;
    let best: { view: PageView; distance: number } | undefined;
    for (const { page } of this.#visible) {
      const view = this.#views[page - 1];
      if (!view) continue;
      const el = view.element;
      const distance = cy < el.offsetTop ? el.offsetTop - cy : Math.max(0, cy - el.offsetTop - el.offsetHeight);
      if (!best || distance < best.distance) best = { view, distance };
    }
    const el = best?.view.element;
    if (!best || !el || el.offsetWidth === 0 || el.offsetHeight === 0) return undefined;
    return { page: best.view.pageNumber, fx: (cx - el.offsetLeft) / el.offsetWidth, fy: (cy - el.offsetTop) / el.offsetHeight };
  }

  /** Scrolls so that `anchor` (from {@link pointAnchor}) is at `x`, `y` again, after a zoom. */
  restorePointAnchor(anchor: PointAnchor, x: number, y: number): void {
    const el = this.#views[anchor.page - 1]?.element;
    if (!el) return;
    this.#scroller.scrollLeft = el.offsetLeft + anchor.fx * el.offsetWidth - x;
    this.#scroller.scrollTop = el.offsetTop + anchor.fy * el.offsetHeight - y;
    this.schedule();
  }

  /** Whether only the current page is shown (single-page layout) rather than all of them in a column. */
  get single(): boolean {
    return this.#single;
  }

  /** Switches between the continuous column and the single-page layout, staying on the current page. */
  setSingle(single: boolean): void {
    if (single === this.#single) return;
    const page = this.#current;
    this.#single = single;
    this.#views.forEach((view) => (view.element.hidden = single && view.pageNumber !== page));
    this.scrollToPage(page);
  }

  /**
   * In the single-page layout, the page `key` turns to: Page Down at the bottom of the page and
   * Page Up at its top turn it, Home and End go to the first and last page. `undefined` otherwise
   * (the key scrolls as usual).
   */
  pageKeyTarget(key: string): number | undefined {
    if (!this.#single) return undefined;
    const scroller = this.#scroller;
    const atTop = scroller.scrollTop <= 1;
    const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
    let target: number | undefined;
    if (key === 'PageDown' && atBottom) target = this.#current + 1;
    else if (key === 'PageUp' && atTop) target = this.#current - 1;
    else if (key === 'Home') target = 1;
    else if (key === 'End') target = this.#views.length;
    return target !== undefined && target >= 1 && target <= this.#views.length && target !== this.#current ? target : undefined;
  }

  /** In the single-page layout, makes `page` the one shown. */
  #show(page: number): void {
    if (!this.#single || page === this.#current) return;
    const old = this.#views[this.#current - 1];
    if (old) old.element.hidden = true;
    const view = this.#views[page - 1];
    if (view) view.element.hidden = false;
    this.#current = page;
  }

  /** Scrolls `page` to the top of the viewport (in the single-page layout, shows it). */
  scrollToPage(page: number): void {
    const view = this.#views[page - 1];
    if (!view) return;
    this.#show(page);
    this.#scroller.scrollTop = view.element.offsetTop - 8;
    this.update();
  }

  /** Scrolls so that `rect` (PDF user space of `page`) is at the top, horizontally centred. */
  scrollToRegion(page: number, rect: PdfRect): void {
    const view = this.#views[page - 1];
    if (!view) return;
    this.#show(page);
    const css = pdfRectToCss(view.geometry, rect);
    this.#scroller.scrollTop = view.element.offsetTop + css.top - 8;
    const centre = view.element.offsetLeft + css.left + css.width / 2;
    this.#scroller.scrollLeft = centre - this.#scroller.clientWidth / 2;
    this.update();
  }

  /** The visible part of the current page, in its PDF user space. */
  visibleRegion(): { page: number; rect: [number, number, number, number] } | undefined {
    const entry = this.#visible.find((v) => v.page === this.#current);
    const view = this.#views[this.#current - 1];
    if (!entry || !view) return undefined;
    const { x, y, width, height } = entry.rect;
    return { page: this.#current, rect: cssRectToPdf(view.geometry, { left: x, top: y, width, height }) };
  }

  /** Asks for an `update()` before the next frame. */
  schedule(): void {
    if (this.#frame || this.#destroyed) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.update();
    });
  }

  /** Recomputes the visible pages, evicts far pages, and draws what is missing. */
  update(): void {
    if (this.#destroyed) return;
    const visible = this.#computeVisible();
    const before = this.#visible.map((v) => v.page).join();
    const previous = this.#current;
    this.#visible = visible;
    if (visible.length > 0) {
      let best = visible[0]!;
      for (const entry of visible) if (entry.rect.height > best.rect.height + 0.5) best = entry;
      this.#current = best.page;
    }
    this.#evict();
    this.#pump();
    if (before !== visible.map((v) => v.page).join() || previous !== this.#current || visible.length > 0) {
      this.#options.onViewChange();
    }
  }

  #computeVisible(): VisiblePage[] {
    const views = this.#views;
    if (views.length === 0) return [];
    const top = this.#scroller.scrollTop;
    const bottom = top + this.#scroller.clientHeight;
    const left = this.#scroller.scrollLeft;
    const right = left + this.#scroller.clientWidth;
    // Binary search for the first page whose bottom is below the viewport's top (single-page
    // layout: the one page shown).
    let lo = this.#single ? Math.min(views.length - 1, this.#current - 1) : 0;
    let hi = this.#single ? lo : views.length - 1;
    const end = this.#single ? lo + 1 : views.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const el = views[mid]!.element;
      if (el.offsetTop + el.offsetHeight <= top) lo = mid + 1;
      else hi = mid;
    }
    const out: VisiblePage[] = [];
    for (let i = lo; i < end; i++) {
      const el = views[i]!.element;
      const elTop = el.offsetTop;
      if (elTop >= bottom) break;
      const elLeft = el.offsetLeft;
      const y1 = Math.max(top, elTop) - elTop;
      const y2 = Math.min(bottom, elTop + el.offsetHeight) - elTop;
      const x1 = Math.max(left, elLeft) - elLeft;
      const x2 = Math.min(right, elLeft + el.offsetWidth) - elLeft;
      if (y2 <= y1 || x2 <= x1) continue;
      out.push({ page: i + 1, rect: new DOMRect(x1, y1, x2 - x1, y2 - y1) });
    }
    return out;
  }

  #keepRange(): [number, number] {
    if (this.#visible.length === 0) return [this.#current, this.#current];
    const first = this.#visible[0]!.page;
    const last = this.#visible[this.#visible.length - 1]!.page;
    return [Math.max(1, first - this.#buffer), Math.min(this.#views.length, last + this.#buffer)];
  }

  #evict(): void {
    const [from, to] = this.#keepRange();
    for (const view of [...this.#live]) {
      if (view.pageNumber < from || view.pageNumber > to) {
        view.evict();
        this.#live.delete(view);
      }
    }
  }

  /** The next page to draw: visible ones by visible size, then the buffer nearest first. */
  #next(): PageView | undefined {
    const needs = (page: number) => {
      const view = this.#views[page - 1];
      return view && !view.isCurrent && !view.isRendering && !this.#failed.has(page) ? view : undefined;
    };
    const byArea = [...this.#visible].sort((a, b) => b.rect.width * b.rect.height - a.rect.width * a.rect.height);
    for (const entry of byArea) {
      const view = needs(entry.page);
      if (view) return view;
    }
    if (this.#visible.length === 0) return undefined;
    const first = this.#visible[0]!.page;
    const last = this.#visible[this.#visible.length - 1]!.page;
    for (let d = 1; d <= this.#buffer; d++) {
      const view = needs(last + d) ?? needs(first - d);
      if (view) return view;
    }
    return undefined;
  }

  #pump(): void {
    const source = this.#source;
    if (this.#rendering || !source?.getPage) return;
    const view = this.#next();
    if (!view) return;
    this.#rendering = true;
    this.#live.add(view);
    const deviceScale = window.devicePixelRatio || 1;
    void source
      .getPage(view.pageNumber)
      .then((page) => {
        this.setShape(view.pageNumber, shapeOf(page));
        const [from, to] = this.#keepRange();
        if (this.#source !== source || view.pageNumber < from || view.pageNumber > to) return false;
        return view.render(page, deviceScale);
      })
      .then((drawn) => {
        if (drawn) this.#options.onPageRendered?.(view.pageNumber);
      })
      .catch((error: unknown) => {
        if (this.#source !== source) return; // the document was closed under the render
        this.#failed.add(view.pageNumber);
        this.#options.onRenderError?.(view.pageNumber, error);
      })
      .finally(() => {
        this.#rendering = false;
        if (this.#source === source) {
          this.#evict();
          this.#pump();
        }
      });
  }

  /** Stops listening and frees every page. */
  destroy(): void {
    this.#destroyed = true;
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#scroller.removeEventListener('scroll', this.#onScroll);
    this.setSource(undefined);
  }
}
