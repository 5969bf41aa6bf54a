/**
 * One page's presence overlay: a plain object owning a small shadow tree mounted into the
 * viewer's page box (its presence layer, above the annotations), where remote pointers and laser
 * trails of that page are drawn. Positions are percentages of the page box, so zooming needs no
 * redraw; the page geometry (rotation, MediaBox origin) is applied when the points are converted.
 */
import { adoptStyles, html, render, svg, type CSSResultGroup } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { pageBoxSize, pdfToCss, type PageGeometry } from '../pdf/geometry.js';
import { LASER_FADE_MS, type LaserPoint } from './laser-trails.js';

/** A remote pointer to draw on a page. */
export interface PointerView {
  readonly clientId: number;
  readonly x: number;
  readonly y: number;
  readonly color: string;
  /** "王芳 · 成员": name and role, in the reader's language. */
  readonly label: string;
}

/** A remote laser trail to draw on a page. */
export interface TrailView {
  readonly clientId: number;
  readonly points: readonly LaserPoint[];
}

const arrow = svg`<path d="M2 1 L2 15 L6 11.2 L9 17 L11.4 15.9 L8.6 10.2 L14 10.2 Z" />`;

export class PresenceOverlay {
  readonly page: number;
  readonly element: HTMLDivElement;
  readonly #root: ShadowRoot;

  constructor(page: number, styles: CSSResultGroup) {
    this.page = page;
    this.element = document.createElement('div');
    this.element.className = 'hs-presence-page';
    this.element.dataset['page'] = String(page);
    this.element.setAttribute('aria-hidden', 'true');
    Object.assign(this.element.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });
    this.#root = this.element.attachShadow({ mode: 'open' });
    adoptStyles(this.#root, [styles].flat() as Parameters<typeof adoptStyles>[1]);
  }

  /** Puts the overlay into `container` (again, when the viewer rebuilt its page box). */
  mount(container: Element): void {
    if (this.element.parentNode !== container) container.append(this.element);
  }

  unmount(): void {
    this.element.remove();
  }

  /** Draws `pointers` and `trails` for the page shown with `geometry`; `now` is `performance.now()`. */
  draw(geometry: PageGeometry, pointers: readonly PointerView[], trails: readonly TrailView[], now: number): void {
    const box = pageBoxSize(geometry);
    const at = (x: number, y: number) => {
      const [left, top] = pdfToCss(geometry, [x, y]);
      return { left: `${(left / box.width) * 100}%`, top: `${(top / box.height) * 100}%` };
    };
    render(
      html`${trails.map(({ points }) =>
        points.map((p, i) => {
          const head = i === points.length - 1;
          const opacity = Math.max(0, 1 - (now - p.seenAt) / LASER_FADE_MS);
          return html`<div class=${head ? 'laser-dot' : 'laser-dot trail'} style=${styleMap({ ...at(p.x, p.y), opacity: String(head ? Math.max(opacity, 0.35) : opacity * 0.6) })}></div>`;
        }),
      )}${pointers.map(
        (p) =>
          html`<div class="pointer" data-client=${p.clientId} style=${styleMap({ ...at(p.x, p.y), '--_color': p.color })}>
            <svg class="arrow" viewBox="0 0 16 18">${arrow}</svg><span class="label">${p.label}</span>
          </div>`,
      )}`,
      this.#root,
    );
  }

  /** The pointers drawn now (for tests): client id → position as percentages of the page box. */
  get drawn(): ReadonlyMap<number, { left: number; top: number; label: string }> {
    const out = new Map<number, { left: number; top: number; label: string }>();
    for (const el of this.#root.querySelectorAll<HTMLElement>('.pointer')) {
      out.set(Number(el.dataset['client']), {
        left: Number.parseFloat(el.style.left),
        top: Number.parseFloat(el.style.top),
        label: el.querySelector('.label')?.textContent ?? '',
      });
    }
    return out;
  }

  /** How many laser dots are drawn now (for tests). */
  get laserDots(): number {
    return this.#root.querySelectorAll('.laser-dot').length;
  }
}
