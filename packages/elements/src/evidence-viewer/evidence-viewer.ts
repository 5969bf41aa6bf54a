/**
 * `<hs-evidence-viewer>` shows one evidence item — a PDF, a JPEG/PNG/WebP image or a camera
 * still — faithfully and fast, and proves it is the same file every venue sees.
 *
 * How to think about it: the element is the state machine and the controls; the pixels live in
 * plain objects. `PageStack` owns the scroll column and decides which pages are drawn;
 * `PageView` owns one page's layers; `FindController` owns a search; the pdf.js engine adapter
 * (`../pdf/engine.ts`) hides which pdf.js build runs. Loading is one generation at a time: a new
 * `src`, `source` or `evidence-id` aborts whatever was in flight.
 */
import { consume } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { HsAnnotationLayer } from '../annotation-layer/annotation-layer.js';
import { HsDocumentErrorEvent } from '../events/document-error-event.js';
import { HsDocumentLoadEvent } from '../events/document-load-event.js';
import { HsIntegrityMismatchEvent } from '../events/integrity-mismatch-event.js';
import { HsPageChangeEvent } from '../events/page-change-event.js';
import { HsViewportChangeEvent } from '../events/viewport-change-event.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { preloadPdfjs, type PdfDocumentHandle } from '../pdf/engine.js';
import { cssToPdf, normalizeRotation, pdfRectToCss, type PageGeometry, type PdfRect } from '../pdf/geometry.js';
import { roomContext, type RoomContextValue } from '../room/room-context.js';
import { styles } from './evidence-viewer.styles.js';
import { FindController, type FindState } from './find-controller.js';
import { revealMatch, showHighlights } from './find-view.js';
import { PageStack, shapeOf } from './page-stack.js';
import { PinchTracker } from './pinch.js';
import { ThumbnailStrip } from './thumbnails.js';
import {
  disposeEvidence,
  looksLikePdf,
  OpenFailure,
  openEvidence,
  readEvidenceBytes,
  type EvidenceInput,
  type OpenedEvidence,
} from './open-evidence.js';
import { parseLayout, ZOOM_LEVELS, type EvidenceViewerKind, type EvidenceViewerLayout, type EvidenceViewerStatus, type EvidenceViewerZoom, type IntegrityState } from './status.js';
import { renderAnnotations, renderStatusPanel, renderToolbar } from './evidence-viewer.view.js';
import { findEvidenceById, findEvidenceRecord, publishIntegrity, recordIntegrity, type EvidenceLookup } from './room-evidence.js';

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 8;
const FIT_MARGIN = 12;

/** Parses the `zoom` attribute: `fit-width`, `fit-page`, a factor (`1.5`) or a percentage (`150%`). */
export function parseZoom(value: string | null): EvidenceViewerZoom {
  if (value === 'fit-page' || value === 'fit-width') return value;
  if (value == null || value.trim() === '') return 'fit-width';
  const percent = value.trim().endsWith('%');
  const n = Number.parseFloat(value);
  if (!Number.isFinite(n) || n <= 0) return 'fit-width';
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, percent ? n / 100 : n));
}

/**
 * A PDF, image or camera still, in continuous vertical scroll or one page at a time (`layout`),
 * with zoom (also pinch), rotation, page navigation (with a thumbnails sidebar, `thumbnails`),
 * find (Chinese, Japanese, Korean) and text selection; an integrity check of the bytes shown
 * against the expected SHA-256.
 *
 * Standalone: set `src` (a URL) or `source` (an ArrayBuffer, typed array or Blob). In a room: set
 * `evidence-id`; the element reads the evidence record from the room context, downloads the bytes
 * from the room's evidence store and checks them against the record's SHA-256. PDFs need
 * `configurePdfjs()` to have been called once (see the README).
 *
 * Keyboard (with the document area focused): `n`/`j` next page, `p`/`k` previous page,
 * `Ctrl`+`+`/`-` zoom, `Ctrl`+`0` fit width, `r` rotate (`Shift`+`r` back), `Ctrl`+`f` find;
 * arrows, Page Up/Down, Home/End scroll. In the single-page layout, Page Down at the bottom of a
 * page and Page Up at its top turn the page, Home and End go to the first and last page. In the
 * find box: `Enter` next, `Shift`+`Enter` previous.
 *
 * Touch: pinch with two fingers on the document zooms around the pinch centre (as `Ctrl`+wheel
 * zooms around the mouse pointer).
 *
 * @summary Shows a PDF or image evidence item with zoom, rotation, find and an integrity check.
 *
 * @slot annotations-page-N - Content laid over page N (1-based) above the text layer: the
 *   annotation layer. Position children in percentages of the page box; `--hs-page-scale` on the
 *   page gives CSS pixels per user-space unit.
 * @slot presence-page-N - Content over page N above the annotations: remote cursors, laser.
 *
 * @csspart base - Everything: toolbar, warnings, document area.
 * @csspart toolbar - The controls (`role="toolbar"`).
 * @csspart page-input - The page number input.
 * @csspart zoom-select - The zoom menu.
 * @csspart layout-toggle - The single-page layout toggle button (`aria-pressed`).
 * @csspart thumbnails-toggle - The thumbnails sidebar toggle button (`aria-pressed`; PDFs only).
 * @csspart thumbnails - The thumbnails sidebar (`thumbnails` attribute), beside the document area.
 * @csspart thumbnail - One page's thumbnail button in the sidebar (`aria-current="page"` on the
 *   current page; `data-page` holds its number).
 * @csspart find-input - The find box.
 * @csspart find-count - "3 of 12 matches" / "No matches".
 * @csspart integrity-warning - The SHA-256 mismatch warning (`role="alert"`).
 * @csspart integrity-note - Said when the file could not be hashed (no Web Crypto on plain HTTP).
 * @csspart viewport - The scrolling document area (focusable).
 * @csspart page - One page's box; `data-page` holds its number.
 * @csspart canvas - A page's drawing.
 * @csspart image - The image of an image evidence item.
 * @csspart text-layer - A page's selectable text.
 * @csspart find-highlight - A find match; the current one also has part `find-highlight-selected`.
 * @csspart annotation-layer - A page's annotation slot container.
 * @csspart presence-layer - A page's presence slot container.
 * @csspart annotation-toolbar - The `<hs-annotation-toolbar>` shown with the `annotation-toolbar`
 *   attribute (in a room with an `evidence-id`).
 * @csspart status-panel - Loading progress, password prompt, or the error shown instead of the file.
 *
 * @cssproperty --hs-evidence-viewer-height - Height of the element. Default `600px`.
 * @cssproperty --hs-evidence-viewer-color - Text colour. Falls back to `--hs-sys-color-on-surface`.
 * @cssproperty --hs-evidence-viewer-background - Behind the pages. Falls back to
 *   `--hs-sys-color-surface-container`.
 * @cssproperty --hs-evidence-viewer-toolbar-background - Toolbar and panels. Falls back to
 *   `--hs-sys-color-surface`.
 * @cssproperty --hs-evidence-viewer-border-color - Borders. Falls back to `--hs-sys-color-outline`.
 * @cssproperty --hs-evidence-viewer-focus-color - Focus ring. Falls back to `--hs-sys-color-focus`.
 * @cssproperty --hs-evidence-viewer-page-gap - Space between pages. Default `12px`.
 * @cssproperty --hs-evidence-viewer-page-background - Page colour under the drawing. Default white.
 * @cssproperty --hs-evidence-viewer-page-shadow - Page shadow.
 * @cssproperty --hs-evidence-viewer-find-color - Find matches.
 * @cssproperty --hs-evidence-viewer-find-selected-color - The current match.
 * @cssproperty --hs-evidence-viewer-find-selected-outline - Outline of the current match.
 * @cssproperty --hs-evidence-viewer-selection-color - Selected text.
 * @cssproperty --hs-evidence-viewer-warning-color - Integrity warning text and border. Falls back
 *   to `--hs-sys-color-error`.
 * @cssproperty --hs-evidence-viewer-warning-background - Integrity warning background.
 *
 * @event {HsDocumentLoadEvent} hs-document-load - The file is shown. `kind`, `pageCount`, `sha256`.
 * @event {HsDocumentErrorEvent} hs-document-error - The file cannot be shown (yet): `status`
 *   (`password`, `damaged`, `unsupported`, `network-error`), `detail`, `passwordIncorrect`.
 * @event {HsPageChangeEvent} hs-page-change - The current page changed: `page`, `previousPage`.
 * @event {HsViewportChangeEvent} hs-viewport-change - What the viewport shows changed: `page`,
 *   `region` (PDF user space of the unrotated page), `zoom`, `rotation`.
 * @event {HsIntegrityMismatchEvent} hs-integrity-mismatch - The bytes shown do not have the
 *   expected SHA-256: `expected`, `actual`.
 */
export class HsEvidenceViewer extends LitElement {
  static override styles = styles;

  /** URL of the file to show (standalone use). */
  @property({ attribute: 'src' }) src = '';

  /** The file's bytes (standalone use); takes precedence over `src`. */
  @property({ attribute: false }) source: ArrayBuffer | ArrayBufferView | Blob | undefined = undefined;

  /** Id of an evidence item of the room provided by the context (in-room use). */
  @property({ attribute: 'evidence-id' }) evidenceId = '';

  /** The SHA-256 (hex) the bytes must have. In a room, the evidence record's hash is used if this is empty. */
  @property({ attribute: 'expected-sha256' }) expectedSha256 = '';

  /** The current page (1-based). Setting it scrolls there. */
  @property({ attribute: 'page', type: Number }) page = 1;

  /** `fit-width` (default), `fit-page`, or a factor (1 = 100 %); the attribute also takes `150%`. */
  @property({ attribute: 'zoom', converter: { fromAttribute: parseZoom, toAttribute: (v: EvidenceViewerZoom) => String(v) } })
  zoom: EvidenceViewerZoom = 'fit-width';

  /** View rotation in degrees clockwise (0, 90, 180, 270), on top of each page's own rotation. */
  @property({ attribute: 'rotation', type: Number }) rotation = 0;

  /**
   * `continuous` (default): every page in one vertical scroll. `single`: only the current page is
   * shown; the page input, the page buttons and the page keys turn pages. Reflected.
   */
  @property({ attribute: 'layout', reflect: true, converter: { fromAttribute: parseLayout, toAttribute: (v: EvidenceViewerLayout) => v } })
  layout: EvidenceViewerLayout = 'continuous';

  /**
   * Shows the thumbnails sidebar: a button per page, drawn small and only while in view. Arrow
   * keys move between thumbnails, Enter goes to the page. Reflected.
   */
  @property({ attribute: 'thumbnails', type: Boolean, reflect: true }) thumbnails = false;

  /**
   * Turns the annotation layer off. Otherwise a viewer with a room and an `evidence-id` shows the
   * room's annotations of that item over its pages, with the tools (see `<hs-annotation-layer>`).
   */
  @property({ attribute: 'no-annotations', type: Boolean }) noAnnotations = false;

  /** Shows `<hs-annotation-toolbar>` under the document area (when the annotation layer is on). */
  @property({ attribute: 'annotation-toolbar', type: Boolean }) annotationToolbar = false;

  /** The room, from `<hs-room>` or any `roomContext` provider. */
  @consume({ context: roomContext, subscribe: true })
  @property({ attribute: false })
  room: RoomContextValue | undefined = undefined;

  @state() private _status: EvidenceViewerStatus = 'idle';
  @state() private _pageCount = 0;
  @state() private _kind: EvidenceViewerKind | undefined;
  @state() private _progress: number | undefined;
  @state() private _failure: OpenFailure | undefined;
  @state() private _integrity: IntegrityState = 'unchecked';
  @state() private _announcement = '';
  @state() private _find: FindState = { query: '', matches: [], index: -1, searching: false };
  @state() private _zoomFactor = 1;
  @state() private _waitingForRecord = false;

  @query('.viewport') private _viewport!: HTMLElement;
  @query('.column') private _column!: HTMLElement;
  @query('.thumbnails') private _thumbnailsSidebar!: HTMLElement;

  /** @internal */
  readonly locale = new LocaleController(this);
  #stack: PageStack | undefined;
  #opened: OpenedEvidence | undefined;
  #generation = 0;
  #abort: AbortController | undefined;
  #lastPage = 1;
  #lastViewport = '';
  #pendingRegion: { page: number; rect: PdfRect; fit?: boolean } | undefined;
  #resize: ResizeObserver | undefined;
  #thumbnails: ThumbnailStrip | undefined;
  #unobserveRoom: (() => void) | undefined;
  /** Set when disconnected with something open: reconnecting opens it again. */
  #reopen = false;
  /** Reads the other pages' sizes; started once the first page is painted, not to delay it. */
  #shapesPending: (() => void) | undefined;
  readonly #findController = new FindController({ onChange: (s) => this.#onFind(s) });

  /** `idle`, `loading`, `ready`, `password`, `damaged`, `unsupported` or `network-error`; reflected to the `status` attribute. */
  get status(): EvidenceViewerStatus {
    return this._status;
  }

  /** Number of pages (0 until ready; 1 for images). */
  get pageCount(): number {
    return this._pageCount;
  }

  /** The zoom factor in effect (1 = 100 %), also when `zoom` is `fit-width` or `fit-page`. */
  get zoomFactor(): number {
    return this._zoomFactor;
  }

  /** Result of the SHA-256 check: `ok`, `mismatch`, or `unchecked`; reflected to the `integrity` attribute. */
  get integrity(): IntegrityState {
    return this._integrity;
  }

  /** Lower-case hex SHA-256 of the bytes shown, once loaded. */
  get sha256(): string | undefined {
    return this.#opened?.sha256;
  }

  /** What is shown: `pdf`, `image`, or `undefined` before it is known. */
  get kind(): EvidenceViewerKind | undefined {
    return this._kind;
  }

  /** Pages holding a canvas right now (visible pages plus a small buffer). For tests and diagnostics. */
  get liveCanvasCount(): number {
    return this.#stack?.liveCanvasCount ?? 0;
  }

  /** Thumbnails holding a canvas right now (bounded). For tests and diagnostics. */
  get liveThumbnailCount(): number {
    return this.#thumbnails?.liveCount ?? 0;
  }

  /**
   * How `page` (1-based) is shown right now: its view box, CSS pixels per user-space unit and total
   * rotation; the input of every conversion in `pdf/geometry.ts`. `undefined` until the document is
   * open or when there is no such page.
   */
  pageGeometry(page: number): PageGeometry | undefined {
    return this._status === 'ready' ? this.#stack?.geometry(page) : undefined;
  }

  /**
   * The page box element of `page` (part `page`), for layers that position themselves over it.
   * `undefined` until the document is open.
   */
  pageElement(page: number): HTMLElement | undefined {
    return this._status === 'ready' ? this.#stack?.views[page - 1]?.element : undefined;
  }

  /** The annotation layer over the pages, while there is one (room, `evidence-id`, not `no-annotations`). */
  get annotationLayer(): HsAnnotationLayer | undefined {
    // Loaded on demand (see `updated`): until its module has run, the element is not upgraded.
    const layer = this.renderRoot.querySelector('hs-annotation-layer');
    return layer && layer.matches(':defined') ? layer : undefined;
  }

  /** Pages at least partly in the viewport now, in order. */
  get visiblePages(): readonly number[] {
    return this.#stack?.visible.map((v) => v.page) ?? [];
  }

  /**
   * The page under the viewport point `clientX`, `clientY` (as in a `PointerEvent`) and that point
   * in PDF user space of the unrotated page; `undefined` when it is over no page.
   */
  pagePointAt(clientX: number, clientY: number): { page: number; x: number; y: number } | undefined {
    if (this._status !== 'ready' || !this.#stack) return undefined;
    for (const page of this.visiblePages) {
      const element = this.#stack.views[page - 1]?.element;
      const geometry = this.#stack.geometry(page);
      if (!element || !geometry) continue;
      const box = element.getBoundingClientRect();
      if (clientX < box.left || clientX > box.right || clientY < box.top || clientY > box.bottom) continue;
      const [x, y] = cssToPdf(geometry, [clientX - box.left, clientY - box.top]);
      return { page, x, y };
    }
    return undefined;
  }

  /** Scrolls to `page` (1-based, clamped). */
  goToPage(page: number): void {
    if (!this.#stack || this._pageCount === 0) {
      this.page = page;
      return;
    }
    const target = Math.min(this._pageCount, Math.max(1, Math.round(page) || 1));
    this.#stack.scrollToPage(target);
  }

  /** Scrolls so that `rect` (`[x1, y1, x2, y2]`, PDF user space of the unrotated `page`) is in view. */
  scrollToRegion(page: number, rect: PdfRect): void {
    if (!this.#stack || this._status !== 'ready') {
      this.#pendingRegion = { page, rect };
      return;
    }
    this.#stack.scrollToRegion(page, rect);
  }

  /**
   * Shows `rect` (`[x1, y1, x2, y2]`, PDF user space of the unrotated `page`) whole, as large as the
   * viewport allows and centred in it; `zoom` becomes that factor. Follow mode uses it to show
   * the presenter's region at this screen's own size. Before the document is open, it is done
   * once it is.
   */
  fitRegion(page: number, rect: PdfRect): void {
    const stack = this.#stack;
    const geometry = this._status === 'ready' ? stack?.geometry(page) : undefined;
    if (!stack || !geometry) {
      this.#pendingRegion = { page, rect, fit: true };
      return;
    }
    const css = pdfRectToCss(geometry, rect);
    const width = Math.max(50, this._viewport.clientWidth - 2 * FIT_MARGIN);
    const height = Math.max(50, this._viewport.clientHeight - 2 * FIT_MARGIN);
    const factor = this._zoomFactor * Math.min(width / Math.max(1, css.width), height / Math.max(1, css.height));
    this.zoom = this._zoomFactor = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, factor));
    stack.setView(this._zoomFactor, normalizeRotation(this.rotation));
    stack.scrollToRegion(page, rect);
    const element = stack.views[page - 1]?.element;
    const shown = stack.geometry(page);
    if (!element || !shown) return;
    const box = pdfRectToCss(shown, rect);
    this._viewport.scrollTop = element.offsetTop + box.top + box.height / 2 - this._viewport.clientHeight / 2;
    this._viewport.scrollLeft = element.offsetLeft + box.left + box.width / 2 - this._viewport.clientWidth / 2;
    stack.update();
  }

  /** Downloads and opens the file again (after a network error). */
  retry(): void {
    void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    // A viewer taken out of the page (a closed tab of a portal) frees the document, its worker
    // state and its canvases; put back, it opens the file again.
    if (this._status !== 'idle') {
      this.#generation++;
      this.#reset();
      this._status = 'idle';
      this.#reopen = true;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this._viewport) this.#resize?.observe(this._viewport);
    if (this.#reopen) {
      this.#reopen = false;
      void this.#load();
    }
  }

  protected override firstUpdated(): void {
    this.#stack = new PageStack(this._viewport, this._column, {
      pageLabel: (page) => this.locale.t('evidence-viewer.page-label', { page }),
      onViewChange: () => this.#onViewChange(),
      onPageRendered: () => {
        const start = this.#shapesPending;
        this.#shapesPending = undefined;
        start?.();
      },
      onRenderError: (page, error) => {
        console.warn(`hs-evidence-viewer: page ${page} failed to render`, error);
        this.#announce(this.locale.t('evidence-viewer.page-failed', { page }));
      },
    });
    // Re-fitting changes the pages' sizes, which can show or hide the scrollbar and resize the
    // viewport again: do it in the next frame, once, so no resize loop ("ResizeObserver loop
    // completed with undelivered notifications") reaches the page.
    let refit = 0;
    this.#resize = new ResizeObserver(() => {
      if (refit) return;
      refit = requestAnimationFrame(() => {
        refit = 0;
        if (typeof this.zoom === 'string') this.#applyView();
        this.#stack?.schedule();
      });
    });
    this.#resize.observe(this._viewport);
    this.#stack.setSingle(this.layout === 'single');
    this.#thumbnails = new ThumbnailStrip(this._thumbnailsSidebar, {
      label: (page) => this.locale.t('evidence-viewer.page-label', { page }),
      onSelect: (page) => this.goToPage(page),
    });
    // Listens on the viewport for as long as the shadow root lives; nothing to tear down.
    void new PinchTracker(this._viewport, (ratio, x, y) => this.#zoomAt(this._zoomFactor * ratio, x, y));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') || changed.has('source') || changed.has('evidenceId') || changed.has('room')) {
      if (changed.has('room') && !changed.has('evidenceId') && !this.evidenceId && this.hasUpdated) return;
      void this.#load();
    } else if (changed.has('expectedSha256') && this.sha256) {
      this.#checkIntegrity(this.expectedSha256 || undefined);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The annotation layer (and its toolbar) are loaded only when there is something to annotate:
    // a standalone viewer never pays for them (the model, Yjs and the tools).
    if (this.room !== undefined && this.evidenceId !== '' && !this.noAnnotations) {
      if (!customElements.get('hs-annotation-layer')) void import('../annotation-layer/hs-annotation-layer.js');
      if (this.annotationToolbar && !customElements.get('hs-annotation-toolbar')) void import('../annotation-toolbar/hs-annotation-toolbar.js');
    }
    if (changed.has('_status' as keyof HsEvidenceViewer)) this.setAttribute('status', this._status);
    if (changed.has('_integrity' as keyof HsEvidenceViewer)) this.setAttribute('integrity', this._integrity);
    if (changed.has('layout')) this.#stack?.setSingle(this.layout === 'single');
    if ((changed.has('zoom') || changed.has('rotation')) && this._status === 'ready') this.#applyView();
    if (changed.has('page') && this._status === 'ready' && this.page !== this.#lastPage) this.goToPage(this.page);
  }

  // ── Loading ───────────────────────────────────────────────────────────────────────────────

  #reset(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#stack?.setSource(undefined);
    this.#thumbnails?.setSource(undefined);
    this.#findController.setDocument(undefined);
    disposeEvidence(this.#opened);
    this.#opened = undefined;
    this.#unobserveRoom?.();
    this.#unobserveRoom = undefined;
    this._pageCount = 0;
    this._kind = undefined;
    this._progress = undefined;
    this._failure = undefined;
    this._integrity = 'unchecked';
    this._waitingForRecord = false;
    this.#shapesPending = undefined;
    this.#lastViewport = '';
  }

  /** Where the bytes come from now, or `undefined` (idle, or waiting for the room's record). */
  #input(generation: number): { input: EvidenceInput; expected: string | undefined } | undefined {
    const expected = this.expectedSha256 || undefined;
    if (this.source !== undefined) return { input: { source: this.source }, expected };
    if (this.evidenceId && this.room) {
      const lookup = this.#lookupRecord(generation);
      return lookup && { input: lookup, expected: expected ?? lookup.sha256 };
    }
    return this.src ? { input: { url: this.src }, expected } : undefined;
  }

  async #load(password?: string): Promise<void> {
    const generation = ++this.#generation;
    this.#reset();
    const abort = new AbortController();
    this.#abort = abort;
    const current = () => generation === this.#generation;
    // Bytes are never kept (pdf.js takes them): a password retry reads the source again.
    const from = this.#input(generation);
    if (!from) {
      if (!this._waitingForRecord) this.#setStatus('idle');
      return;
    }
    this.#setStatus('loading');
    let opened: OpenedEvidence;
    try {
      if (looksLikePdf(from.input)) preloadPdfjs(); // start pdf.js while the bytes arrive
      const loaded = await readEvidenceBytes(from.input, (n, total) => this.#onProgress(generation, n, total), abort.signal);
      if (!current()) return;
      opened = await openEvidence(loaded, password, abort.signal);
    } catch (error) {
      if (!current()) return;
      this.#fail(error instanceof OpenFailure ? error : new OpenFailure('damaged', String(error)));
      return;
    }
    if (!current()) {
      disposeEvidence(opened);
      return;
    }
    this.#opened = opened;
    this._kind = opened.kind;
    if (opened.kind === 'image') {
      this._pageCount = 1;
      const view: [number, number, number, number] = [0, 0, opened.width, opened.height];
      this.#stack!.setSource({ pageCount: 1, firstShape: { view, rotate: 0, unitScale: 1, yDown: true } });
      this.#stack!.views[0]!.showImage(opened.url, this.locale.t('evidence-viewer.image-alt'));
    } else {
      const { doc } = opened;
      this._pageCount = doc.numPages;
      this.#stack!.setSource({ pageCount: doc.numPages, firstShape: shapeOf(opened.first), getPage: (n) => doc.getPage(n) });
      const stack = this.#stack!;
      this.#thumbnails?.setSource({ pageCount: doc.numPages, getPage: (n) => doc.getPage(n), shape: (n) => stack.shape(n) });
      this.#findController.setDocument(doc);
      this.#shapesPending = () => void this.#readShapes(doc, current);
    }
    this.#ready();
    let expected = from.expected;
    if (expected === undefined && this.evidenceId && this.room) expected = findEvidenceRecord(this.room, this.evidenceId)?.sha256;
    this.#checkIntegrity(expected);
  }

  /** The room's record for `evidence-id`; while it is missing, waits for the document to change. */
  #lookupRecord(generation: number): EvidenceLookup | undefined {
    const room = this.room!;
    const found = findEvidenceById(room, this.evidenceId);
    if (found) return found;
    this._waitingForRecord = true;
    this.#setStatus('loading');
    const onUpdate = () => {
      if (generation === this.#generation && findEvidenceRecord(room, this.evidenceId)) {
        this.#unobserveRoom?.();
        this.#unobserveRoom = undefined;
        void this.#load();
      }
    };
    room.doc.on('update', onUpdate);
    this.#unobserveRoom = () => room.doc.off('update', onUpdate);
    return undefined;
  }

  /** Reads every page's size in the background, so the column's layout becomes exact. */
  async #readShapes(doc: PdfDocumentHandle, current: () => boolean): Promise<void> {
    for (let n = 2; n <= doc.numPages; n++) {
      if (!current()) return;
      try {
        this.#stack?.setShape(n, shapeOf(await doc.getPage(n)));
        this.#thumbnails?.setShape(n);
      } catch {
        // A page that cannot be read keeps the estimated size; rendering it reports the error.
      }
    }
  }

  #ready(): void {
    this.#setStatus('ready');
    this.#applyView();
    this.#stack!.update(); // draw the first page now, not a frame later
    const start = this.#pendingRegion;
    this.#pendingRegion = undefined;
    if (start?.fit) this.fitRegion(start.page, start.rect);
    else if (start) this.#stack!.scrollToRegion(start.page, start.rect);
    else if (this.page > 1) this.goToPage(this.page);
    this.#announce(
      this._kind === 'image'
        ? this.locale.t('evidence-viewer.image-ready')
        : this.locale.plural('evidence-viewer.ready', this._pageCount),
    );
    const event = new HsDocumentLoadEvent(this._kind!, this._pageCount, this.sha256);
    this.dispatchEvent(event);
  }

  #checkIntegrity(expected: string | undefined): void {
    const actual = this.sha256;
    const previous = this._integrity;
    this._integrity = !expected || !actual ? 'unchecked' : expected.toLowerCase() === actual ? 'ok' : 'mismatch';
    publishIntegrity(this.room, this.evidenceId, this._integrity);
    if (this._integrity !== 'unchecked' && this._integrity !== previous) recordIntegrity(this.room, this.evidenceId, this._integrity);
    if (this._integrity === 'mismatch' && previous !== 'mismatch') {
      this.#announce(this.locale.t('evidence-viewer.integrity-mismatch'));
      const event = new HsIntegrityMismatchEvent(expected!.toLowerCase(), actual!);
      this.dispatchEvent(event);
    }
  }

  #onProgress(generation: number, loaded: number, total: number | undefined): void {
    if (generation !== this.#generation) return;
    this._progress = total ? Math.min(1, loaded / total) : undefined;
  }

  #setStatus(status: EvidenceViewerStatus): void {
    this._status = status;
    if (status === 'loading') this.#announce(this.locale.t('evidence-viewer.loading'));
  }

  #fail(failure: OpenFailure): void {
    this._failure = failure;
    this._status = failure.status;
    this.#announce(this.statusMessage());
    const event = new HsDocumentErrorEvent(failure.status, failure.message, failure.passwordIncorrect);
    this.dispatchEvent(event);
  }

  #announce(message: string): void {
    // Clearing first makes a repeated message ("wrong password" twice) be read again.
    this._announcement = '';
    void this.updateComplete.then(() => {
      this._announcement = message;
    });
  }

  /** @internal The localised sentence for the current status. */
  statusMessage(): string {
    const t = this.locale;
    switch (this._status) {
      case 'loading':
        if (this._waitingForRecord) return t.t('evidence-viewer.waiting-record');
        return this._progress === undefined
          ? t.t('evidence-viewer.loading')
          : t.t('evidence-viewer.loading-progress', { percent: Math.round(this._progress * 100) });
      case 'password':
        return t.t(this._failure?.passwordIncorrect ? 'evidence-viewer.password-incorrect' : 'evidence-viewer.password-required');
      case 'damaged':
        return t.t(this._failure?.configError ? 'evidence-viewer.config-error' : 'evidence-viewer.damaged');
      case 'unsupported':
        return t.t('evidence-viewer.unsupported');
      case 'network-error':
        return t.t('evidence-viewer.network-error');
      default:
        return '';
    }
  }

  // ── View: zoom, rotation, page, viewport ───────────────────────────────────────────────────

  #applyView(): void {
    const stack = this.#stack;
    if (!stack || this._pageCount === 0) return;
    const rotation = normalizeRotation(this.rotation);
    const page = stack.currentPage;
    // Fit modes measure the page with the new rotation: set rotation first at the old zoom.
    stack.setView(this._zoomFactor, rotation);
    const factor = typeof this.zoom === 'number' ? this.zoom : stack.fitZoom(this.zoom === 'fit-page' ? 'page' : 'width', page, FIT_MARGIN);
    this._zoomFactor = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, factor));
    stack.setView(this._zoomFactor, rotation);
  }

  #onViewChange(): void {
    const stack = this.#stack;
    if (!stack || this._status !== 'ready') return;
    const page = stack.currentPage;
    if (page !== this.#lastPage) {
      const previous = this.#lastPage;
      this.#lastPage = page;
      this.page = page;
      this.#thumbnails?.setCurrent(page);
      const event = new HsPageChangeEvent(page, previous);
      this.dispatchEvent(event);
    }
    const region = stack.visibleRegion();
    if (!region) return;
    const rotation = normalizeRotation(this.rotation);
    const key = `${region.page}|${region.rect.map((v) => v.toFixed(1)).join()}|${this._zoomFactor}|${rotation}`;
    if (key === this.#lastViewport) return;
    this.#lastViewport = key;
    const event = new HsViewportChangeEvent(region.page, region.rect, this._zoomFactor, rotation);
    this.dispatchEvent(event);
  }

  /** @internal */
  setZoom(zoom: EvidenceViewerZoom): void {
    this.zoom = typeof zoom === 'number' ? Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)) : zoom;
  }

  /** @internal One zoom step in or out. */
  stepZoom(direction: 1 | -1): void {
    const now = this._zoomFactor;
    const next =
      direction > 0
        ? (ZOOM_LEVELS.find((z) => z > now + 1e-3) ?? MAX_ZOOM)
        : ([...ZOOM_LEVELS].reverse().find((z) => z < now - 1e-3) ?? MIN_ZOOM);
    this.setZoom(next);
  }

  /** @internal */
  rotate(direction: 1 | -1): void {
    this.rotation = normalizeRotation(this.rotation + direction * 90);
  }

  #onWheel = (event: WheelEvent): void => {
    if (!event.ctrlKey || this._status !== 'ready') return;
    event.preventDefault();
    this.#zoomAt(this._zoomFactor * Math.exp(-event.deltaY * 0.002), event.clientX, event.clientY);
  };

  /** Zooms to `factor`, keeping the document point under `clientX`, `clientY` where it is (ctrl+wheel, pinch). */
  #zoomAt(factor: number, clientX: number, clientY: number): void {
    const stack = this.#stack;
    if (!stack || this._status !== 'ready') return;
    const box = this._viewport.getBoundingClientRect();
    const x = Math.min(this._viewport.clientWidth, Math.max(0, clientX - box.left - this._viewport.clientLeft));
    const y = Math.min(this._viewport.clientHeight, Math.max(0, clientY - box.top - this._viewport.clientTop));
    const anchor = stack.pointAnchor(x, y);
    this.setZoom(factor);
    this.#applyView();
    if (anchor) stack.restorePointAnchor(anchor, x, y);
  }

  #onKeyDown = (event: KeyboardEvent): void => {
    if (this._status !== 'ready') return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key;
    let handled = true;
    if (mod && (key === '+' || key === '=')) this.stepZoom(1);
    else if (mod && key === '-') this.stepZoom(-1);
    else if (mod && key === '0') this.setZoom('fit-width');
    else if (mod && key === 'f') this.renderRoot.querySelector<HTMLInputElement>('.find-input')?.focus();
    else if (mod || event.altKey) handled = false;
    else if (key === 'n' || key === 'j') this.goToPage(this.page + 1);
    else if (key === 'p' || key === 'k') this.goToPage(this.page - 1);
    else if (key === 'r') this.rotate(1);
    else if (key === 'R') this.rotate(-1);
    else {
      const target = this.#stack?.pageKeyTarget(key); // single-page layout: Page Up/Down, Home, End
      if (target === undefined) handled = false;
      else this.goToPage(target);
    }
    if (handled) event.preventDefault();
  };

  /** @internal Opens or closes the thumbnails sidebar (the toolbar toggle). */
  toggleThumbnails(): void {
    this.thumbnails = !this.thumbnails;
  }

  /** @internal Switches between the continuous and the single-page layout (the toolbar toggle). */
  toggleLayout(): void {
    this.layout = this.layout === 'single' ? 'continuous' : 'single';
  }

  // ── Find ───────────────────────────────────────────────────────────────────────────────────

  /** @internal Starts a search (the find box calls this). Resolves when every page was searched. */
  find(query: string): Promise<void> {
    return this.#findController.search(query, this.page);
  }

  /** @internal Moves to the next or previous match and scrolls it into view. */
  findStep(direction: 1 | -1): void {
    this.#findController.step(direction);
    this.#revealMatch();
  }

  #onFind(state: FindState): void {
    const previous = this._find;
    this._find = state;
    if (!this.#stack) return;
    showHighlights(this.#stack, previous, state);
    if (!state.searching && previous.searching) this.#announce(this.#findSummary(state));
    if (state.index >= 0 && previous.index < 0) this.#revealMatch();
  }

  /** @internal */
  findSummary(): string {
    return this.#findSummary(this._find);
  }

  #findSummary(state: FindState): string {
    if (!state.query) return '';
    if (state.matches.length === 0) {
      return state.searching ? this.locale.t('evidence-viewer.find-searching') : this.locale.t('evidence-viewer.find-none');
    }
    return this.locale.plural('evidence-viewer.find-count', state.matches.length, { index: Math.max(0, state.index) + 1 });
  }

  #revealMatch(): void {
    const match = this.#findController.current;
    if (!match || !this.#stack) return;
    revealMatch(this.#stack, this._viewport, match, () => this.#findController.current === match);
  }

  // ── Rendering ──────────────────────────────────────────────────────────────────────────────

  /** @internal Opens the file again with `password`. */
  submitPassword(password: string): void {
    void this.#load(password);
  }

  protected override render() {
    return html`<div part="base" class="base">
      ${renderToolbar(this, this._status === 'ready', this._find)}
      ${this._integrity === 'mismatch'
        ? html`<div part="integrity-warning" role="alert">${this.locale.t('evidence-viewer.integrity-mismatch')}</div>`
        : nothing}
      ${this._status === 'ready' && this.sha256 === undefined
        ? html`<div part="integrity-note">${this.locale.t('evidence-viewer.integrity-unchecked')}</div>`
        : nothing}
      <div class="body">
        <nav
          part="thumbnails"
          class="thumbnails"
          id="thumbnails"
          aria-label=${this.locale.t('evidence-viewer.thumbnails')}
          ?hidden=${!this.thumbnails || this._kind !== 'pdf'}
        ></nav>
        <div
          part="viewport"
          class="viewport"
          tabindex="0"
          role="region"
          aria-label=${this.locale.t('evidence-viewer.document')}
          @keydown=${this.#onKeyDown}
          @wheel=${{ handleEvent: this.#onWheel, passive: false }}
        >
          <div class="column"></div>
        </div>
      </div>
      ${renderStatusPanel(this, this._status, this._progress, this._failure?.message ?? '', this._failure?.passwordIncorrect ?? false)}
      ${renderAnnotations(this, this.room !== undefined && this.evidenceId !== '' && !this.noAnnotations, this.annotationToolbar)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>
    </div>`;
  }
}
