import { expect } from '@open-wc/testing';
import { after, before, describe, it } from './support/mocha.js';
import {
  cssRectToPdf,
  cssToPdf,
  normalizeRotation,
  openPdf,
  pageBoxSize,
  PDF_TO_CSS_UNITS,
  pdfRectToCss,
  pdfToCss,
  rotationTransform,
  type PageGeometry,
  type PdfDocumentHandle,
} from '@huishen/elements';
import { makePdf } from './support/make-pdf.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';

const zooms = [0.25, 0.5, 1, 1.37, 2, 4];
const viewRotations = [0, 90, 180, 270];
/** Pages with origins at zero, positive and negative, and their own /Rotate. */
const pages = [
  { mediaBox: [0, 0, 612, 792], rotate: 0 },
  { mediaBox: [100, 200, 400, 700], rotate: 0 },
  { mediaBox: [-50, -20, 300, 100], rotate: 90 },
  { mediaBox: [10, 10, 595, 852], rotate: 270 },
  { mediaBox: [0, 0, 842, 595], rotate: 180 },
] as const;

const close = (a: number, b: number, eps = 1e-6) => Math.abs(a - b) <= eps * Math.max(1, Math.abs(a), Math.abs(b));

function samplePoints(view: readonly number[]): [number, number][] {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = view;
  return [
    [x1, y1],
    [x2, y1],
    [x1, y2],
    [x2, y2],
    [(x1 + x2) / 2, (y1 + y2) / 2],
    [x1 + (x2 - x1) * 0.13, y1 + (y2 - y1) * 0.71],
  ];
}

describe('pdf/geometry', () => {
  describe('pure conversions', () => {
    it('normalises rotations', () => {
      expect([0, 90, 180, 270, 360, 450, -90, -180, 720].map(normalizeRotation)).to.deep.equal([0, 90, 180, 270, 0, 90, 270, 180, 0]);
    });

    it('round-trips points and rects for every zoom × rotation × origin', () => {
      let checked = 0;
      for (const page of pages) {
        for (const zoom of zooms) {
          for (const r of viewRotations) {
            const g: PageGeometry = { view: page.mediaBox, scale: zoom * PDF_TO_CSS_UNITS, rotation: page.rotate + r };
            for (const p of samplePoints(page.mediaBox)) {
              const back = cssToPdf(g, pdfToCss(g, p));
              expect(close(back[0], p[0]) && close(back[1], p[1]), `${JSON.stringify(g)} ${p}`).to.equal(true);
              checked++;
            }
            const rect = [page.mediaBox[0] + 5, page.mediaBox[1] + 7, page.mediaBox[0] + 55, page.mediaBox[1] + 30] as const;
            const back = cssRectToPdf(g, pdfRectToCss(g, rect));
            back.forEach((v, i) => expect(close(v, rect[i]!), `rect ${i}`).to.equal(true));
          }
        }
      }
      expect(checked).to.equal(pages.length * zooms.length * viewRotations.length * 6);
    });

    it('puts the top-left corner of the unrotated page where the rotation sends it', () => {
      const g = (rotation: number): PageGeometry => ({ view: [0, 0, 100, 200], scale: 1, rotation });
      expect(pdfToCss(g(0), [0, 200])).to.deep.equal([0, 0]);
      expect(pdfToCss(g(90), [0, 200])).to.deep.equal([200, 0]);
      expect(pdfToCss(g(180), [0, 200])).to.deep.equal([100, 200]);
      expect(pdfToCss(g(270), [0, 200])).to.deep.equal([0, 100]);
      expect(pageBoxSize(g(90))).to.deep.equal({ width: 200, height: 100 });
    });

    it('treats image user space as y-down pixels', () => {
      const g: PageGeometry = { view: [0, 0, 640, 480], scale: 0.5, rotation: 0, yDown: true };
      expect(pdfToCss(g, [640, 480])).to.deep.equal([320, 240]);
      expect(cssToPdf({ ...g, rotation: 90 }, pdfToCss({ ...g, rotation: 90 }, [10, 20]))).to.deep.equal([10, 20]);
    });

    it('rotates an unrotated layer into the page box with one transform', async () => {
      const host = document.createElement('div');
      host.style.cssText = 'position:absolute;left:0;top:0;width:300px;height:100px';
      const layer = document.createElement('div');
      layer.style.cssText = 'position:absolute;left:0;top:0;width:100px;height:300px;transform-origin:0 0';
      const marker = document.createElement('div');
      // A marker at PDF point (10, 280) of view [0,0,100,300] → unrotated CSS (10, 20).
      marker.style.cssText = 'position:absolute;left:10px;top:20px;width:0;height:0';
      layer.append(marker);
      host.append(layer);
      document.body.append(host);
      try {
        for (const rotation of viewRotations) {
          const g: PageGeometry = { view: [0, 0, 100, 300], scale: 1, rotation };
          const box = pageBoxSize(g);
          host.style.width = `${box.width}px`;
          host.style.height = `${box.height}px`;
          layer.style.transform = rotationTransform(rotation);
          const hostRect = host.getBoundingClientRect();
          const m = marker.getBoundingClientRect();
          const [x, y] = pdfToCss(g, [10, 280]);
          expect(close(m.left - hostRect.left, x, 1e-3), `x at ${rotation}`).to.equal(true);
          expect(close(m.top - hostRect.top, y, 1e-3), `y at ${rotation}`).to.equal(true);
        }
      } finally {
        host.remove();
      }
    });
  });

  describe('agrees with pdf.js PageViewport', () => {
    let doc: PdfDocumentHandle | undefined;
    before(async () => {
      configureTestPdfjs();
      doc = await openPdf({ data: makePdf(pages.map((p) => ({ mediaBox: p.mediaBox, rotate: p.rotate }))) });
    });
    after(async () => {
      await doc?.destroy();
    });

    it('for every zoom × rotation × page: points, box size and the inverse', async () => {
      let checked = 0;
      for (let n = 1; n <= pages.length; n++) {
        const page = await doc!.getPage(n);
        expect(page.view).to.deep.equal([...pages[n - 1]!.mediaBox]);
        expect(page.rotate).to.equal(pages[n - 1]!.rotate);
        for (const zoom of zooms) {
          for (const r of viewRotations) {
            const scale = zoom * PDF_TO_CSS_UNITS;
            const rotation = (page.rotate + r) % 360;
            const viewport = page.viewport(scale, rotation);
            const g: PageGeometry = { view: page.view, scale, rotation };
            const box = pageBoxSize(g);
            expect(close(box.width, viewport.width) && close(box.height, viewport.height), `box p${n} z${zoom} r${rotation}`).to.equal(true);
            for (const p of samplePoints(page.view)) {
              const ours = pdfToCss(g, p);
              const theirs = viewport.convertToViewportPoint(p[0], p[1]);
              expect(close(ours[0], theirs[0]!, 1e-9) && close(ours[1], theirs[1]!, 1e-9), `p${n} z${zoom} r${rotation} ${p}: ${ours} vs ${theirs}`).to.equal(true);
              const inverse = viewport.convertToPdfPoint(ours[0], ours[1]);
              const mine = cssToPdf(g, ours);
              expect(close(mine[0], inverse[0]!, 1e-9) && close(mine[1], inverse[1]!, 1e-9)).to.equal(true);
              checked++;
            }
          }
        }
      }
      expect(checked).to.equal(pages.length * zooms.length * viewRotations.length * 6);
    });
  });
});
