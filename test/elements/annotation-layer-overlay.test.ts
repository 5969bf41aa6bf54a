/**
 * A page overlay's marks canvas: big repaints drawn in slices and swapped in whole, changes made
 * meanwhile repainted when the job lands (nothing stale, nothing drawn twice), only the visible
 * part painted, and what comes into view painted on the way.
 */
import { expect } from '@open-wc/testing';
import { DEFAULT_STYLES, type Annotation } from '@huishen/model';
import { PageOverlay } from '@huishen/elements/annotation-layer/page-overlay.js';
import { pageStyles } from '@huishen/elements/annotation-layer/annotation-layer.styles.js';
import { pdfToCss, type PageGeometry } from '@huishen/elements';
import { describe, it } from './support/mocha.js';

const geometry: PageGeometry = { view: [0, 0, 1000, 1000], scale: 1, rotation: 0 };

function rect(id: string, x: number, y: number, extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    evidenceId: 'e',
    page: 1,
    kind: 'rect',
    geometry: { rect: [x, y, x + 20, y + 20] },
    style: DEFAULT_STYLES.rect,
    author: 'u',
    authorName: 'u',
    venue: 'v',
    createdAt: 1,
    modifiedAt: 1,
    ...extra,
  } as Annotation;
}

function alphaAt(overlay: PageOverlay, point: readonly [number, number]): number {
  const [x, y] = pdfToCss(geometry, point);
  const canvas = overlay.marksCanvas;
  return canvas.getContext('2d')!.getImageData(Math.round(x) - 1, Math.round(y) - 1, 3, 3).data.reduce((m, v, i) => (i % 4 === 3 ? Math.max(m, v) : m), 0);
}

function mounted(): PageOverlay {
  const overlay = new PageOverlay(1, pageStyles);
  const host = document.createElement('div');
  host.style.cssText = 'position: relative; width: 1000px; height: 1000px';
  document.body.append(host);
  overlay.mount(host);
  return overlay;
}

describe('page overlay', () => {
  it('draws a big repaint in slices, swaps it in whole, then repaints what changed meanwhile', () => {
    const overlay = mounted();
    let marks: Annotation[] = Array.from({ length: 400 }, (_, i) => rect(`a${i}`, (i % 20) * 48 + 10, Math.floor(i / 20) * 48 + 10));
    const visible = [0, 0, 1000, 1000] as const;
    overlay.paint(() => marks, geometry, 1, 'all', [...visible]);
    expect(overlay.pending).to.equal(true);
    const before = overlay.marksCanvas;
    expect(overlay.step(0, {}), 'one slice, more to come').to.equal(true);
    expect(overlay.marksCanvas, 'nothing swapped in yet').to.equal(before);
    // A mark moves while the job draws (from its snapshot).
    const moved = rect('a0', 500, 975);
    const old = marks[0]!;
    marks = [moved, ...marks.slice(1)];
    overlay.paint(() => marks, geometry, 1, [10, 10, 520, 995], [...visible]);
    expect(overlay.step(Infinity, {})).to.equal(false);
    expect(overlay.pending).to.equal(false);
    expect(overlay.marksCanvas).to.not.equal(before);
    const [ox, oy] = (old as Annotation<'rect'>).geometry.rect;
    expect(alphaAt(overlay, [ox, oy]), 'the old place is clear').to.equal(0);
    expect(alphaAt(overlay, [500, 975]), 'the new place is drawn').to.be.greaterThan(100);
    expect(alphaAt(overlay, [10 + 48, 10]), 'the others are drawn').to.be.greaterThan(100);
    overlay.destroy();
  });

  it('paints only around what is visible, and what comes into view when it does', () => {
    const overlay = mounted();
    const marks = [rect('top', 100, 900), rect('bottom', 100, 50)];
    overlay.paint(() => marks, geometry, 1, 'all', [0, 700, 1000, 1000]);
    overlay.step(Infinity, {});
    expect(alphaAt(overlay, [100, 900])).to.be.greaterThan(100);
    expect(alphaAt(overlay, [100, 50]), 'far out of view: not painted yet').to.equal(0);
    overlay.paint(() => marks, geometry, 1, undefined, [0, 0, 1000, 300]);
    overlay.step(Infinity, {});
    expect(alphaAt(overlay, [100, 50])).to.be.greaterThan(100);
    expect(alphaAt(overlay, [100, 900]), 'still there').to.be.greaterThan(100);
    overlay.destroy();
  });
});
