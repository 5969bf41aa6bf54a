/**
 * One page's annotation overlay: a plain object (like the viewer's `PageView`) owning what the
 * layer puts over one page box — two canvases and a small shadow tree for the focusable and
 * floating parts.
 *
 * How to think about it: the *marks* canvas holds the stored annotations and changes only when
 * they or the page geometry change; a remote edit clears and repaints just the region it touched
 * (culled by bounds: a mark outside the region is not even looked at twice). The *live* canvas
 * holds what moves every frame — the stroke being drawn, a mark being dragged, peers' strokes
 * in progress, the selection frame — and is cheap to repaint whole. Both are sized to the page
 * box (capped like the viewer's page canvas) and stretched by CSS between zoom and repaint.
 *
 * Big repaints (after a zoom or rotation, or a region coming into view) are *jobs*: drawn into an
 * offscreen canvas a slice at a time (`step(budget)`, a few milliseconds per frame, so no long
 * task), then swapped in or copied over in one go — as the viewer keeps the stretched page canvas
 * until the sharp one is ready. Marks that change meanwhile are repainted after the job lands.
 */
import { adoptStyles, type CSSResultGroup } from 'lit';
import type { Annotation, Rect } from '@huishen/model';
import { pageBoxSize, pdfRectToCss, type PageGeometry } from '../pdf/geometry.js';
import { paintAnnotations, type PaintOptions } from './paint.js';
import { annotationBounds, intersects } from './tools.js';

/** Largest overlay canvas, in device pixels (as the viewer's page canvas). */
const MAX_CANVAS_PIXELS = 4096 * 4096;

function geometryKey(g: PageGeometry): string {
  return `${g.view.join()}|${g.scale}|${g.rotation % 360}|${g.yDown ? 1 : 0}`;
}

export class PageOverlay {
  readonly page: number;
  /** The overlay's root: absolutely positioned over the page box. */
  readonly element: HTMLDivElement;
  /** The shadow tree the layer renders the focusable and floating parts into. */
  readonly ui: HTMLDivElement;
  #marks: HTMLCanvasElement;
  readonly #live: HTMLCanvasElement;
  #job: PaintJob | undefined;
  #liveBlank = true;
  #liveKey = '';
  /** Regions changed while a job was drawing: repainted when it lands. */
  #queued: Rect[] = [];
  #geometry: PageGeometry | undefined;
  #key = '';
  #deviceScale = 1;
  #paintedScale = 1;
  /** Marks left out (being dragged). */
  #hidden = new Set<string>();
  /** The user-space region known to be fully painted since the last clear. */
  #painted: Rect | undefined;

  constructor(page: number, styles: CSSResultGroup) {
    this.page = page;
    const element = document.createElement('div');
    element.className = 'hs-annotation-page';
    element.dataset['page'] = String(page);
    element.style.position = 'absolute';
    element.style.inset = '0';
    const root = element.attachShadow({ mode: 'open' });
    adoptStyles(root, [styles].flat() as Parameters<typeof adoptStyles>[1]);
    this.#marks = document.createElement('canvas');
    this.#marks.className = 'marks';
    this.#marks.setAttribute('aria-hidden', 'true');
    this.#live = document.createElement('canvas');
    this.#live.className = 'live';
    this.#live.setAttribute('aria-hidden', 'true');
    this.#live.hidden = true;
    this.ui = document.createElement('div');
    this.ui.className = 'ui';
    root.append(this.#marks, this.#live, this.ui);
    this.element = element;
  }

  /** The geometry last painted with. */
  get geometry(): PageGeometry | undefined {
    return this.#geometry;
  }

  /** The marks canvas (for tests and the callout magnifier). */
  get marksCanvas(): HTMLCanvasElement {
    return this.#marks;
  }

  /** The live canvas (for tests). */
  get liveCanvas(): HTMLCanvasElement {
    return this.#live;
  }

  /** Puts the overlay into `container` (the page's annotation layer) if it is not there yet. */
  mount(container: Element): void {
    if (this.element.parentNode !== container) container.append(this.element);
  }

  /** Takes the overlay out of the page and frees its canvases. */
  destroy(): void {
    for (const canvas of [this.#marks, this.#live]) {
      canvas.width = 0;
      canvas.height = 0;
    }
    this.element.remove();
  }

  /** True when `geometry` differs from the one painted with (zoom, rotation, page size). */
  needsFullPaint(geometry: PageGeometry, deviceScale: number): boolean {
    return geometryKey(geometry) !== this.#key || deviceScale !== this.#deviceScale;
  }

  #size(canvas: HTMLCanvasElement, geometry: PageGeometry, deviceScale: number): number {
    const box = pageBoxSize(geometry);
    const scale = Math.max(0.1, Math.min(deviceScale, Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, box.width * box.height))));
    const width = Math.max(1, Math.ceil(box.width * scale));
    const height = Math.max(1, Math.ceil(box.height * scale));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    return scale;
  }

  /**
   * Brings the marks canvas up to date. Only what can be seen is drawn: after a zoom or rotation
   * the `visible` part of the page (user space, with a margin) is painted afresh; panning paints
   * what comes into view; `dirty` regions (marks that changed) are cleared and repainted wherever
   * they are. Pixels outside the painted region are therefore either right or blank, never
   * stale. `hidden` marks (being dragged) are left out. Big repaints become a job that
   * {@link step} draws; `annotations` is read again when it lands.
   */
  paint(
    annotations: () => readonly Annotation[],
    geometry: PageGeometry,
    deviceScale: number,
    dirty: Rect | 'all' | undefined,
    visible: Rect,
    hidden: ReadonlySet<string> = new Set(),
  ): void {
    const hiddenChanged = !setsEqual(hidden, this.#hidden);
    const full = dirty === 'all' || this.needsFullPaint(geometry, deviceScale) || hiddenChanged;
    this.#geometry = geometry;
    this.#hidden = new Set(hidden);
    const region = expand(visible);
    if (full) {
      this.#key = geometryKey(geometry);
      this.#deviceScale = deviceScale;
      const canvas = document.createElement('canvas');
      canvas.className = 'marks';
      canvas.setAttribute('aria-hidden', 'true');
      const scale = this.#size(canvas, geometry, deviceScale);
      this.#start({ target: 'swap', canvas, scale, geometry, region, list: this.#pick(annotations(), region), index: 0, source: annotations });
      this.#queued = [];
      return;
    }
    if (dirty) {
      if (this.#job) this.#queued.push(dirty);
      else this.#paintRegion(this.#marks, annotations(), geometry, this.#paintedScale, dirty);
    }
    const covered = this.#job ? this.#job.region : this.#painted;
    if (!covered || !contains(covered, visible)) {
      if (this.#job?.target === 'swap') return; // the landing job will be checked again next frame
      const css = pdfRectToCss(geometry, region);
      const s = this.#paintedScale;
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.ceil(css.width * s) + 4);
      canvas.height = Math.max(1, Math.ceil(css.height * s) + 4);
      this.#start({ target: 'copy', canvas, scale: s, geometry, region, list: this.#pick(annotations(), region), index: 0, source: annotations });
    }
  }

  /** Whether a job is waiting to be drawn. */
  get pending(): boolean {
    return this.#job !== undefined;
  }

  #pick(annotations: readonly Annotation[], region: Rect): Annotation[] {
    const hidden = this.#hidden;
    return annotations.filter((a) => !hidden.has(a.id) && intersects(annotationBounds(a), region));
  }

  #start(job: PaintJob): void {
    this.#job = job;
    const ctx = job.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, job.canvas.width, job.canvas.height);
  }

  /**
   * Draws the pending job for about `budget` milliseconds (`Infinity`: to the end); lands it when
   * done. Returns whether work remains.
   */
  step(budget: number, options: Omit<PaintOptions, 'deviceScale'>): boolean {
    const job = this.#job;
    if (!job) return false;
    const ctx = job.canvas.getContext('2d');
    if (!ctx) {
      this.#job = undefined;
      return false;
    }
    const end = performance.now() + budget;
    ctx.save();
    if (job.target === 'copy') {
      // The offscreen canvas holds just the region: shift the page box so the region's corner is at 0,0.
      const css = pdfRectToCss(job.geometry, job.region);
      ctx.setTransform(1, 0, 0, 1, -(Math.floor(css.left * job.scale) - 2), -(Math.floor(css.top * job.scale) - 2));
    }
    while (job.index < job.list.length) {
      const slice = job.list.slice(job.index, job.index + SLICE);
      job.index += slice.length;
      paintAnnotations(ctx, slice, job.geometry, { ...options, deviceScale: job.scale });
      if (performance.now() >= end) break;
    }
    ctx.restore();
    if (job.index < job.list.length) return true;
    this.#job = undefined;
    this.#land(job, options);
    return false;
  }

  #land(job: PaintJob, options: Omit<PaintOptions, 'deviceScale'>): void {
    if (job.target === 'swap') {
      const old = this.#marks;
      old.replaceWith(job.canvas);
      old.width = 0;
      old.height = 0;
      this.#marks = job.canvas;
      this.#paintedScale = job.scale;
      this.#painted = job.region;
    } else {
      const ctx = this.#marks.getContext('2d');
      if (!ctx) return;
      const css = pdfRectToCss(job.geometry, job.region);
      const x = Math.floor(css.left * job.scale) - 2;
      const y = Math.floor(css.top * job.scale) - 2;
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(x, y, job.canvas.width, job.canvas.height);
      ctx.drawImage(job.canvas, x, y);
      ctx.restore();
      job.canvas.width = 0;
      job.canvas.height = 0;
      this.#painted = job.region;
    }
    // What changed while the job drew (it drew from a snapshot) is painted from the marks of now.
    const queued = this.#queued;
    this.#queued = [];
    if (queued.length > 0) {
      const now = job.source();
      for (const region of queued) this.#paintRegion(this.#marks, now, job.geometry, this.#paintedScale, region, options);
    }
  }

  /** Clears `region` (user space) of `canvas` and paints the marks that touch it, clipped to it. */
  #paintRegion(canvas: HTMLCanvasElement, annotations: readonly Annotation[], geometry: PageGeometry, scale: number, region: Rect, options: Omit<PaintOptions, 'deviceScale'> = this.#options): void {
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const css = pdfRectToCss(geometry, region);
    const x = Math.floor(css.left * scale) - 2;
    const y = Math.floor(css.top * scale) - 2;
    const w = Math.ceil(css.width * scale) + 4;
    const h = Math.ceil(css.height * scale) + 4;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(x, y, w, h);
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    paintAnnotations(ctx, this.#pick(annotations, region), geometry, { ...options, deviceScale: scale });
    ctx.restore();
  }

  /** Paint options for repaints outside a step (the stamp labels of the reader's language). */
  #options: Omit<PaintOptions, 'deviceScale'> = {};

  /** Sets the paint options used by region repaints. */
  setOptions(options: Omit<PaintOptions, 'deviceScale'>): void {
    this.#options = options;
  }

  /** Marks left out of the last paint (being dragged). */
  get hidden(): ReadonlySet<string> {
    return this.#hidden;
  }

  /**
   * Repaints the live canvas: `draw` gets a context whose transform already maps CSS pixels of the
   * page box (so it can call `paintAnnotations` with `deviceScale` 1, or draw frames in CSS px).
   */
  paintLive(geometry: PageGeometry, deviceScale: number, draw: ((ctx: CanvasRenderingContext2D) => void) | undefined): void {
    const ctx = this.#live.getContext('2d');
    if (!ctx) return;
    const sizeChanged = this.#liveKey !== geometryKey(geometry) + deviceScale;
    // Nothing was drawn and nothing is to be drawn: skip clearing a page-sized canvas.
    if (!draw && this.#liveBlank && !sizeChanged) return;
    this.#liveKey = geometryKey(geometry) + deviceScale;
    const scale = this.#size(this.#live, geometry, deviceScale);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.#live.width, this.#live.height);
    this.#liveBlank = !draw;
    // A blank page-sized canvas still costs compositing every frame: take it out while blank.
    this.#live.hidden = !draw;
    if (!draw) return;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    draw(ctx);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** Sets whether the overlay takes pointer input itself (drawing tools) or lets it through to the text. */
  setCapturing(capturing: boolean): void {
    this.element.style.pointerEvents = capturing ? 'auto' : 'none';
    this.element.style.touchAction = capturing ? 'none' : '';
    this.element.toggleAttribute('data-capturing', capturing);
  }
}

/** Marks drawn between two looks at the clock in {@link PageOverlay.step}. */
const SLICE = 40;

/** A big repaint drawn a slice at a time into its own canvas. */
interface PaintJob {
  /** `swap`: a whole fresh page canvas replacing the current one; `copy`: one region copied over. */
  readonly target: 'swap' | 'copy';
  readonly canvas: HTMLCanvasElement;
  readonly scale: number;
  readonly geometry: PageGeometry;
  readonly region: Rect;
  readonly list: readonly Annotation[];
  index: number;
  /** The marks of the page now (read again when the job lands). */
  readonly source: () => readonly Annotation[];
}

/** A visible region widened by half its size on every side (so a little panning paints nothing). */
function expand([x1, y1, x2, y2]: Rect): Rect {
  const mx = (x2 - x1) / 2;
  const my = (y2 - y1) / 2;
  return [x1 - mx, y1 - my, x2 + mx, y2 + my];
}

function contains(outer: Rect, inner: Rect): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

function setsEqual(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
