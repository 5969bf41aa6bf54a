/**
 * `<hs-annotation-layer>`: the room's annotations over every page of an `<hs-evidence-viewer>`,
 * and the tools to make and change them.
 *
 * How to think about it: the element owns *session* state (tool, colour, selection, the gesture in
 * progress) and wiring; the pixels live in plain {@link PageOverlay} objects, one per page near
 * the viewport, mounted into the viewer's page boxes; the *document* state comes through an
 * incremental {@link AnnotationsView}; every write is a named model operation with the room's one
 * local origin, asked of `decide` first. Pointer and keyboard handling lives in
 * `layer-input.ts`, which calls back into the small API below.
 */
import { consume } from '@lit/context';
import { html, LitElement, render, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  addAnnotation,
  decide,
  moveAnnotation,
  readVenues,
  removeAnnotation,
  restyleAnnotation,
  rightsContext,
  setAnnotationGeometry,
  setAnnotationText,
  stackItemLocation,
  STAMP_CODES,
  type Annotation,
  type AnnotationKind,
  type Geometry,
  type NewAnnotation,
  type Rect,
  type StampCode,
  type UndoLocation,
} from '@huishen/model';
import { HsAnnotationChangeEvent, type AnnotationChangeKind } from '../events/annotation-change-event.js';
import { HsAnnotationCreateEvent } from '../events/annotation-create-event.js';
import { HsAnnotationDeleteEvent } from '../events/annotation-delete-event.js';
import { HsAnnotationPresentEvent } from '../events/annotation-present-event.js';
import { HsAnnotationSelectEvent } from '../events/annotation-select-event.js';
import { HsToolChangeEvent } from '../events/tool-change-event.js';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { cssRectToPdf, pageBoxSize, type PageGeometry } from '../pdf/geometry.js';
import { roomContext, type RoomContextValue } from '../room/room-context.js';
import { styles, pageStyles } from './annotation-layer.styles.js';
import { AnnotationsView, type AnnotationDelta } from './annotations-view.js';
import { magnify } from './callout.js';
import { LayerInput } from './layer-input.js';
import { overlayTemplate, type OverlayState } from './overlay-template.js';
import { PageOverlay } from './page-overlay.js';
import { annotationBounds, isAnnotationTool, unionRect, type AnnotationTool } from './tools.js';

/** Pages kept with an overlay beyond the visible ones, on each side. */
const BUFFER = 1;
/** Milliseconds of mark painting per animation frame while a big repaint is under way. */
const FRAME_BUDGET_MS = 6;

/**
 * The annotations of one evidence item over the pages of an `<hs-evidence-viewer>`, drawn on one
 * canvas per page near the viewport (culled by bounds, only changed regions repainted), with the
 * tools to create, select, move, resize, recolour, edit and delete them where the room's rights
 * allow. Peers' ink strokes appear while they are drawn.
 *
 * The viewer mounts one itself when it has a room and an `evidence-id` (turn that off with its
 * `no-annotations` attribute). Standalone: put it anywhere in the room and name the viewer with
 * `for` (an id in the same root) or set `viewer`.
 *
 * Keyboard (focus on a page's marks — Tab into them from the document): Tab/Shift+Tab go through
 * the marks of the page; arrows move the selected mark (Shift: ×10; on a locked mark they go to
 * the next or previous mark); Alt+arrows resize; Delete removes; Enter makes a mark of the current
 * tool at the centre of the visible page (the pen then draws with the arrows until Enter), edits
 * a note's text, or opens a callout; Escape cancels or deselects. Tool keys: V select, H
 * highlight, R rectangle, O ellipse, A arrow, P pen, N note, M pin, S stamp, C callout.
 * Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z and Ctrl+Y redo (anywhere in the viewer).
 *
 * @summary Collaborative annotations over an evidence viewer: drawing, tools, rights, live ink.
 *
 * @csspart annotation-marks - (in each page overlay) A page's marks as a listbox; its one option
 *   frames the selected mark.
 * @csspart annotation-tip - (in each page overlay) Author and venue of the mark under the pointer.
 * @csspart annotation-editor - (in each page overlay) The text box of a note or pin comment.
 * @csspart callout - (in each page overlay) The magnified callout box.
 *
 * @cssproperty --hs-annotation-layer-focus-color - Focus frame of the selected mark. Falls back
 *   to `--hs-sys-color-focus`.
 * @cssproperty --hs-annotation-layer-selection-color - Frame of the selected mark on the canvas.
 * @cssproperty --hs-annotation-layer-tip-background - Hover tip background.
 * @cssproperty --hs-annotation-layer-tip-color - Hover tip text.
 * @cssproperty --hs-annotation-layer-editor-background - Note editor background.
 * @cssproperty --hs-annotation-layer-callout-border - Callout box border.
 * @cssproperty --hs-annotation-layer-callout-background - Callout box background.
 *
 * @event {HsAnnotationCreateEvent} hs-annotation-create - A local mark was stored: `annotation`.
 * @event {HsAnnotationSelectEvent} hs-annotation-select - The selection changed: `annotation`, `editable`.
 * @event {HsAnnotationChangeEvent} hs-annotation-change - A local edit: `annotation`, `change`.
 * @event {HsAnnotationDeleteEvent} hs-annotation-delete - A local deletion: `annotation`.
 * @event {HsAnnotationPresentEvent} hs-annotation-present - "Show to everyone" on a callout: `annotation`.
 * @event {HsToolChangeEvent} hs-tool-change - The tool changed: `tool`, `previousTool`.
 */
export class HsAnnotationLayer extends LitElement {
  static override styles = styles;

  /** The viewer to annotate (set by the viewer itself, or by a page). */
  @property({ attribute: false }) viewer: HsEvidenceViewer | undefined = undefined;

  /** Id of the viewer to annotate, in the same document or shadow root (when `viewer` is not set). */
  @property({ attribute: 'for' }) for = '';

  /** The room, from `<hs-room>` or any `roomContext` provider. */
  @consume({ context: roomContext, subscribe: true })
  @property({ attribute: false })
  room: RoomContextValue | undefined = undefined;

  /** The active tool: `select`, `highlight`, `rect`, `ellipse`, `arrow`, `ink`, `note`, `pin`, `stamp`, `callout`. Reflected. */
  @property({ reflect: true }) tool: AnnotationTool = 'select';

  /** Colour of new marks (`#rrggbb`; empty: each kind's default). Also recolours the selected mark via `recolor`. */
  @property() color = '';

  /** Line width of new marks in PDF points (0: each kind's default). */
  @property({ type: Number }) width = 0;

  /** The code of new stamps: `exhibit` (证据编号), `shown`, `examined`, `disputed`, `key`. */
  @property({ attribute: 'stamp-code' }) stampCode: StampCode = 'exhibit';

  /** The number of the next stamp (0: one more than the highest of that code on this evidence). */
  @property({ type: Number, attribute: 'stamp-number' }) stampNumber = 0;

  /** Shows the marks but offers no tools (also the case without a local origin, or for observers). Reflected. */
  @property({ type: Boolean, reflect: true, attribute: 'read-only' }) readOnly = false;

  @state() private _announcement = '';

  /** @internal */
  readonly locale = new LocaleController(this, { onChange: () => this.refresh() });
  /** @internal The input handling (pointer, keyboard, live ink). */
  readonly input: LayerInput = new LayerInput(this);
  #view: AnnotationsView | undefined;
  #target: HsEvidenceViewer | undefined;
  readonly #overlays = new Map<number, PageOverlay>();
  #selected: string | undefined;
  #calloutId: string | undefined;
  #frame = 0;
  #dirty = new Map<number, Rect[] | 'all'>();
  #lastLocation: UndoLocation | undefined;
  #urgent = false;
  #unhook: (() => void) | undefined;
  #calloutCanvas: { callout: Annotation; key: string; canvas: HTMLCanvasElement } | undefined;

  /** The viewer being annotated. */
  get target(): HsEvidenceViewer | undefined {
    return this.#target;
  }

  /** The evidence item being annotated (the viewer's `evidence-id`). */
  get evidenceId(): string {
    return this.#target?.evidenceId ?? '';
  }

  /** The selected annotation's id, if any. */
  get selectedId(): string | undefined {
    return this.#selected;
  }

  /** The id of the callout whose magnified box is open, if any. */
  get openCalloutId(): string | undefined {
    return this.#calloutId;
  }

  /** The valid annotations of `page` (1-based), oldest first. */
  annotations(page: number): readonly Annotation[] {
    return this.#view?.page(page) ?? [];
  }

  /** One annotation of this evidence item. */
  annotation(id: string): Annotation | undefined {
    return this.#view?.get(id);
  }

  /** The page overlay of `page`, while the page is near the viewport. For tests and diagnostics. */
  overlay(page: number): PageOverlay | undefined {
    return this.#overlays.get(page);
  }

  /** Whether the local person may make marks on `page`. */
  canCreate(page: number): boolean {
    const room = this.room;
    const actor = room?.origin?.actor;
    if (this.readOnly || !room || !actor || !this.evidenceId) return false;
    const after = { author: actor.userId, venue: actor.venue, evidenceId: this.evidenceId, page };
    return decide(actor, { target: 'annotation', id: 'new', after, fields: Object.keys(after) }, rightsContext(room.doc)).allowed;
  }

  /** Whether the local person may change and delete `annotation` (the model's `decide`). */
  canEdit(annotation: Annotation): boolean {
    const room = this.room;
    const actor = room?.origin?.actor;
    if (this.readOnly || !room || !actor) return false;
    const fields = annotation as unknown as Record<string, unknown>;
    return decide(actor, { target: 'annotation', id: annotation.id, before: fields, after: fields, fields: ['geometry'] }, rightsContext(room.doc)).allowed;
  }

  /** Makes `tool` active (as the toolbar and the tool keys do); fires `hs-tool-change`. */
  setTool(tool: AnnotationTool): void {
    if (!isAnnotationTool(tool) || tool === this.tool) return;
    this.tool = tool;
  }

  /** Selects the annotation `id` (or nothing), shows it focused on its page; fires `hs-annotation-select`. */
  select(id: string | undefined): void {
    const annotation = id === undefined ? undefined : this.annotation(id);
    const next = annotation?.id;
    if (next === this.#selected) return;
    const previous = this.#selected === undefined ? undefined : this.annotation(this.#selected);
    this.#selected = next;
    if (previous) this.invalidateLive(previous.page);
    if (annotation) this.invalidateLive(annotation.page);
    this.refresh();
    this.dispatchEvent(new HsAnnotationSelectEvent(annotation, annotation ? this.canEdit(annotation) : false));
  }

  /** Undoes the local person's last change (never anyone else's) and scrolls to where it was. */
  undo(): void {
    const manager = this.room?.undoManager;
    if (manager && manager.undoStack.length > 0) {
      manager.undo();
      this.announce(this.locale.t('annotations.undone'));
    }
  }

  /** Redoes the last undone change and scrolls to where it was. */
  redo(): void {
    const manager = this.room?.undoManager;
    if (manager && manager.redoStack.length > 0) {
      manager.redo();
      this.announce(this.locale.t('annotations.redone'));
    }
  }

  /** Deletes the selected annotation, when allowed. */
  deleteSelected(): void {
    const annotation = this.#selected === undefined ? undefined : this.annotation(this.#selected);
    if (!annotation) return;
    if (!this.canEdit(annotation)) {
      this.announce(this.locale.t('annotations.not-allowed'));
      return;
    }
    if (this.write(annotation.page, annotationBounds(annotation), (doc, origin) => removeAnnotation(doc, annotation.id, origin))) {
      this.select(undefined);
      this.announce(this.locale.t('annotations.deleted', { kind: this.kindName(annotation.kind) }));
      this.dispatchEvent(new HsAnnotationDeleteEvent(annotation));
    }
  }

  /** Recolours the selected annotation (when allowed) and makes `color` the colour of new marks. */
  recolor(color: string): void {
    this.color = color;
    const annotation = this.#selected === undefined ? undefined : this.annotation(this.#selected);
    if (!annotation || !this.canEdit(annotation) || annotation.style.color === color) return;
    if (this.write(annotation.page, annotationBounds(annotation), (doc, origin) => restyleAnnotation(doc, annotation.id, { color }, origin))) {
      this.#changed(annotation.id, 'style');
    }
  }

  /** Opens the magnified box of callout `id` (scrolling to it), or closes it with `undefined`. The presenter's screen calls this for everyone. */
  showCallout(id: string | undefined): void {
    const annotation = id === undefined ? undefined : this.annotation(id);
    this.#calloutId = annotation?.kind === 'callout' ? annotation.id : undefined;
    if (annotation?.kind === 'callout') this.#target?.scrollToRegion(annotation.page, annotation.geometry.rect);
    this.refresh();
  }

  /** Asks for callout `id` to be shown to everyone: fires `hs-annotation-present` (the briefing presenter acts on it). */
  presentCallout(id: string): void {
    const annotation = this.annotation(id);
    if (annotation?.kind === 'callout') this.dispatchEvent(new HsAnnotationPresentEvent(annotation));
  }

  // ── Writes ──────────────────────────────────────────────────────────────────────────────────

  /**
   * @internal Runs one model operation with the room's local origin, remembering where it was for
   * undo; announces and returns false when the model refuses it.
   */
  write(page: number, region: Rect | undefined, operation: (doc: RoomContextValue['doc'], origin: NonNullable<RoomContextValue['origin']>) => void): boolean {
    const room = this.room;
    if (!room?.origin) return false;
    this.#lastLocation = { evidenceId: this.evidenceId, page, ...(region ? { region: [...region] as [number, number, number, number] } : {}) };
    try {
      operation(room.doc, room.origin);
      return true;
    } catch (error) {
      this.announce(this.locale.t('annotations.write-failed', { detail: error instanceof Error ? error.message : String(error) }));
      return false;
    }
  }

  /** @internal Stores a new mark; returns its id. */
  create(input: Omit<NewAnnotation, 'evidenceId'>): string | undefined {
    if (!this.canCreate(input.page)) {
      this.announce(this.locale.t(this.readOnly || !this.room?.origin ? 'annotations.read-only' : 'annotations.not-allowed'));
      return undefined;
    }
    let id: string | undefined;
    const ok = this.write(input.page, undefined, (doc, origin) => {
      id = addAnnotation(doc, { ...input, evidenceId: this.evidenceId } as NewAnnotation, origin);
    });
    const stored = ok && id ? this.annotation(id) : undefined;
    if (!stored) return undefined;
    if (this.#lastLocation) this.#lastLocation.region = [...annotationBounds(stored)];
    this.announce(this.locale.t('annotations.created', { kind: this.kindName(stored.kind) }));
    this.dispatchEvent(new HsAnnotationCreateEvent(stored));
    return stored.id;
  }

  /** @internal Moves a mark by a user-space offset, when allowed. */
  move(id: string, dx: number, dy: number): void {
    const a = this.annotation(id);
    if (!a || (dx === 0 && dy === 0)) return;
    if (!this.canEdit(a)) return this.announce(this.locale.t('annotations.not-allowed'));
    if (this.write(a.page, annotationBounds(a), (doc, origin) => moveAnnotation(doc, id, dx, dy, origin))) this.#changed(id, 'geometry');
  }

  /** @internal Replaces a mark's geometry (resize), when allowed. */
  reshape(id: string, geometry: Geometry): void {
    const a = this.annotation(id);
    if (!a) return;
    if (!this.canEdit(a)) return this.announce(this.locale.t('annotations.not-allowed'));
    if (this.write(a.page, annotationBounds(a), (doc, origin) => setAnnotationGeometry(doc, id, geometry, origin))) this.#changed(id, 'geometry');
  }

  /** @internal Sets a mark's text, when allowed. */
  setText(id: string, text: string): void {
    const a = this.annotation(id);
    if (!a || (a.text ?? '') === text) return;
    if (!this.canEdit(a)) return this.announce(this.locale.t('annotations.not-allowed'));
    const lang = this.locale.value;
    if (this.write(a.page, annotationBounds(a), (doc, origin) => setAnnotationText(doc, id, text, origin, lang))) this.#changed(id, 'text');
  }

  #changed(id: string, change: AnnotationChangeKind): void {
    const a = this.annotation(id);
    if (a) this.dispatchEvent(new HsAnnotationChangeEvent(a, change));
  }

  /** @internal The next free number of stamps of `code` on this evidence item. */
  nextStampNumber(code: StampCode): number {
    if (this.stampNumber > 0) return this.stampNumber;
    let max = 0;
    for (const a of this.#view?.all.values() ?? []) if (a.kind === 'stamp' && a.stamp?.code === code) max = Math.max(max, a.stamp?.number ?? 0);
    return max + 1;
  }

  // ── Words ───────────────────────────────────────────────────────────────────────────────────

  /** @internal */
  kindName(kind: AnnotationKind): string {
    return this.locale.t(`annotations.kind.${kind}`);
  }

  /** @internal The localised stamp label. */
  stampLabel = (code: StampCode): string => this.locale.t(`annotations.stamp.${STAMP_CODES.includes(code) ? code : 'exhibit'}`);

  /** @internal "Rectangle by 张三 (city venue)", plus the text and whether it is locked. */
  describe(a: Annotation, withRights = true): string {
    const venues = this.room ? readVenues(this.room.doc) : [];
    const venue = venues.find((v) => v.id === a.venue)?.name ?? a.venue;
    const params = { kind: this.kindName(a.kind), author: a.authorName || a.author, venue };
    const text = a.kind === 'stamp' ? `${this.stampLabel(a.stamp?.code ?? 'exhibit')} ${a.stamp?.number ?? ''}`.trim() : a.text;
    const base = text ? this.locale.t('annotations.describe-text', { ...params, text }) : this.locale.t('annotations.describe', params);
    if (!withRights) return base;
    return `${base}。${this.locale.t(this.canEdit(a) ? 'annotations.editable' : 'annotations.locked')}`;
  }

  /** @internal Says `message` in the layer's polite live region. */
  announce(message: string): void {
    this._announcement = '';
    void this.updateComplete.then(() => {
      this._announcement = message;
    });
  }

  // ── Drawing ─────────────────────────────────────────────────────────────────────────────────

  /** @internal Repaints the live canvas of `page` next frame. */
  invalidateLive(page: number): void {
    this.input.liveDirty.add(page);
    this.#schedule();
  }

  /** @internal Re-reads the viewer's pages and re-renders the overlays next frame. */
  refresh(): void {
    for (const page of this.#overlays.keys()) this.#dirty.set(page, this.#dirty.get(page) ?? []);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#sync();
    });
  }

  /** Repaints now, to the end, what is pending (tests, benches). */
  flush(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#urgent = true;
    this.#sync();
  }

  #onDeltas = (deltas: readonly AnnotationDelta[]): void => {
    for (const { before, after } of deltas) {
      for (const a of [before, after]) {
        if (!a) continue;
        const list = this.#dirty.get(a.page);
        if (list !== 'all') this.#dirty.set(a.page, [...(list ?? []), annotationBounds(a)]);
        // The live canvas shows the selection frame and peers' strokes in progress: only those care.
        if (a.id === this.#selected || this.input.remoteDrawings(a.page).some((d) => d.id === a.id)) this.input.liveDirty.add(a.page);
      }
    }
    if (this.#selected !== undefined && !this.annotation(this.#selected)) this.select(undefined);
    this.#schedule();
  };

  #sync(): void {
    const viewer = this.#target;
    const view = this.#view;
    if (!viewer || !view || viewer.status !== 'ready') {
      for (const overlay of this.#overlays.values()) overlay.destroy();
      this.#overlays.clear();
      return;
    }
    const visible = viewer.visiblePages;
    const wanted = new Set<number>();
    for (const page of visible) for (let p = page - BUFFER; p <= page + BUFFER; p++) if (p >= 1 && p <= viewer.pageCount) wanted.add(p);
    for (const [page, overlay] of this.#overlays) {
      if (!wanted.has(page)) {
        overlay.destroy();
        this.#overlays.delete(page);
      }
    }
    const dpr = window.devicePixelRatio || 1;
    const capturing = this.input.capturing;
    // Read every layout figure first, then write: no forced layout between pages.
    const port = viewer.getBoundingClientRect();
    const pages: { page: number; element: HTMLElement; geometry: PageGeometry; visible: Rect }[] = [];
    for (const page of wanted) {
      const element = viewer.pageElement(page);
      const geometry = viewer.pageGeometry(page);
      if (element && geometry) pages.push({ page, element, geometry, visible: visibleRegion(element.getBoundingClientRect(), port, geometry) });
    }
    let pending = false;
    for (const { page, element, geometry, visible } of pages) {
      let overlay = this.#overlays.get(page);
      if (!overlay) {
        overlay = new PageOverlay(page, pageStyles);
        this.#overlays.set(page, overlay);
        this.#dirty.set(page, 'all');
      }
      overlay.mount(element.querySelector('.annotation-layer') ?? element);
      overlay.setCapturing(capturing);
      const dirty = this.#dirty.get(page);
      const before = overlay.needsFullPaint(geometry, dpr);
      const options = { stampLabel: this.stampLabel };
      overlay.setOptions(options);
      const hidden = this.input.hiddenIds;
      const urgent = this.#urgent || hidden.size > 0 || overlay.hidden.size > 0;
      overlay.paint(() => view.page(page), geometry, dpr, dirty === 'all' ? 'all' : dirty && unionRect(dirty), visible, hidden);
      // Big repaints are drawn a few milliseconds per frame (no long task); a drag starting or
      // ending, or flush(), finishes them at once.
      if (overlay.step(urgent ? Infinity : FRAME_BUDGET_MS, options)) pending = true;
      if (before || dirty === 'all') this.input.liveDirty.add(page);
      if (this.input.liveDirty.has(page)) overlay.paintLive(geometry, dpr, this.input.liveDrawer(page, geometry));
      render(overlayTemplate(this.#overlayState(page, geometry), this.input.handlers(page)), overlay.ui, { host: this });
      this.input.afterRender(page, overlay.ui);
    }
    this.#dirty.clear();
    this.input.liveDirty.clear();
    this.#urgent = false;
    if (pending) this.#schedule();
  }

  #overlayState(page: number, geometry: PageGeometry): OverlayState {
    const marks = this.annotations(page);
    const selected = this.#selected === undefined ? undefined : this.annotation(this.#selected);
    const active = selected && selected.page === page ? selected : undefined;
    const callout = this.#calloutId === undefined ? undefined : this.annotation(this.#calloutId);
    const element = this.#target?.pageElement(page);
    return {
      page,
      geometry,
      pageSize: pageBoxSize(geometry),
      label: this.locale.t('annotations.page-label', { page, count: marks.length }),
      focusable: marks.length > 0 || this.canCreate(page),
      active: active && {
        id: active.id,
        rect: annotationBounds(active),
        description: this.describe(active),
        position: marks.indexOf(active) + 1,
        count: marks.length,
      },
      tip: this.input.tip(page),
      editor: this.input.editor(page),
      callout:
        callout?.kind === 'callout' && callout.page === page && element
          ? {
              rect: callout.geometry.rect,
              canvas: this.#magnified(callout, element, geometry, marks),
              title: this.locale.t('annotations.callout'),
              present: this.room?.origin && !this.readOnly ? this.locale.t('annotations.callout-present') : undefined,
              close: this.locale.t('annotations.callout-close'),
            }
          : undefined,
    };
  }

  /** The callout's magnified picture, drawn again only when the callout, the page's marks or the zoom changed. */
  #magnified(callout: Annotation<'callout'>, element: HTMLElement, geometry: PageGeometry, marks: readonly Annotation[]): HTMLCanvasElement {
    const key = `${geometry.scale}|${geometry.rotation}|${element.dataset['rendered'] ?? ''}|${this.#view?.version ?? 0}`;
    const cached = this.#calloutCanvas;
    if (cached && cached.callout === callout && cached.key === key) return cached.canvas;
    const canvas = magnify(element, geometry, callout.geometry.rect, marks, { stampLabel: this.stampLabel });
    this.#calloutCanvas = { callout, key, canvas };
    return canvas;
  }

  // ── Lifecycle ───────────────────────────────────────────────────────────────────────────────

  #resolveTarget(): HsEvidenceViewer | undefined {
    if (this.viewer) return this.viewer;
    if (this.for) {
      const root = this.getRootNode() as Document | ShadowRoot;
      const found = root.getElementById?.(this.for);
      return found && 'pageGeometry' in found ? (found as HsEvidenceViewer) : undefined;
    }
    return undefined;
  }

  #hook(): void {
    this.#unhook?.();
    this.#unhook = undefined;
    this.#view?.dispose();
    this.#view = undefined;
    const viewer = (this.#target = this.#resolveTarget());
    const room = this.room;
    if (!viewer) return;
    const onView = () => {
      // The viewer was pointed at another evidence item: follow it.
      if (this.room && viewer.evidenceId !== (this.#view?.evidenceId ?? '')) this.#hook();
      else this.refresh();
    };
    const events = ['hs-viewport-change', 'hs-document-load', 'hs-page-change'];
    for (const name of events) viewer.addEventListener(name, onView);
    const offInput = this.input.attach(viewer);
    let offRoom = () => {};
    if (room && viewer.evidenceId) {
      this.#view = new AnnotationsView({ doc: room.doc, evidenceId: viewer.evidenceId, onChange: this.#onDeltas });
      offRoom = this.#hookUndo(room);
    }
    const offPresence = room?.awareness ? this.input.watchPresence(room.awareness) : () => {};
    this.#unhook = () => {
      for (const name of events) viewer.removeEventListener(name, onView);
      offInput();
      offRoom();
      offPresence();
    };
    for (const page of this.#overlays.keys()) this.#dirty.set(page, 'all');
    this.refresh();
  }

  #hookUndo(room: RoomContextValue): () => void {
    const manager = room.undoManager;
    if (!manager) return () => {};
    const onAdded = (event: { stackItem: { meta: Map<string, unknown> }; type: 'undo' | 'redo'; origin: unknown }) => {
      if (event.type === 'undo' && event.origin === room.origin && !event.stackItem.meta.has('location') && this.#lastLocation) {
        event.stackItem.meta.set('location', this.#lastLocation);
      }
    };
    const onPopped = (event: { stackItem: { meta: Map<string, unknown> } }) => {
      const location = stackItemLocation(event.stackItem);
      if (!location || location.evidenceId !== this.evidenceId || location.page === undefined) return;
      if (location.region) this.#target?.scrollToRegion(location.page, location.region);
      else this.#target?.goToPage(location.page);
    };
    manager.on('stack-item-added', onAdded);
    manager.on('stack-item-popped', onPopped);
    return () => {
      manager.off('stack-item-added', onAdded);
      manager.off('stack-item-popped', onPopped);
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#hook();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unhook?.();
    this.#unhook = undefined;
    this.#view?.dispose();
    this.#view = undefined;
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    for (const overlay of this.#overlays.values()) overlay.destroy();
    this.#overlays.clear();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('viewer') || changed.has('for') || changed.has('room')) this.#hook();
    if (changed.has('tool')) {
      const previous = changed.get('tool') as AnnotationTool | undefined;
      this.input.toolChanged();
      this.refresh();
      if (previous !== undefined) this.dispatchEvent(new HsToolChangeEvent(this.tool, previous));
    }
    if (changed.has('readOnly') || changed.has('stampCode') || changed.has('color') || changed.has('width')) this.refresh();
  }

  /** @internal Re-attaches after the viewer's `evidence-id` changed (the viewer calls this). */
  reattach(): void {
    this.#hook();
  }

  protected override render() {
    return html`<div role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>`;
  }
}

/** The part of a page box inside the viewer's box, in user space (a sliver at the origin when none of it is). */
function visibleRegion(box: DOMRect, port: DOMRect, geometry: PageGeometry): Rect {
  const left = Math.max(box.left, port.left);
  const top = Math.max(box.top, port.top);
  const right = Math.min(box.right, port.right);
  const bottom = Math.min(box.bottom, port.bottom);
  if (right <= left || bottom <= top) return cssRectToPdf(geometry, { left: 0, top: 0, width: 1, height: 1 });
  return cssRectToPdf(geometry, { left: left - box.left, top: top - box.top, width: right - left, height: bottom - top });
}
