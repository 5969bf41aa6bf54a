/**
 * A scanned-looking receipt drawn pixel by pixel in Node (no canvas, no files from outside the
 * repository): off-white paper with grain and a shadowed edge, the receipt's printed grid, a
 * handwritten signature scrawl, a red seal. The printed words sit on top as real PDF text (as an
 * OCR'd scan would have them), so find works while the page still looks photographed.
 */
import { deflateSync } from 'node:zlib';
import { samplePdf } from '../stories/support/sample-pdfs.js';

const WIDTH = 620;
const HEIGHT = 877;
const A4: readonly [number, number] = [595, 842];

/** Deterministic pseudo-random numbers (mulberry32), so the same seed gives the same bytes. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Raster {
  readonly pixels = new Uint8Array(WIDTH * HEIGHT * 3);

  blend(x: number, y: number, rgb: readonly [number, number, number], alpha: number): void {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= WIDTH || yi >= HEIGHT) return;
    const i = (yi * WIDTH + xi) * 3;
    for (let c = 0; c < 3; c++) this.pixels[i + c] = Math.round(this.pixels[i + c]! * (1 - alpha) + rgb[c]! * alpha);
  }

  dot(x: number, y: number, radius: number, rgb: readonly [number, number, number], alpha: number): void {
    for (let dy = -radius; dy <= radius; dy++) for (let dx = -radius; dx <= radius; dx++) if (dx * dx + dy * dy <= radius * radius) this.blend(x + dx, y + dy, rgb, alpha);
  }

  line(x1: number, y1: number, x2: number, y2: number, rgb: readonly [number, number, number], alpha: number): void {
    const steps = Math.ceil(Math.hypot(x2 - x1, y2 - y1));
    for (let s = 0; s <= steps; s++) this.blend(x1 + ((x2 - x1) * s) / steps, y1 + ((y2 - y1) * s) / steps, rgb, alpha);
  }
}

/** Pixel row of a PDF baseline `y` (points from the bottom of an A4 page). */
const rowOf = (y: number) => ((A4[1] - y) / A4[1]) * HEIGHT;
const colOf = (x: number) => (x / A4[0]) * WIDTH;

/** The printed lines of the receipt (PDF text over the scan; see `samplePdf`'s layout). */
export const RECEIPT_LINES = [
  '某某废品回收站　收购单（示例）',
  '编号：No. 0003127',
  '日期：2026年9月13日',
  '品名：电动车蓄电池　数量：3组',
  '单价：每组160元　金额：480元',
  '出售人（签名）：',
  '经办人：钱某（示例）',
] as const;

/** The bytes of the scanned receipt as a one-page PDF. */
export function receiptScanPdf(seed = 17): Uint8Array<ArrayBuffer> {
  const rand = random(seed);
  const r = new Raster();
  // Paper: warm off-white, grain, darker towards one edge (the scanner lid's shadow).
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const shade = 1 - 0.1 * Math.max(0, (x - WIDTH * 0.85) / (WIDTH * 0.15)) - 0.04 * (y / HEIGHT);
      const grain = Math.floor(rand() * 3) * 4;
      const i = (y * WIDTH + x) * 3;
      r.pixels[i] = Math.round((244 - grain) * shade);
      r.pixels[i + 1] = Math.round((238 - grain) * shade);
      r.pixels[i + 2] = Math.round((222 - grain) * shade);
    }
  }
  // The printed grid, very slightly skewed (paper laid by hand).
  const skew = 0.008;
  const ink: [number, number, number] = [70, 70, 80];
  for (let i = 0; i <= RECEIPT_LINES.length; i++) {
    const y = rowOf(770 - 26 * i + 20) + 4;
    r.line(colOf(60), y, colOf(535), y + (colOf(535) - colOf(60)) * skew, ink, 0.55);
  }
  r.line(colOf(60), rowOf(790) + 4, colOf(60) + (rowOf(590) - rowOf(790)) * -skew, rowOf(590) + 4, ink, 0.55);
  r.line(colOf(535), rowOf(790) + 8, colOf(535) + (rowOf(590) - rowOf(790)) * -skew, rowOf(590) + 8, ink, 0.55);
  // A signature scrawl after “出售人（签名）：”, in blue ballpoint.
  const signatureRow = rowOf(770 - 26 * 5) - 6;
  const pen: [number, number, number] = [30, 50, 140];
  let px = colOf(250);
  let py = signatureRow;
  for (let t = 0; t < 240; t++) {
    const nx = colOf(250) + t * 0.75;
    const ny = signatureRow + Math.sin(t / 6) * 7 + Math.sin(t / 17) * 4 + (rand() - 0.5) * 1.5;
    r.line(px, py, nx, ny, pen, 0.85);
    px = nx;
    py = ny;
  }
  // The recycler's red seal, pressed unevenly.
  const seal: [number, number, number] = [200, 30, 35];
  const cx = colOf(430);
  const cy = rowOf(620);
  for (let a = 0; a < Math.PI * 2; a += 0.004) {
    const alpha = 0.55 + 0.35 * Math.sin(a * 3 + 1);
    for (const radius of [58, 59.5, 61]) r.blend(cx + Math.cos(a) * radius, cy + Math.sin(a) * radius, seal, alpha);
  }
  for (let k = 0; k < 5; k++) {
    const a = -Math.PI / 2 + (k * Math.PI * 2) / 5;
    r.line(cx, cy, cx + Math.cos(a) * 22, cy + Math.sin(a) * 22, seal, 0.8);
  }
  for (let k = 0; k < 400; k++) r.dot(cx + (rand() - 0.5) * 90, cy + (rand() - 0.5) * 90, 0, seal, 0.25);

  return samplePdf([{ size: A4, flateRgb: { bytes: deflateSync(r.pixels, { level: 9 }), width: WIDTH, height: HEIGHT }, chineseLines: [...RECEIPT_LINES] }]);
}
