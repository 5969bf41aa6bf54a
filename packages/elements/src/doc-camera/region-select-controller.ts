/**
 * Choosing a region of the stage by dragging: a crop at the source (mapped back through the
 * rotation and mirror to the camera frame) or a zoom region at a viewer. A reactive controller:
 * the host renders `drag` as a rectangle and forwards the stage's pointer events.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { containedRect, type Crop } from './transform.js';

/** Options of a {@link RegionSelectController}. */
export interface RegionSelectOptions {
  /** The picture's intrinsic size (for a crop, which is chosen on the contained picture). */
  mediaSize(): { width: number; height: number } | undefined;
  /** Called with the chosen region as fractions of the picture (crop) or of the stage (zoom). */
  onSelect(mode: 'crop' | 'zoom', region: Crop): void;
}

/** The drag in progress, in stage pixels. */
export interface Drag {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export class RegionSelectController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: RegionSelectOptions;
  #mode: 'crop' | 'zoom' | undefined;
  #drag: Drag | undefined;

  constructor(host: ReactiveControllerHost, options: RegionSelectOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** What is being chosen, if anything. */
  get mode(): 'crop' | 'zoom' | undefined {
    return this.#mode;
  }
  /** The rectangle being dragged. */
  get drag(): Drag | undefined {
    return this.#drag;
  }

  /** Starts (or, when already choosing the same, stops) choosing a region. */
  toggle(mode: 'crop' | 'zoom'): void {
    this.#mode = this.#mode === mode ? undefined : mode;
    this.#drag = undefined;
    this.#host.requestUpdate();
  }

  /** Stops choosing. Returns false when nothing was being chosen. */
  cancel(): boolean {
    if (!this.#mode) return false;
    this.#mode = undefined;
    this.#drag = undefined;
    this.#host.requestUpdate();
    return true;
  }

  pointerDown(e: PointerEvent, stage: HTMLElement): void {
    if (!this.#mode) return;
    const box = stage.getBoundingClientRect();
    stage.setPointerCapture?.(e.pointerId);
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    this.#drag = { x0: x, y0: y, x1: x, y1: y };
    this.#host.requestUpdate();
  }

  pointerMove(e: PointerEvent, stage: HTMLElement): void {
    if (!this.#drag) return;
    const box = stage.getBoundingClientRect();
    this.#drag = { ...this.#drag, x1: e.clientX - box.left, y1: e.clientY - box.top };
    this.#host.requestUpdate();
  }

  pointerUp(stage: HTMLElement): void {
    const drag = this.#drag;
    const mode = this.#mode;
    this.#drag = undefined;
    this.#mode = undefined;
    this.#host.requestUpdate();
    if (!drag || !mode) return;
    const box = stage.getBoundingClientRect();
    let area = { x: 0, y: 0, width: box.width, height: box.height };
    const media = mode === 'crop' ? this.#options.mediaSize() : undefined;
    if (media) area = containedRect(box.width, box.height, media.width, media.height);
    const fx = (px: number) => (px - area.x) / area.width;
    const fy = (py: number) => (py - area.y) / area.height;
    const region = {
      x: Math.max(0, Math.min(fx(drag.x0), fx(drag.x1))),
      y: Math.max(0, Math.min(fy(drag.y0), fy(drag.y1))),
      width: Math.abs(fx(drag.x1) - fx(drag.x0)),
      height: Math.abs(fy(drag.y1) - fy(drag.y0)),
    };
    if (region.width < 0.02 || region.height < 0.02) return;
    this.#options.onSelect(mode, region);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#mode = undefined;
    this.#drag = undefined;
  }
}
