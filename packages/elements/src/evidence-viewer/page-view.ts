/**
 * One page of the viewer: a plain object (not an element) that owns the page's box in the scroll
 * column and its layers, stacked in a fixed order:
 *
 *   canvas (or the image) → text layer → find highlights → annotation slot → presence slot
 *
 * The box always has the page's size at the current zoom and rotation, so the column's height and
 * the scroll position are right before anything is drawn. Pixels exist only while the page is
 * near the viewport: `render` draws into a fresh canvas and swaps it in when done (the old,
 * stretched canvas stays visible meanwhile, so zooming never flashes blank); `evict` cancels a
 * render in flight, drops the text layer and frees the canvas's memory.
 */
import type { PdfPageHandle } from '../pdf/engine.js';
import { pageBoxSize, rotationTransform, type PageGeometry } from '../pdf/geometry.js';
import type { FindMatch } from './find.js';

/** Largest canvas, in device pixels; larger pages render at a lower resolution, stretched. */
export const MAX_CANVAS_PIXELS = 4096 * 4096;

/** The slot names of a page's layers that other components fill (`annotations-page-3`). */
export function pageSlotName(layer: 'annotations' | 'presence', page: number): string {
  return `${layer}-page-${page}`;
}

function renderKey(geometry: PageGeometry): string {
  return `${geometry.scale.toFixed(6)}@${geometry.rotation % 360}`;
}

function releaseCanvas(canvas: HTMLCanvasElement): void {
  // Zero-sized canvases give their backing store back immediately (WebKit and Chromium keep it
  // until garbage collection otherwise).
  canvas.width = 0;
  canvas.height = 0;
  canvas.remove();
}

export class PageView {
  readonly pageNumber: number;
  /** The page's box: the element the scroll column lays out. */
  readonly element: HTMLDivElement;
  #geometry: PageGeometry;
  #canvas: HTMLCanvasElement | undefined;
  #image: HTMLImageElement | undefined;
  readonly #textLayer: HTMLDivElement;
  readonly #findLayer: HTMLDivElement;
  #textDivs: HTMLElement[] | undefined;
  #renderedKey: string | undefined;
  #abort: AbortController | undefined;
  #highlights: { matches: readonly FindMatch[]; selected: FindMatch | undefined } = { matches: [], selected: undefined };

  constructor(pageNumber: number, geometry: PageGeometry, label: string) {
    this.pageNumber = pageNumber;
    this.#geometry = geometry;
    const page = document.createElement('div');
    page.className = 'page';
    page.setAttribute('part', 'page');
    page.setAttribute('role', 'region');
    page.setAttribute('aria-label', label);
    page.dataset['page'] = String(pageNumber);
    this.#textLayer = document.createElement('div');
    this.#textLayer.className = 'text-layer';
    this.#textLayer.setAttribute('part', 'text-layer');
    this.#findLayer = document.createElement('div');
    this.#findLayer.className = 'find-layer';
    this.#findLayer.setAttribute('aria-hidden', 'true');
    page.append(this.#textLayer, this.#findLayer, slotLayer('annotation', 'annotations', pageNumber), slotLayer('presence', 'presence', pageNumber));
    this.element = page;
    this.layout(geometry);
  }

  /** How the page is shown now. */
  get geometry(): PageGeometry {
    return this.#geometry;
  }

  /** Whether the page holds a canvas (live pixels). */
  get hasCanvas(): boolean {
    return this.#canvas !== undefined;
  }

  /** Whether the canvas shows the current geometry (nothing left to render). */
  get isCurrent(): boolean {
    return this.#image !== undefined || (this.#canvas !== undefined && this.#renderedKey === renderKey(this.#geometry));
  }

  /** Whether a render is in flight. */
  get isRendering(): boolean {
    return this.#abort !== undefined;
  }

  /** The text layer's spans, one per text item, once built. */
  get textDivs(): readonly HTMLElement[] | undefined {
    return this.#textDivs;
  }

  /** Sizes the box and the layers for `geometry`; pixels already drawn are stretched until re-rendered. */
  layout(geometry: PageGeometry): void {
    const rotationChanged = geometry.rotation % 360 !== this.#geometry.rotation % 360;
    this.#geometry = geometry;
    const box = pageBoxSize(geometry);
    const style = this.element.style;
    style.width = `${box.width}px`;
    style.height = `${box.height}px`;
    style.setProperty('--hs-page-scale', String(geometry.scale));
    style.setProperty('--hs-page-rotation', `${geometry.rotation % 360}deg`);
    const [x1, y1, x2, y2] = geometry.view;
    const unrotated = { width: Math.abs(x2 - x1) * geometry.scale, height: Math.abs(y2 - y1) * geometry.scale };
    const layers: HTMLElement[] = this.#image ? [this.#textLayer, this.#image] : [this.#textLayer];
    for (const layer of layers) {
      layer.style.width = `${unrotated.width}px`;
      layer.style.height = `${unrotated.height}px`;
      layer.style.transform = rotationTransform(geometry.rotation);
    }
    this.#textLayer.style.setProperty('--scale-factor', String(geometry.scale));
    this.#textLayer.style.setProperty('--total-scale-factor', String(geometry.scale));
    if (rotationChanged) this.#drawHighlights();
  }

  /** Shows an image (the one page of an image evidence item). */
  showImage(url: string, alt: string): void {
    const image = document.createElement('img');
    image.className = 'image';
    image.setAttribute('part', 'image');
    image.alt = alt;
    image.src = url;
    image.draggable = false;
    this.#image = image;
    this.element.prepend(image);
    this.layout(this.#geometry);
  }

  /**
   * Draws the page for the current geometry, then builds its text layer once. Resolves `false`
   * when cancelled (by `evict`, or a newer `render`).
   */
  async render(page: PdfPageHandle, deviceScale: number): Promise<boolean> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const geometry = this.#geometry;
    const key = renderKey(geometry);
    const viewport = page.viewport(geometry.scale, geometry.rotation);
    const cssPixels = viewport.width * viewport.height;
    const outputScale = Math.max(0.1, Math.min(deviceScale, Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, cssPixels))));
    const canvas = document.createElement('canvas');
    canvas.className = 'canvas';
    canvas.setAttribute('part', 'canvas');
    canvas.setAttribute('aria-hidden', 'true');
    canvas.width = Math.max(1, Math.floor(viewport.width * outputScale));
    canvas.height = Math.max(1, Math.floor(viewport.height * outputScale));
    try {
      await page.render(canvas, viewport, outputScale, abort.signal);
    } catch (error) {
      releaseCanvas(canvas);
      if (this.#abort === abort) this.#abort = undefined;
      if ((error as { name?: unknown })?.name === 'AbortError') return false;
      throw error;
    }
    if (abort.signal.aborted) {
      releaseCanvas(canvas);
      return false;
    }
    if (this.#canvas) releaseCanvas(this.#canvas);
    this.#canvas = canvas;
    this.#renderedKey = key;
    this.element.prepend(canvas);
    this.element.dataset['rendered'] = '';
    if (!this.#textDivs) {
      try {
        const divs = await page.textLayer(this.#textLayer, viewport, abort.signal);
        if (abort.signal.aborted) return false;
        this.#textDivs = divs;
        this.layout(this.#geometry); // pdf.js sized the layer its own way; size it ours
        this.#drawHighlights();
      } catch (error) {
        if ((error as { name?: unknown })?.name !== 'AbortError') console.warn('text layer failed', error);
      }
    }
    if (this.#abort === abort) this.#abort = undefined;
    return true;
  }

  /** Cancels a render in flight and frees the canvas and the text layer. */
  evict(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    if (this.#canvas) releaseCanvas(this.#canvas);
    this.#canvas = undefined;
    this.#renderedKey = undefined;
    this.#textDivs = undefined;
    this.#textLayer.replaceChildren();
    this.#findLayer.replaceChildren();
    delete this.element.dataset['rendered'];
  }

  /** Removes the page for good. */
  destroy(): void {
    this.evict();
    this.#image?.remove();
    this.element.remove();
  }

  /** Marks find matches on this page; `selected` is the current one. */
  setHighlights(matches: readonly FindMatch[], selected: FindMatch | undefined): void {
    this.#highlights = { matches, selected };
    this.#drawHighlights();
  }

  /** The current match's box, relative to the page box, if it is drawn. */
  selectedHighlightRect(): DOMRect | undefined {
    const mark = this.#findLayer.querySelector<HTMLElement>('.selected');
    if (!mark) return undefined;
    const page = this.element.getBoundingClientRect();
    const rect = mark.getBoundingClientRect();
    return new DOMRect(rect.left - page.left, rect.top - page.top, rect.width, rect.height);
  }

  #drawHighlights(): void {
    const divs = this.#textDivs;
    this.#findLayer.replaceChildren();
    if (!divs || this.#highlights.matches.length === 0) return;
    const pageRect = this.element.getBoundingClientRect();
    if (pageRect.width === 0 || pageRect.height === 0) return;
    const range = document.createRange();
    for (const match of this.#highlights.matches) {
      const startNode = divs[match.start.item]?.firstChild;
      const endNode = divs[match.end.item]?.firstChild;
      if (!startNode || !endNode) continue;
      try {
        range.setStart(startNode, Math.min(match.start.offset, startNode.textContent?.length ?? 0));
        range.setEnd(endNode, Math.min(match.end.offset, endNode.textContent?.length ?? 0));
      } catch {
        continue;
      }
      const selected = match === this.#highlights.selected;
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width === 0 || rect.height === 0) continue;
        const mark = document.createElement('div');
        mark.className = selected ? 'highlight selected' : 'highlight';
        mark.setAttribute('part', selected ? 'find-highlight find-highlight-selected' : 'find-highlight');
        mark.style.left = `${((rect.left - pageRect.left) / pageRect.width) * 100}%`;
        mark.style.top = `${((rect.top - pageRect.top) / pageRect.height) * 100}%`;
        mark.style.width = `${(rect.width / pageRect.width) * 100}%`;
        mark.style.height = `${(rect.height / pageRect.height) * 100}%`;
        this.#findLayer.append(mark);
      }
    }
  }
}

/** A layer over the page holding the host's slot for it (`annotations-page-N`, `presence-page-N`). */
function slotLayer(layer: 'annotation' | 'presence', slot: 'annotations' | 'presence', pageNumber: number): HTMLDivElement {
  const div = document.createElement('div');
  div.className = `${layer}-layer`;
  div.setAttribute('part', `${layer}-layer`);
  const element = document.createElement('slot');
  element.name = pageSlotName(slot, pageNumber);
  div.append(element);
  return div;
}
