/**
 * Browser side of the viewer bench, our viewer. Bundled by ../viewer.ts with esbuild; pdf.js is
 * left external and comes from /node_modules through the page's import map, exactly the files
 * the anchor page loads. Exposes `window.hsBench`.
 */
import { configurePdfjs, pdfjsAssetsAt, type HsEvidenceViewer } from '@huishen/elements';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import { samplePdf, sampleScanJpeg } from '../../../stories/support/sample-pdfs.js';
import { heapBytes, nextFrame, sampleScrollStep, type ScrollReport, type ViewerBench } from './shared.js';

configurePdfjs(pdfjsAssetsAt('/node_modules/pdfjs-dist/', '/node_modules/pdfjs-dist-v4/'));

function mount(): HsEvidenceViewer {
  document.querySelector('hs-evidence-viewer')?.remove();
  const el = document.createElement('hs-evidence-viewer');
  el.style.setProperty('--hs-evidence-viewer-height', `${innerHeight}px`);
  el.style.width = `${innerWidth}px`;
  document.body.append(el);
  return el;
}

const box = (el: HsEvidenceViewer, page: number) => el.shadowRoot!.querySelector<HTMLElement>(`.page[data-page="${page}"]`);
const painted = (el: HsEvidenceViewer, page: number) => box(el, page)?.hasAttribute('data-rendered') ?? false;

async function until(check: () => boolean, timeout: number): Promise<boolean> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) return false;
    await nextFrame();
  }
  return true;
}

async function open(url: string): Promise<HsEvidenceViewer> {
  const el = mount();
  el.src = url;
  await until(() => el.status !== 'idle' && el.status !== 'loading', 120_000);
  if (el.status !== 'ready') throw new Error(`ours: ${url} is ${el.status}`);
  return el;
}

const bench: ViewerBench = {
  async firstPage(url) {
    const start = performance.now();
    const el = mount();
    el.src = url;
    if (!(await until(() => painted(el, 1), 60_000))) throw new Error('ours: first page never painted');
    return performance.now() - start;
  },

  async scrollMemory(url, stepTimeout) {
    (globalThis as { gc?: () => void }).gc?.();
    const el = await open(url);
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('[part="viewport"]')!;
    await until(() => painted(el, 1), 30_000);
    const report: ScrollReport = { steps: 0, blankPages: [], peakHeap: heapBytes(), peakCanvas: 0, peakTotal: 0, maxCanvases: 0, pages: el.pageCount };
    const start = performance.now();
    for (;;) {
      const top = viewport.scrollTop;
      const bottom = top + viewport.clientHeight;
      const visible: number[] = [];
      for (let n = 1; n <= el.pageCount; n++) {
        const b = box(el, n)!;
        if (b.offsetTop >= bottom) break;
        if (b.offsetTop + b.offsetHeight > top) visible.push(n);
      }
      if (!(await until(() => visible.every((n) => painted(el, n)), stepTimeout))) {
        for (const n of visible) if (!painted(el, n) && !report.blankPages.includes(n)) report.blankPages.push(n);
      }
      const canvases = [...el.shadowRoot!.querySelectorAll('canvas')];
      sampleScrollStep(report, canvases);
      if (bottom >= viewport.scrollHeight - 1) break;
      viewport.scrollTop = top + viewport.clientHeight;
      await nextFrame();
    }
    report.ms = performance.now() - start;
    el.remove();
    return report;
  },

  async pageSwitch(url, targets, timeout) {
    const el = await open(url);
    await until(() => painted(el, 1), 30_000);
    const times: number[] = [];
    for (const page of targets) {
      const start = performance.now();
      el.goToPage(page);
      if (!(await until(() => painted(el, page), timeout))) {
        const vp = el.shadowRoot!.querySelector<HTMLElement>('[part="viewport"]')!;
        const b = box(el, page)!;
        throw new Error(
          `ours: page ${page} never painted (scrollTop ${vp.scrollTop}, page top ${b.offsetTop}, current ${el.page}, ` +
            `live ${el.liveCanvasCount}, canvas ${!!b.querySelector('canvas')}, visibility ${document.visibilityState})`,
        );
      }
      times.push(performance.now() - start);
    }
    el.remove();
    return times;
  },

  async makeScanPdf(pages) {
    const jpegs = await Promise.all(Array.from({ length: 8 }, (_, i) => sampleScanJpeg(i + 1, 1654, 2339)));
    const bytes = samplePdf(Array.from({ length: pages }, (_, i) => ({ jpeg: jpegs[i % jpegs.length]! })));
    const response = await fetch('/upload/scan.pdf', { method: 'PUT', body: bytes });
    if (!response.ok) throw new Error(`upload failed: ${response.status}`);
    return bytes.byteLength;
  },
};

(window as unknown as { hsBench: ViewerBench }).hsBench = bench;
