/**
 * Two-finger pinch on the viewport, from Pointer Events (touch pens and mice never pinch): while
 * two pointers are down, each move reports the zoom ratio since the last move and the pinch
 * centre in the viewport's client coordinates. The viewport has `touch-action: pan-x pan-y`, so
 * the browser still scrolls with one finger but leaves the pinch to us.
 */

/** Called on each move of a pinch: multiply the zoom by `ratio`, keeping the point at `x`, `y` (client pixels) still. */
export type PinchHandler = (ratio: number, x: number, y: number) => void;

interface Point {
  x: number;
  y: number;
}

export class PinchTracker {
  readonly #target: HTMLElement;
  readonly #onPinch: PinchHandler;
  readonly #pointers = new Map<number, Point>();
  #distance = 0;

  constructor(target: HTMLElement, onPinch: PinchHandler) {
    this.#target = target;
    this.#onPinch = onPinch;
    target.addEventListener('pointerdown', this.#down);
    target.addEventListener('pointermove', this.#move);
    target.addEventListener('pointerup', this.#up);
    target.addEventListener('pointercancel', this.#up);
    target.addEventListener('lostpointercapture', this.#up);
  }

  /** Whether a pinch is in progress. */
  get pinching(): boolean {
    return this.#pointers.size === 2;
  }

  #spread(): { distance: number; centre: Point } {
    const [a, b] = [...this.#pointers.values()] as [Point, Point];
    return { distance: Math.hypot(a.x - b.x, a.y - b.y), centre: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
  }

  readonly #down = (event: PointerEvent): void => {
    if (event.pointerType !== 'touch' || this.#pointers.size >= 2) return;
    this.#pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    try {
      this.#target.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic or already-ended pointers cannot be captured; the pinch still works.
    }
    if (this.#pointers.size === 2) this.#distance = this.#spread().distance;
  };

  readonly #move = (event: PointerEvent): void => {
    const point = this.#pointers.get(event.pointerId);
    if (!point) return;
    point.x = event.clientX;
    point.y = event.clientY;
    if (this.#pointers.size !== 2) return;
    event.preventDefault();
    const { distance, centre } = this.#spread();
    if (this.#distance > 0 && distance > 0) {
      const ratio = distance / this.#distance;
      if (Math.abs(ratio - 1) > 1e-3) {
        this.#distance = distance;
        this.#onPinch(ratio, centre.x, centre.y);
      }
    } else {
      this.#distance = distance;
    }
  };

  readonly #up = (event: PointerEvent): void => {
    this.#pointers.delete(event.pointerId);
    this.#distance = 0;
  };

  /** Stops listening. */
  destroy(): void {
    const target = this.#target;
    target.removeEventListener('pointerdown', this.#down);
    target.removeEventListener('pointermove', this.#move);
    target.removeEventListener('pointerup', this.#up);
    target.removeEventListener('pointercancel', this.#up);
    target.removeEventListener('lostpointercapture', this.#up);
    this.#pointers.clear();
  }
}
