/**
 * The pdf.js engine adapter. Two pdf.js builds sit behind it, loaded lazily with `import()` on
 * first use and chosen by feature detection (see {@link detectEngine}):
 *
 * - `current`: pdfjs-dist 6.x `legacy/` build, for Chromium 125+ / Firefox 140+;
 * - `floor`: pdfjs-dist 4.10.38 `legacy/` build (npm alias `pdfjs-dist-v4`), for Chromium 103–124
 *   and Firefox ESR 115–139, where 6.x fails (`Promise.withResolvers is not a function`).
 *
 * The rest of the viewer sees only {@link PdfDocumentHandle} and {@link PdfPageHandle}: opening
 * (hardened: no eval, no XFA, no scripting — the scripting sandbox is never loaded), rendering a
 * page into a canvas, reading its text and building its text layer, destroying. Failures come out
 * as a {@link PdfOpenError} whose `kind` the viewer turns into a localised state.
 */
import { pdfjsConfig, PdfjsConfigError, type PdfjsAssets } from './config.js';
import type { PdfjsModule, PdfjsPage, PdfjsTextContent, PdfjsTextItem, PdfjsViewport, PdfjsWorker } from './pdfjs-types.js';

export type { PdfjsTextContent, PdfjsTextItem, PdfjsViewport } from './pdfjs-types.js';

/** The engine names. */
export type PdfEngineName = 'current' | 'floor';

/** Why a document did not open. */
export type PdfOpenErrorKind = 'password-required' | 'password-incorrect' | 'damaged' | 'network' | 'config';

/** A document that did not open, classified. `cause` holds pdf.js's own error. */
export class PdfOpenError extends Error {
  override readonly name = 'PdfOpenError';
  readonly kind: PdfOpenErrorKind;
  constructor(kind: PdfOpenErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

/**
 * Which engine this browser can run: `current` when it has what pdfjs-dist 6.x's legacy build
 * needs and cannot polyfill (`Promise.withResolvers`, async iteration of `ReadableStream`, CSS
 * `round()` — together, Chromium 125+ / Firefox 140+), else `floor`.
 */
export function detectEngine(): PdfEngineName {
  const hasWithResolvers = typeof (Promise as { withResolvers?: unknown }).withResolvers === 'function';
  const hasStreamIteration =
    typeof ReadableStream === 'function' && Symbol.asyncIterator in ReadableStream.prototype;
  const hasCssRound =
    typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('width', 'round(down, 10px, 1px)');
  return hasWithResolvers && hasStreamIteration && hasCssRound ? 'current' : 'floor';
}

/** The engine that {@link loadEngine} uses under the present configuration. */
export function selectedEngine(): PdfEngineName {
  const choice = pdfjsConfig()?.engine ?? 'auto';
  return choice === 'auto' ? detectEngine() : choice;
}

const modules = new Map<PdfEngineName, Promise<PdfjsModule>>();

/** Loads (once) the pdf.js module of `name`. */
function loadModule(name: PdfEngineName): Promise<PdfjsModule> {
  let loading = modules.get(name);
  if (!loading) {
    loading = (
      name === 'current'
        ? (import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<unknown>)
        : (import('pdfjs-dist-v4/legacy/build/pdf.mjs') as Promise<unknown>)
    ).then((module) => module as PdfjsModule);
    loading.catch(() => modules.delete(name));
    modules.set(name, loading);
  }
  return loading;
}

const workers = new Map<PdfEngineName, { src: string; worker: PdfjsWorker }>();

/**
 * The engine's worker, shared by every document it opens (as pdf.js's own viewer keeps one for
 * its lifetime): starting a worker means fetching and compiling a megabyte of script, which a
 * second document should not pay again. Recreated if it died or the configuration changed.
 */
function sharedWorker(module: PdfjsModule, engine: PdfEngineName, src: string): PdfjsWorker {
  const existing = workers.get(engine);
  if (existing && existing.src === src && !existing.worker.destroyed) return existing.worker;
  existing?.worker.destroy();
  module.GlobalWorkerOptions.workerSrc = src;
  const worker = new module.PDFWorker({ name: `huishen-pdfjs-${engine}` });
  workers.set(engine, { src, worker });
  return worker;
}

/**
 * Starts loading the selected engine and its worker without opening anything, so that a PDF
 * still downloading opens sooner. Safe to call often; failures surface later in {@link openPdf}.
 */
export function preloadPdfjs(): void {
  let engine: PdfEngineName;
  let assets: PdfjsAssets;
  try {
    engine = selectedEngine();
    assets = assetsOf(engine);
  } catch {
    return;
  }
  loadModule(engine).then(
    (module) => void sharedWorker(module, engine, assets.workerSrc!),
    () => undefined,
  );
}

/** What {@link openPdf} takes. */
export interface OpenPdfOptions {
  /** The file's bytes. Copied unless `transfer` is set: pdf.js moves what it is given to its worker. */
  readonly data: Uint8Array;
  /**
   * Hand `data`'s buffer over to the worker instead of copying it (it becomes detached here).
   * Saves holding a large file twice; the caller must not use `data` afterwards.
   */
  readonly transfer?: boolean;
  /** The user password, when the file needs one. */
  readonly password?: string;
  /** Aborting destroys the loading task. */
  readonly signal?: AbortSignal;
}

/** One page, engine-independent. */
export interface PdfPageHandle {
  /** 1-based page number. */
  readonly pageNumber: number;
  /** The view box `[x1, y1, x2, y2]` in user space (CropBox ∩ MediaBox). */
  readonly view: [number, number, number, number];
  /** The page's own `/Rotate`, 0/90/180/270. */
  readonly rotate: number;
  /** `/UserUnit` (1 unless the page sets it). */
  readonly userUnit: number;
  /** A pdf.js viewport; `scale` is CSS px per point, `rotation` the total rotation. */
  viewport(scale: number, rotation: number): PdfjsViewport;
  /**
   * Renders into `canvas` (sized by the caller) at `viewport`, with `outputScale` device pixels
   * per CSS pixel. Aborting `signal` cancels the render task; the promise then rejects with an
   * `AbortError` DOMException.
   */
  render(canvas: HTMLCanvasElement, viewport: PdfjsViewport, outputScale: number, signal?: AbortSignal): Promise<void>;
  /**
   * The page's text content, read from the text stream (`getTextContent` of pdfjs-dist 5.5+
   * needs Chromium 124). Not cached: callers keep what they need (a text layer, a search index),
   * so a long document does not keep every page's text items alive.
   */
  text(): Promise<PdfjsTextContent>;
  /**
   * Builds pdf.js's text layer into `container` (positioned spans, transparent text). Returns the
   * spans, one per text item (aligned with `text().items` that carry `str`).
   */
  textLayer(container: HTMLElement, viewport: PdfjsViewport, signal?: AbortSignal): Promise<HTMLElement[]>;
  /** Frees the page's resources in the worker (fonts and images are reloaded when needed). */
  cleanup(): void;
}

/** An open document, engine-independent. */
export interface PdfDocumentHandle {
  /** Which engine opened it. */
  readonly engine: PdfEngineName;
  /** The pdf.js version string of that engine. */
  readonly version: string;
  readonly numPages: number;
  getPage(pageNumber: number): Promise<PdfPageHandle>;
  /** Destroys the document and its loading task (works on both engines). */
  destroy(): Promise<void>;
}

function abortError(): DOMException {
  return new DOMException('aborted', 'AbortError');
}

function classify(error: unknown): PdfOpenError {
  if (error instanceof PdfOpenError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    const code = (error as { code?: unknown }).code;
    return new PdfOpenError(code === 2 ? 'password-incorrect' : 'password-required', message, { cause: error });
  }
  if (name === 'ResponseException' || name === 'UnexpectedResponseException' || name === 'MissingPDFException') {
    return new PdfOpenError('network', message, { cause: error });
  }
  // InvalidPDFException, FormatError, UnknownErrorException and anything else the parser throws.
  return new PdfOpenError('damaged', message, { cause: error });
}

function assetsOf(engine: PdfEngineName): PdfjsAssets {
  const config = pdfjsConfig();
  if (!config) throw new PdfOpenError('config', 'pdf.js assets are not configured: call configurePdfjs() first');
  const assets = engine === 'current' ? config : (config.floor ?? {});
  if (!assets.workerSrc) {
    throw new PdfOpenError('config', `configurePdfjs: no workerSrc for the ${engine} pdf.js engine`, {
      cause: new PdfjsConfigError('missing workerSrc'),
    });
  }
  return assets;
}

/** Merges the chunks of a text stream into one text content (works on every engine). */
async function readTextStream(page: PdfjsPage): Promise<PdfjsTextContent> {
  const reader = page.streamTextContent({ includeMarkedContent: false }).getReader();
  const items: PdfjsTextItem[] = [];
  const styles: Record<string, unknown> = {};
  let lang: string | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    lang ??= value.lang ?? null;
    Object.assign(styles, value.styles);
    for (const item of value.items) items.push(item);
  }
  return { items, styles, lang };
}

function wrapPage(module: PdfjsModule, engine: PdfEngineName, page: PdfjsPage): PdfPageHandle {
  const handle: PdfPageHandle = {
    pageNumber: page.pageNumber,
    view: [page.view[0] ?? 0, page.view[1] ?? 0, page.view[2] ?? 0, page.view[3] ?? 0],
    rotate: page.rotate,
    userUnit: page.userUnit ?? 1,
    viewport: (scale, rotation) => page.getViewport({ scale: scale / (page.userUnit ?? 1), rotation }),
    async render(canvas, viewport, outputScale, signal) {
      if (signal?.aborted) throw abortError();
      const transform = outputScale === 1 ? undefined : [outputScale, 0, 0, outputScale, 0, 0];
      const task =
        engine === 'current'
          ? page.render({ canvas, viewport, transform })
          : page.render({ canvasContext: canvas.getContext('2d', { alpha: false })!, viewport, transform });
      const onAbort = () => task.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await task.promise;
      } catch (error) {
        if ((error as { name?: unknown })?.name === 'RenderingCancelledException' || signal?.aborted) throw abortError();
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    text: () => readTextStream(page),
    async textLayer(container, viewport, signal) {
      const content = await handle.text();
      if (signal?.aborted) throw abortError();
      const layer = new module.TextLayer({ textContentSource: content, container, viewport });
      const onAbort = () => layer.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await layer.render();
      } catch (error) {
        if (signal?.aborted) throw abortError();
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
      return layer.textDivs;
    },
    cleanup: () => void page.cleanup(),
  };
  return handle;
}

/**
 * Opens a PDF with the engine this browser runs. Rejects with a {@link PdfOpenError}: a missing
 * or wrong password, a file pdf.js cannot read (`damaged`), or missing configuration.
 */
export async function openPdf(options: OpenPdfOptions): Promise<PdfDocumentHandle> {
  const engine = selectedEngine();
  const assets = assetsOf(engine);
  if (options.signal?.aborted) throw abortError();
  let module: PdfjsModule;
  try {
    module = await loadModule(engine);
  } catch (error) {
    throw new PdfOpenError('config', `cannot load the ${engine} pdf.js engine: ${String(error)}`, { cause: error });
  }
  const worker = sharedWorker(module, engine, assets.workerSrc!);
  const task = module.getDocument({
    worker,
    data: options.transfer ? options.data : options.data.slice(),
    password: options.password,
    cMapUrl: assets.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: assets.standardFontDataUrl,
    ...(engine === 'current' ? { wasmUrl: assets.wasmUrl, iccUrl: assets.iccUrl } : { isEvalSupported: false }),
    enableXfa: false,
    // Passwords are asked for by the viewer, which re-opens with one; never through pdf.js's callback.
    stopAtErrors: false,
  });
  const onAbort = () => void task.destroy();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    void task.destroy();
    if (options.signal?.aborted) throw abortError();
    throw classify(error);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const pages = new Map<number, Promise<PdfPageHandle>>();
  return {
    engine,
    version: module.version,
    numPages: doc.numPages,
    getPage(pageNumber) {
      let page = pages.get(pageNumber);
      if (!page) {
        page = doc.getPage(pageNumber).then((p) => wrapPage(module, engine, p));
        page.catch(() => pages.delete(pageNumber));
        pages.set(pageNumber, page);
      }
      return page;
    },
    destroy: async () => {
      pages.clear();
      await task.destroy();
    },
  };
}
