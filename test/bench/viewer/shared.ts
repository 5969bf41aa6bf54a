/**
 * What both bench pages (ours and the stock pdf.js viewer) expose to ../viewer.ts, and the
 * measurements they share, so both sides are measured the same way.
 */

/** One end-to-end scroll through a document. */
export interface ScrollReport {
  steps: number;
  /** Pages that were in view but not painted within the step timeout. */
  blankPages: number[];
  /** Peak `performance.memory.usedJSHeapSize` (needs --enable-precise-memory-info). */
  peakHeap: number;
  /** Peak bytes of canvas backing stores (width × height × 4 over live canvases). */
  peakCanvas: number;
  /** Peak of heap + canvas, sampled together. */
  peakTotal: number;
  maxCanvases: number;
  pages: number;
  ms?: number;
}

/** The functions a bench page puts on `window.hsBench`. */
export interface ViewerBench {
  /** ms from setting the URL to the first page painted. */
  firstPage(url: string): Promise<number>;
  /** Scrolls end to end, a viewport at a time, waiting up to `stepTimeout` ms for visible pages. */
  scrollMemory(url: string, stepTimeout: number): Promise<ScrollReport>;
  /** ms from asking for each target page to it being painted. */
  pageSwitch(url: string, targets: number[], timeout: number): Promise<number[]>;
  /** Ours only: builds the scanned-like PDF and uploads it to /upload/scan.pdf; returns its size. */
  makeScanPdf?(pages: number): Promise<number>;
}

export const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

export function heapBytes(): number {
  return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
}

export function canvasBytes(canvases: Iterable<HTMLCanvasElement>): number {
  let bytes = 0;
  for (const canvas of canvases) bytes += canvas.width * canvas.height * 4;
  return bytes;
}

/** Records one scroll step's memory (JS heap + canvas backing stores) into the running peaks. */
export function sampleScrollStep(report: ScrollReport, canvases: HTMLCanvasElement[]): void {
  const heap = heapBytes();
  const canvas = canvasBytes(canvases);
  report.peakHeap = Math.max(report.peakHeap, heap);
  report.peakCanvas = Math.max(report.peakCanvas, canvas);
  report.peakTotal = Math.max(report.peakTotal, heap + canvas);
  report.maxCanvases = Math.max(report.maxCanvases, canvases.length);
  report.steps++;
}
