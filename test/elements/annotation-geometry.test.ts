/**
 * The geometry matrix of the annotation layer, with anchors the layer does not compute itself:
 *
 * - generated PDFs with a black square at known user-space coordinates (pdf.js draws it; we find
 *   it in the page canvas), on pages with non-zero and negative MediaBox origins and every
 *   `/Rotate`: a mark made with the pointer over the square is stored at the square's user-space
 *   coordinates, and is drawn over the square again at every other zoom × view rotation, at
 *   device pixel ratios 1 and 2; the viewer's `pagePointAt` and `pageGeometry` agree;
 * - an image (y down, its pixel grid as user space);
 * - rotated scans from the shared fixtures, anchored on pdf.js's text layer.
 */
import { expect } from '@open-wc/testing';
import { readAnnotations, type Annotation } from '@huishen/model';
import { pdfToCss, type HsEvidenceViewer } from '@huishen/elements';
import { describe, it } from './support/mocha.js';
import { configureTestPdfjs, fixtureUrl, skipMessage } from './support/pdf-fixtures.js';
import { sha256 } from './support/room.js';
import { waitFor } from './support/viewer.js';
import { addEvidence, LocalOrigin } from '@huishen/model';
import {
  addImageEvidence,
  addPdfEvidence,
  COUNTY_PRESENTER,
  drag,
  frames,
  newRoomDoc,
  openViewer,
  roomFor,
  type Opened,
} from './support/annotation-room.js';

type Css = [number, number];

/** Pages with origins at zero, positive and negative, and their own /Rotate; a 30 pt black square at `square`. */
const pages = [
  { mediaBox: [0, 0, 612, 792], rotate: 0, square: [400, 150] },
  { mediaBox: [100, 200, 400, 700], rotate: 0, square: [150, 600] },
  { mediaBox: [-50, -20, 300, 400], rotate: 90, square: [200, 10] },
  { mediaBox: [10, 10, 595, 852], rotate: 270, square: [60, 700] },
  { mediaBox: [0, 0, 842, 595], rotate: 180, square: [700, 400] },
] as const;
const SIDE = 30;

/**
 * Centroid (CSS px of the page box) of the pixels of `canvas` (which covers the page box) passing
 * `test`, looked for within `radius` CSS px of `near` (the whole canvas when `near` is absent).
 */
function centroid(canvas: HTMLCanvasElement, box: DOMRect, test: (r: number, g: number, b: number, a: number) => boolean, near?: Css, radius = 80): Css | undefined {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const fx = canvas.width / box.width;
  const fy = canvas.height / box.height;
  const x0 = near ? Math.max(0, Math.floor((near[0] - radius) * fx)) : 0;
  const y0 = near ? Math.max(0, Math.floor((near[1] - radius) * fy)) : 0;
  const x1 = near ? Math.min(canvas.width, Math.ceil((near[0] + radius) * fx)) : canvas.width;
  const y1 = near ? Math.min(canvas.height, Math.ceil((near[1] + radius) * fy)) : canvas.height;
  if (x1 <= x0 || y1 <= y0) return undefined;
  const { data, width, height } = ctx.getImageData(x0, y0, x1 - x0, y1 - y0);
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (test(data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!)) {
        sx += x0 + x + 0.5;
        sy += y0 + y + 0.5;
        n++;
      }
    }
  }
  if (n === 0) return undefined;
  return [sx / n / fx, sy / n / fy];
}

/** Centre of the extent (bounding box) of the pixels passing `test` near `near`: the centre of a drawn outline. */
function extentCentre(canvas: HTMLCanvasElement, box: DOMRect, test: (r: number, g: number, b: number, a: number) => boolean, near?: Css, radius = 80): Css | undefined {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const fx = canvas.width / box.width;
  const fy = canvas.height / box.height;
  const x0 = near ? Math.max(0, Math.floor((near[0] - radius) * fx)) : 0;
  const y0 = near ? Math.max(0, Math.floor((near[1] - radius) * fy)) : 0;
  const x1 = near ? Math.min(canvas.width, Math.ceil((near[0] + radius) * fx)) : canvas.width;
  const y1 = near ? Math.min(canvas.height, Math.ceil((near[1] + radius) * fy)) : canvas.height;
  if (x1 <= x0 || y1 <= y0) return undefined;
  const { data, width, height } = ctx.getImageData(x0, y0, x1 - x0, y1 - y0);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (!test(data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x + 1);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y + 1);
    }
  }
  if (minX === Infinity) return undefined;
  return [(x0 + (minX + maxX) / 2) / fx, (y0 + (minY + maxY) / 2) / fy];
}

function pageCanvas(viewer: HsEvidenceViewer, page: number): HTMLCanvasElement | undefined {
  return viewer.pageElement(page)?.querySelector<HTMLCanvasElement>('canvas.canvas') ?? undefined;
}

/** Sets zoom and rotation and waits until `page` shows a fresh drawing and the layer repainted. */
async function view(opened: Opened, page: number, zoom: number, rotation: number, region?: readonly [number, number, number, number]): Promise<void> {
  const { viewer, layer } = opened;
  const before = pageCanvas(viewer, page);
  const changed = viewer.zoomFactor !== zoom || viewer.rotation !== rotation;
  viewer.zoom = zoom;
  viewer.rotation = rotation;
  await viewer.updateComplete;
  viewer.scrollToRegion(page, region ?? viewer.pageGeometry(page)!.view);
  await waitFor(() => {
    const canvas = pageCanvas(viewer, page);
    return canvas !== undefined && (!changed || canvas !== before) && viewer.visiblePages.includes(page);
  }, 8000, `page ${page} drawn at ${zoom}× ${rotation}°`);
  await frames(2);
  layer.flush();
}

const dark = (r: number, g: number, b: number, a: number) => a > 200 && r < 60 && g < 60 && b < 60;
const inked = (_r: number, _g: number, _b: number, a: number) => a > 100;

async function withDevicePixelRatio<T>(ratio: number, body: () => Promise<T>): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
  Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => ratio });
  try {
    return await body();
  } finally {
    if (own) Object.defineProperty(window, 'devicePixelRatio', own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
}

/** Draws a rectangle with the pointer, centred on `centre` (CSS px of the page box); returns it as stored. */
async function drawRectAt(opened: Opened, page: number, centre: Css): Promise<Annotation<'rect'>> {
  const { viewer, layer } = opened;
  layer.setTool('rect');
  await layer.updateComplete;
  await frames();
  const box = viewer.pageElement(page)!.getBoundingClientRect();
  const count = readAnnotations(opened.room.doc).length;
  drag(viewer, [box.left + centre[0] - 12, box.top + centre[1] - 12], [box.left + centre[0] + 12, box.top + centre[1] + 12]);
  await frames();
  const all = readAnnotations(opened.room.doc);
  expect(all.length).to.equal(count + 1);
  return all[all.length - 1] as Annotation<'rect'>;
}

describe('annotation geometry matrix', () => {
  for (const ratio of [1, 2]) {
    it(`generated pages (zero, positive and negative MediaBox origins, every /Rotate), zoom × view rotation, device pixel ratio ${ratio}`, async function (this: { timeout(ms: number): void }) {
      this.timeout(90_000);
      await withDevicePixelRatio(ratio, async () => {
        configureTestPdfjs();
        const doc = newRoomDoc();
        const store = new Map<string, string>();
        await addPdfEvidence(
          doc,
          'ex1',
          pages.map((p) => ({ mediaBox: p.mediaBox, rotate: p.rotate, fill: [p.square[0], p.square[1], SIDE, SIDE] as const })),
          store,
        );
        const opened = await openViewer(roomFor(doc, COUNTY_PRESENTER, store), 'ex1', { zoom: '1' });
        const { viewer, layer } = opened;
        for (const [index, spec] of pages.entries()) {
          const page = index + 1;
          const label = `page ${page} (MediaBox ${spec.mediaBox.join(' ')}, /Rotate ${spec.rotate}, dpr ${ratio})`;
          const squareRect = [spec.square[0], spec.square[1], spec.square[0] + SIDE, spec.square[1] + SIDE] as const;
          await view(opened, page, 1, 0, squareRect);
          const box0 = viewer.pageElement(page)!.getBoundingClientRect();
          const square = centroid(pageCanvas(viewer, page)!, box0, dark, pdfToCss(viewer.pageGeometry(page)!, [spec.square[0] + SIDE / 2, spec.square[1] + SIDE / 2]), 60)!;
          expect(square, `${label}: the black square is drawn`).to.not.equal(undefined);
          const centre: [number, number] = [spec.square[0] + SIDE / 2, spec.square[1] + SIDE / 2];
          // The viewer's hit test finds the square's user-space centre under it.
          const hit = viewer.pagePointAt(box0.left + square[0], box0.top + square[1])!;
          expect(hit.page, label).to.equal(page);
          expect(hit.x, label).to.be.closeTo(centre[0], 1.5);
          expect(hit.y, label).to.be.closeTo(centre[1], 1.5);

          const stored = await drawRectAt(opened, page, square);
          const [x1, y1, x2, y2] = stored.geometry.rect;
          expect((x1 + x2) / 2, `${label}: stored x`).to.be.closeTo(centre[0], 1.5);
          expect((y1 + y2) / 2, `${label}: stored y`).to.be.closeTo(centre[1], 1.5);

          for (const [zoom, rotation] of [[0.5, 90], [1.7, 180], [0.8, 270], [1.3, 0]] as const) {
            await view(opened, page, zoom, rotation, squareRect);
            const box = viewer.pageElement(page)!.getBoundingClientRect();
            const geometry = viewer.pageGeometry(page)!;
            const where = `${label} at ${zoom}× ${rotation}°`;
            expect(geometry.rotation % 360, where).to.equal((spec.rotate + rotation) % 360);
            const swap = geometry.rotation % 180 !== 0;
            const [w, h] = [Math.abs(spec.mediaBox[2] - spec.mediaBox[0]), Math.abs(spec.mediaBox[3] - spec.mediaBox[1])];
            expect(box.width, where).to.be.closeTo((swap ? h : w) * geometry.scale, 1);
            // Where the square is drawn by pdf.js, and where the mark is drawn by the layer.
            const [ex, ey] = pdfToCss(geometry, centre);
            const there = centroid(pageCanvas(viewer, page)!, box, dark, [ex, ey], SIDE * geometry.scale)!;
            expect(there, `square found, ${where}`).to.not.equal(undefined);
            expect(ex, where).to.be.closeTo(there[0], 1.5);
            expect(ey, where).to.be.closeTo(there[1], 1.5);
            const [mx, my] = pdfToCss(geometry, [(x1 + x2) / 2, (y1 + y2) / 2]);
            const drawn = extentCentre(layer.overlay(page)!.marksCanvas, box, inked, [mx, my], 40 * geometry.scale)!;
            expect(drawn, `mark drawn, ${where}`).to.not.equal(undefined);
            expect(drawn[0], `mark x, ${where}`).to.be.closeTo(mx, 1);
            expect(drawn[1], `mark y, ${where}`).to.be.closeTo(my, 1);
            // So the mark covers the square as it did when it was made (the making's error scales with zoom).
            expect(drawn[0], `over the square x, ${where}`).to.be.closeTo(there[0], 1.5 + 1.5 * geometry.scale);
            expect(drawn[1], `over the square y, ${where}`).to.be.closeTo(there[1], 1.5 + 1.5 * geometry.scale);
            const again = viewer.pagePointAt(box.left + there[0], box.top + there[1])!;
            expect(again.x, `pagePointAt x, ${where}`).to.be.closeTo(centre[0], 3 / geometry.scale);
            expect(again.y, `pagePointAt y, ${where}`).to.be.closeTo(centre[1], 3 / geometry.scale);
          }
        }
      });
    });
  }

  it('an image: user space is its pixel grid (y down), at every rotation', async function (this: { timeout(ms: number): void }) {
    this.timeout(30_000);
    const doc = newRoomDoc();
    const store = new Map<string, string>();
    await addImageEvidence(doc, 'img', 800, 500, store);
    const opened = await openViewer(roomFor(doc, COUNTY_PRESENTER, store), 'img', { zoom: '1' });
    const { viewer, layer } = opened;
    const box = viewer.pageElement(1)!.getBoundingClientRect();
    // Pixel (600, 100) of the image: near its top-right.
    const stored = await drawRectAt(opened, 1, [600 * (box.width / 800), 100 * (box.height / 500)]);
    const [x1, y1, x2, y2] = stored.geometry.rect;
    expect((x1 + x2) / 2).to.be.closeTo(600, 1.5);
    expect((y1 + y2) / 2).to.be.closeTo(100, 1.5);
    for (const rotation of [90, 180, 270]) {
      viewer.rotation = rotation;
      await viewer.updateComplete;
      await frames(3);
      layer.flush();
      const b = viewer.pageElement(1)!.getBoundingClientRect();
      const drawn = extentCentre(layer.overlay(1)!.marksCanvas, b, inked)!;
      const expected = { 90: [400 * (b.width / 500), 600 * (b.height / 800)], 180: [200 * (b.width / 800), 400 * (b.height / 500)], 270: [100 * (b.width / 500), 200 * (b.height / 800)] }[rotation]!;
      expect(drawn[0], `x at ${rotation}°`).to.be.closeTo(expected[0]!, 1.5);
      expect(drawn[1], `y at ${rotation}°`).to.be.closeTo(expected[1]!, 1.5);
    }
  });

  for (const fixture of ['pdf/rotation/issue14415.pdf', 'pdf/scanned/issue5747.pdf']) {
    it(`a rotated scan from the fixtures (${fixture}): a mark follows the text it was put on`, async function (this: { timeout(ms: number): void; skip(): void }) {
      this.timeout(60_000);
      const url = await fixtureUrl(fixture);
      if (!url) {
        console.warn(await skipMessage());
        this.skip();
        return;
      }
      configureTestPdfjs();
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const hash = await sha256(bytes);
      const doc = newRoomDoc();
      const store = new Map([[hash, URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))]]);
      addEvidence(doc, { id: 'scan', title: 'scan', kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256: hash, pages: 1 }, new LocalOrigin(COUNTY_PRESENTER));
      const opened = await openViewer(roomFor(doc, COUNTY_PRESENTER, store), 'scan', { zoom: '0.5' });
      const { viewer, layer } = opened;
      const spanCentre = (): Css | undefined => {
        const spans = [...viewer.pageElement(1)!.querySelectorAll<HTMLElement>('.text-layer span')].filter((s) => (s.textContent ?? '').trim().length > 3);
        const span = spans[Math.floor(spans.length / 2)];
        if (!span) return undefined;
        const r = span.getBoundingClientRect();
        const b = viewer.pageElement(1)!.getBoundingClientRect();
        return [r.left + r.width / 2 - b.left, r.top + r.height / 2 - b.top];
      };
      await waitFor(() => spanCentre() !== undefined, 10_000, 'the text layer');
      const stored = await drawRectAt(opened, 1, spanCentre()!);
      const [x1, y1, x2, y2] = stored.geometry.rect;
      const centre: [number, number] = [(x1 + x2) / 2, (y1 + y2) / 2];
      for (const rotation of [90, 180, 270]) {
        viewer.rotation = rotation;
        await viewer.updateComplete;
        await frames(3);
        layer.flush();
        const b = viewer.pageElement(1)!.getBoundingClientRect();
        const text = spanCentre()!;
        const drawn = extentCentre(layer.overlay(1)!.marksCanvas, b, inked)!;
        expect(drawn[0], `x at ${rotation}°`).to.be.closeTo(text[0], 2);
        expect(drawn[1], `y at ${rotation}°`).to.be.closeTo(text[1], 2);
        const [ex, ey] = pdfToCss(viewer.pageGeometry(1)!, centre);
        expect(ex).to.be.closeTo(text[0], 2);
        expect(ey).to.be.closeTo(text[1], 2);
      }
    });
  }
});
