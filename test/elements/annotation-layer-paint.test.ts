/**
 * The pure painter: every kind leaves pixels where `pdf/geometry.ts` says its user-space points
 * are, at several scales, rotations, MediaBox origins and device scales.
 */
import { expect } from '@open-wc/testing';
import { DEFAULT_STYLES, type Annotation, type AnnotationKind } from '@huishen/model';
import { paintAnnotations, userToCssMatrix } from '@huishen/elements/annotation-layer/paint.js';
import { pageBoxSize, pdfToCss, type PageGeometry } from '@huishen/elements';
import { describe, it } from './support/mocha.js';

let seq = 0;
function mark<K extends AnnotationKind>(kind: K, geometry: Annotation<K>['geometry'], extra: Partial<Annotation> = {}): Annotation {
  seq++;
  return {
    id: `a${seq}`,
    evidenceId: 'ev',
    page: 1,
    kind,
    geometry,
    style: { ...DEFAULT_STYLES[kind], opacity: 1 },
    author: 'u1',
    authorName: '张三',
    venue: 'city',
    createdAt: seq,
    modifiedAt: seq,
    ...(kind === 'stamp' ? { stamp: { code: 'exhibit', number: 3 } } : {}),
    ...extra,
  } as Annotation;
}

function canvasFor(geometry: PageGeometry, deviceScale: number): CanvasRenderingContext2D {
  const box = pageBoxSize(geometry);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(box.width * deviceScale);
  canvas.height = Math.ceil(box.height * deviceScale);
  return canvas.getContext('2d')!;
}

/** Alpha at a user-space point (the painted pixel nearest to it, within `radius` device px). */
function alphaNear(ctx: CanvasRenderingContext2D, geometry: PageGeometry, deviceScale: number, point: [number, number], radius = 2): number {
  const [x, y] = pdfToCss(geometry, point);
  const px = Math.round(x * deviceScale);
  const py = Math.round(y * deviceScale);
  const size = radius * 2 + 1;
  const data = ctx.getImageData(px - radius, py - radius, size, size).data;
  let max = 0;
  for (let i = 3; i < data.length; i += 4) max = Math.max(max, data[i]!);
  return max;
}

const geometries: PageGeometry[] = [
  { view: [0, 0, 300, 200], scale: 1, rotation: 0 },
  { view: [100, 200, 400, 400], scale: 1.5, rotation: 90 },
  { view: [-50, -20, 250, 180], scale: 0.8, rotation: 180 },
  { view: [10, 10, 310, 210], scale: 2, rotation: 270 },
  { view: [0, 0, 300, 200], scale: 1.2, rotation: 90, yDown: true },
];

describe('paintAnnotations', () => {
  it('the matrix agrees with pdfToCss everywhere', () => {
    for (const g of geometries) {
      const [a, b, c, d, e, f] = userToCssMatrix(g);
      for (const [x, y] of [[g.view[0] + 13, g.view[1] + 77], [g.view[2], g.view[3]]] as [number, number][]) {
        const [cx, cy] = pdfToCss(g, [x, y]);
        expect(a * x + c * y + e).to.be.closeTo(cx, 1e-9);
        expect(b * x + d * y + f).to.be.closeTo(cy, 1e-9);
      }
    }
  });

  for (const g of geometries) {
    for (const ds of [1, 2]) {
      it(`draws every kind at its points (view ${g.view.join(',')}, ×${g.scale}, ${g.rotation}°${g.yDown ? ', y down' : ''}, dpr ${ds})`, () => {
        const [x0, y0] = [g.view[0], g.view[1]];
        const at = (dx: number, dy: number): [number, number] => [x0 + dx, y0 + dy];
        const cases: { annotation: Annotation; inked: [number, number][]; blank: [number, number][] }[] = [
          { annotation: mark('rect', { rect: [...at(20, 20), ...at(80, 60)] }), inked: [at(20, 40), at(50, 60)], blank: [at(50, 40)] },
          { annotation: mark('ellipse', { rect: [...at(100, 20), ...at(160, 60)] }), inked: [at(100, 40), at(130, 60)], blank: [at(130, 40)] },
          { annotation: mark('highlight', { quads: [[...at(180, 60), ...at(260, 60), ...at(180, 40), ...at(260, 40)]] }), inked: [at(220, 50)], blank: [at(220, 70)] },
          { annotation: mark('arrow', { from: at(20, 100), to: at(80, 100) }), inked: [at(50, 100), at(78, 100)], blank: [at(50, 115)] },
          { annotation: mark('ink', { points: [[...at(100, 100), 0.5], [...at(130, 110), 0.5], [...at(160, 100), 0.5]] }), inked: [at(100, 100), at(160, 100)], blank: [at(130, 140)] },
          { annotation: mark('callout', { rect: [...at(180, 90), ...at(260, 130)] }), inked: [at(180, 110)], blank: [at(220, 110)] },
          { annotation: mark('note', { rect: [...at(20, 140), ...at(60, 180)] }, { text: '备注' }), inked: [at(40, 160)], blank: [at(90, 160)] },
          { annotation: mark('stamp', { at: at(150, 160) }), inked: [at(150, 160)], blank: [] },
          { annotation: mark('pin', { at: at(240, 170) }), inked: [at(240, 170)], blank: [] },
        ];
        const ctx = canvasFor(g, ds);
        paintAnnotations(ctx, cases.map((c) => c.annotation), g, { deviceScale: ds });
        for (const c of cases) {
          for (const p of c.inked) expect(alphaNear(ctx, g, ds, p), `${c.annotation.kind} at ${p}`).to.be.greaterThan(100);
          for (const p of c.blank) expect(alphaNear(ctx, g, ds, p, 1), `${c.annotation.kind} blank at ${p}`).to.equal(0);
        }
      });
    }
  }

  it('uses the colour and opacity of the style', () => {
    const g: PageGeometry = { view: [0, 0, 100, 100], scale: 1, rotation: 0 };
    const ctx = canvasFor(g, 1);
    paintAnnotations(ctx, [mark('highlight', { quads: [[10, 90, 90, 90, 10, 10, 90, 10]] }, { style: { color: '#0000ff', width: 1, opacity: 0.5 } })], g);
    const [r, gr, b, a] = ctx.getImageData(50, 50, 1, 1).data;
    expect([r, gr, b]).to.deep.equal([0, 0, 255]);
    expect(a).to.be.within(120, 135);
  });

  it('draws on top of the caller’s transform (a sub-region of the page)', () => {
    const g: PageGeometry = { view: [0, 0, 200, 200], scale: 1, rotation: 0 };
    const canvas = document.createElement('canvas');
    canvas.width = 50;
    canvas.height = 50;
    const ctx = canvas.getContext('2d')!;
    ctx.translate(-100, -100); // the canvas shows CSS px 100..150 of the page box
    paintAnnotations(ctx, [mark('rect', { rect: [110, 60, 140, 90] })], g);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    // rect's left edge x=110 → css x 110 → canvas x 10; y from 200-90=110 → 10 to 200-60=140 → 40.
    expect(ctx.getImageData(10, 25, 1, 1).data[3]).to.be.greaterThan(100);
    expect(ctx.getImageData(25, 25, 1, 1).data[3]).to.equal(0);
  });
});
