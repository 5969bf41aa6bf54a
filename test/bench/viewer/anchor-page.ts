/**
 * Browser side of the viewer bench, the anchor: pdfjs-dist's own `PDFViewer` from
 * `pdfjs-dist/legacy/web/pdf_viewer.mjs`, set up as its documentation shows, with the same pdf.js
 * build, assets and hardening as ours. Exposes `window.hsBench`.
 */
import { heapBytes, nextFrame, sampleScrollStep, type ScrollReport, type ViewerBench } from './shared.js';

interface PageView {
  renderingState: number;
}
interface Viewer {
  setDocument(doc: unknown): void;
  currentPageNumber: number;
  currentScaleValue: string;
  pagesCount: number;
  getPageView(index: number): PageView | undefined;
}
interface ViewerModule {
  EventBus: new () => { on(name: string, fn: (e: { pageNumber: number }) => void): void };
  PDFLinkService: new (o: { eventBus: unknown }) => { setViewer(v: unknown): void; setDocument(d: unknown): void };
  PDFViewer: new (o: Record<string, unknown>) => Viewer;
  RenderingStates: { FINISHED: number };
}
interface PdfjsLib {
  GlobalWorkerOptions: { workerSrc: string };
  getDocument(o: Record<string, unknown>): { promise: Promise<unknown>; destroy(): Promise<void> };
}

const base = '/node_modules/pdfjs-dist/';
const specifier = (path: string) => `${base}${path}`;
let libs: Promise<{ lib: PdfjsLib; viewer: ViewerModule }> | undefined;

function load() {
  libs ??= (async () => {
    const lib = (await import(/* @vite-ignore */ specifier('legacy/build/pdf.mjs'))) as PdfjsLib;
    (globalThis as { pdfjsLib?: unknown }).pdfjsLib = lib;
    lib.GlobalWorkerOptions.workerSrc = new URL(specifier('legacy/build/pdf.worker.mjs'), location.href).href;
    const viewer = (await import(/* @vite-ignore */ specifier('legacy/web/pdf_viewer.mjs'))) as ViewerModule;
    return { lib, viewer };
  })();
  return libs;
}

let task: { destroy(): Promise<void> } | undefined;

async function open(url: string) {
  const { lib, viewer: mod } = await load();
  await task?.destroy();
  document.querySelector('#viewerContainer')?.remove();
  const container = document.createElement('div');
  container.id = 'viewerContainer';
  container.style.cssText = `position:absolute;inset:0;overflow:auto;width:${innerWidth}px;height:${innerHeight}px`;
  const inner = document.createElement('div');
  inner.className = 'pdfViewer';
  container.append(inner);
  document.body.append(container);
  const eventBus = new mod.EventBus();
  const linkService = new mod.PDFLinkService({ eventBus });
  const viewer = new mod.PDFViewer({ container, eventBus, linkService });
  linkService.setViewer(viewer);
  const rendered = new Set<number>();
  let allSized = false;
  eventBus.on('pagesloaded', () => (allSized = true));
  eventBus.on('pagerendered', (e) => rendered.add(e.pageNumber));
  eventBus.on('pagesinit', () => (viewer.currentScaleValue = 'page-width'));
  const abs = (p: string) => new URL(specifier(p), location.href).href;
  const loading = lib.getDocument({
    url,
    cMapUrl: abs('cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: abs('standard_fonts/'),
    wasmUrl: abs('wasm/'),
    iccUrl: abs('iccs/'),
    enableXfa: false,
  });
  task = loading;
  const doc = await loading.promise;
  viewer.setDocument(doc);
  linkService.setDocument(doc);
  const finished = (n: number) => viewer.getPageView(n - 1)?.renderingState === mod.RenderingStates.FINISHED;
  return { container, viewer, rendered, finished, allSized: () => allSized };
}

async function until(check: () => boolean, timeout: number): Promise<boolean> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) return false;
    await nextFrame();
  }
  return true;
}

const bench: ViewerBench = {
  async firstPage(url) {
    // A fresh page per sample: loading pdf.js's modules counts on both sides, as ours loads them lazily.
    const start = performance.now();
    const { rendered } = await open(url);
    if (!(await until(() => rendered.has(1), 60_000))) throw new Error('anchor: first page never painted');
    return performance.now() - start;
  },

  async scrollMemory(url, stepTimeout) {
    (globalThis as { gc?: () => void }).gc?.();
    const { container, viewer, finished } = await open(url);
    await until(() => finished(1), 30_000);
    const report: ScrollReport = { steps: 0, blankPages: [], peakHeap: heapBytes(), peakCanvas: 0, peakTotal: 0, maxCanvases: 0, pages: viewer.pagesCount };
    const start = performance.now();
    const pages = () => [...container.querySelectorAll<HTMLElement>('.page')];
    for (;;) {
      const top = container.scrollTop;
      const bottom = top + container.clientHeight;
      const visible = pages()
        .map((el, i) => ({ el, n: i + 1 }))
        .filter(({ el }) => el.offsetTop < bottom && el.offsetTop + el.offsetHeight > top)
        .map(({ n }) => n);
      if (!(await until(() => visible.every(finished), stepTimeout))) {
        for (const n of visible) if (!finished(n) && !report.blankPages.includes(n)) report.blankPages.push(n);
      }
      const canvases = [...container.querySelectorAll('canvas')];
      sampleScrollStep(report, canvases);
      if (bottom >= container.scrollHeight - 1) break;
      container.scrollTop = top + container.clientHeight;
      await nextFrame();
    }
    report.ms = performance.now() - start;
    container.remove();
    return report;
  },

  async pageSwitch(url, targets, timeout) {
    const { viewer, finished, rendered, allSized } = await open(url);
    // The stock viewer sizes pages from page 1 until all are read and does not keep a jump
    // target in place when sizes change: start jumping once every page is sized.
    await until(() => finished(1) && allSized(), 30_000);
    const times: number[] = [];
    for (const page of targets) {
      const start = performance.now();
      rendered.delete(page);
      viewer.currentPageNumber = page;
      // Painted: pdf.js says so by event or by the page view's state (already drawn, in its buffer).
      if (!(await until(() => rendered.has(page) || finished(page), timeout))) {
        const c = document.querySelector<HTMLElement>('#viewerContainer')!;
        throw new Error(
          `anchor: page ${page} never painted (scrollTop ${c.scrollTop}, current ${viewer.currentPageNumber}, ` +
            `state ${viewer.getPageView(page - 1)?.renderingState}, visibility ${document.visibilityState}, rendered ${[...rendered].join(' ')})`,
        );
      }
      times.push(performance.now() - start);
    }
    return times;
  },
};

(window as unknown as { hsBench: ViewerBench }).hsBench = bench;
