/**
 * Helpers for `<hs-evidence-viewer>` tests: open something and wait until it is shown, reach
 * into the shadow root, sample canvas pixels.
 */
import { fixture, html } from '@open-wc/testing';
import type { HsEvidenceViewer } from '@huishen/elements';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';

/** Polls `check` every frame until it is true; fails after `timeout` ms with `what`. */
export async function waitFor(check: () => boolean, timeout = 8000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

export function shadow(el: HsEvidenceViewer): ShadowRoot {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
}

/** The page box of `page`. */
export function pageBox(el: HsEvidenceViewer, page: number): HTMLElement {
  const box = shadow(el).querySelector<HTMLElement>(`.page[data-page="${page}"]`);
  if (!box) throw new Error(`no page ${page}`);
  return box;
}

/** The text of a page's text layer. */
export function textLayerText(el: HsEvidenceViewer, page: number): string {
  return shadow(el).querySelector(`.page[data-page="${page}"] .text-layer`)?.textContent ?? '';
}

/** Waits until the viewer left `loading` (any final status). */
export async function settled(el: HsEvidenceViewer, timeout = 15000): Promise<void> {
  await waitFor(() => el.status !== 'loading' && el.status !== 'idle', timeout, `settled status (is ${el.status})`);
  await el.updateComplete;
}

/** A viewer showing `source` (bytes or URL), settled. */
export async function loaded(
  source: Uint8Array<ArrayBuffer> | string,
  attributes: { height?: number; lang?: string; expected?: string } = {},
): Promise<HsEvidenceViewer> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${attributes.lang ?? 'zh-CN'} style="width: 800px">
      <hs-evidence-viewer
        style="--hs-evidence-viewer-height: ${attributes.height ?? 600}px"
        expected-sha256=${attributes.expected ?? ''}
      ></hs-evidence-viewer>
    </div>`,
  );
  const el = wrapper.querySelector('hs-evidence-viewer')!;
  if (typeof source === 'string') el.src = source;
  else el.source = source.buffer;
  await settled(el);
  return el;
}

/** Waits until `page` holds a canvas drawn for the current zoom. */
export async function rendered(el: HsEvidenceViewer, page: number, timeout = 15000): Promise<HTMLCanvasElement> {
  await waitFor(() => pageBox(el, page).hasAttribute('data-rendered'), timeout, `page ${page} rendered`);
  return pageBox(el, page).querySelector('canvas')!;
}

/** Share of sampled canvas pixels with a channel darker than `threshold` (0–255). */
export function inkRatio(canvas: HTMLCanvasElement, threshold = 200): number {
  const ctx = canvas.getContext('2d')!;
  const { width, height } = canvas;
  const data = ctx.getImageData(0, 0, width, height).data;
  let ink = 0;
  let total = 0;
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / 20000)));
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * 4;
      total++;
      if (data[i]! < threshold || data[i + 1]! < threshold || data[i + 2]! < threshold) ink++;
    }
  }
  return ink / total;
}
