/**
 * The slice of pdf.js's API the adapter uses, typed structurally so that one set of types fits
 * both engines (pdfjs-dist 6.x and 4.10.38 declare them differently). Only `engine.ts` uses them.
 */

/** A pdf.js `PageViewport`. */
export interface PdfjsViewport {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly rotation: number;
  readonly transform: number[];
  convertToViewportPoint(x: number, y: number): number[];
  convertToPdfPoint(x: number, y: number): number[];
}

/** One item of a page's text content. Marked-content items have no `str`. */
export interface PdfjsTextItem {
  readonly str?: string;
  readonly hasEOL?: boolean;
  readonly transform?: number[];
  readonly width?: number;
  readonly height?: number;
  readonly fontName?: string;
  readonly type?: string;
}

/** A page's text content. */
export interface PdfjsTextContent {
  readonly items: PdfjsTextItem[];
  readonly styles: Record<string, unknown>;
  readonly lang: string | null;
}

interface PdfjsRenderTask {
  readonly promise: Promise<void>;
  cancel(): void;
}

/** Render parameters of either engine: 6.x takes `canvas`, 4.x `canvasContext`. */
interface PdfjsRenderParameters {
  readonly canvas?: HTMLCanvasElement;
  readonly canvasContext?: CanvasRenderingContext2D;
  readonly viewport: PdfjsViewport;
  readonly transform?: number[] | undefined;
}

/** A pdf.js `PDFPageProxy`. */
export interface PdfjsPage {
  readonly pageNumber: number;
  readonly view: number[];
  readonly rotate: number;
  readonly userUnit?: number;
  getViewport(options: { scale: number; rotation?: number }): PdfjsViewport;
  render(parameters: PdfjsRenderParameters): PdfjsRenderTask;
  streamTextContent(options?: { includeMarkedContent?: boolean }): ReadableStream<{
    items: PdfjsTextItem[];
    styles: Record<string, unknown>;
    lang?: string | null;
  }>;
  cleanup(): boolean | void;
}

/** A pdf.js `PDFDocumentProxy`. */
export interface PdfjsDocument {
  readonly numPages: number;
  getPage(pageNumber: number): Promise<PdfjsPage>;
}

/** A pdf.js `PDFDocumentLoadingTask`. */
export interface PdfjsLoadingTask {
  readonly promise: Promise<PdfjsDocument>;
  destroy(): Promise<void>;
}

/** A pdf.js `TextLayer`. */
export interface PdfjsTextLayer {
  render(): Promise<void>;
  cancel(): void;
  readonly textDivs: HTMLElement[];
}

/** A pdf.js `PDFWorker`: one worker thread, shareable by several documents. */
export interface PdfjsWorker {
  readonly destroyed: boolean;
  readonly promise: Promise<void>;
  destroy(): void;
}

/** The pdf.js module (`legacy/build/pdf.mjs`) of either engine. */
export interface PdfjsModule {
  readonly version: string;
  readonly GlobalWorkerOptions: { workerSrc: string };
  readonly PDFWorker: new (options?: { name?: string }) => PdfjsWorker;
  getDocument(source: Record<string, unknown>): PdfjsLoadingTask;
  readonly TextLayer: new (options: {
    textContentSource: PdfjsTextContent;
    container: HTMLElement;
    viewport: PdfjsViewport;
  }) => PdfjsTextLayer;
}
