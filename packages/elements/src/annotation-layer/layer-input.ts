/**
 * Input of the annotation layer: pointer gestures (create, ink, move, resize, text highlight),
 * the keyboard on a page's marks, the note/pin text editor (IME-safe), hover tips, and live ink
 * shared through presence (ours published once per frame, peers' drawn on the live canvas until
 * their stored mark with the same id arrives).
 *
 * How to think about it: a gesture is a small record in CSS pixels of one page box; it becomes
 * user space through `pdf/geometry.ts` only when it is drawn or written. Nothing here writes to
 * the document directly: it calls the layer's `create`/`move`/`reshape`/`setText`.
 */
import {
  newId,
  type Annotation,
  type Drawing,
  type Geometry,
  type InkPoint,
} from '@huishen/model';
import type { Awareness } from 'y-protocols/awareness';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';
import { cssRectToPdf, cssToPdf, pdfRectToCss, pdfToCss, type PageGeometry } from '../pdf/geometry.js';
import type { HsAnnotationLayer } from './annotation-layer.js';
import { clampToPage, cssDeltaToUser, draftAnnotation, handlePoint, isResizable, movedGeometry, resizedGeometry, styleFor } from './drafts.js';
import type { OverlayHandlers, OverlayState } from './overlay-template.js';
import { LiveInk } from './live-ink.js';
import { paintAnnotations } from './paint.js';
import { selectedText, selectionIn } from './text-selection.js';
import { annotationBounds, geometryAt, geometryFromDrag, hitTest, isRealDrag, toolForKey } from './tools.js';

type Css = [number, number];

type Gesture =
  | { type: 'create'; kind: 'rect' | 'ellipse' | 'arrow' | 'callout' | 'note' | 'pin' | 'stamp'; page: number; start: Css; current: Css; pointerId: number }
  | { type: 'ink'; page: number; id: string; points: InkPoint[]; pointerId: number }
  | { type: 'move'; page: number; id: string; start: Css; current: Css; pointerId: number }
  | { type: 'resize'; page: number; id: string; current: Css; pointerId: number }
  | { type: 'pen'; page: number; id: string; points: InkPoint[]; cursor: Css };

interface Draft {
  kind: 'note' | 'pin';
  page: number;
  geometry: Geometry;
  rect: [number, number, number, number];
  editingId?: string;
  value: string;
}

const HANDLE = 6;
const ARROWS: Record<string, Css> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

export class LayerInput {
  readonly #layer: HsAnnotationLayer;
  /** Pages whose live canvas must be repainted. */
  readonly liveDirty = new Set<number>();
  #gesture: Gesture | undefined;
  #draft: Draft | undefined;
  #composing = false;
  #focusEditor = false;
  #hover: { page: number; id: string; at: Css } | undefined;
  #focusedPage: number | undefined;
  readonly #ink: LiveInk;

  constructor(layer: HsAnnotationLayer) {
    this.#layer = layer;
    this.#ink = new LiveInk((pages) => {
      for (const page of pages) this.liveDirty.add(page);
      layer.invalidateLive(pages[0]!);
    });
  }

  /** Whether page overlays take pointer input (a drawing tool is active and marks can be made). */
  get capturing(): boolean {
    const tool = this.#layer.tool;
    return tool !== 'select' && tool !== 'highlight' && this.#layer.canCreate(this.#layer.target?.page ?? 1);
  }

  /** Marks left off the marks canvas while they are dragged (drawn on the live canvas instead). */
  get hiddenIds(): ReadonlySet<string> {
    const g = this.#gesture;
    return g && (g.type === 'move' || g.type === 'resize') ? new Set([g.id]) : new Set();
  }

  /** The tool changed: drop what was in progress. */
  toolChanged(): void {
    this.#cancel();
  }

  #cancel(): void {
    const g = this.#gesture;
    this.#gesture = undefined;
    this.#draft = undefined;
    if (g) this.liveDirty.add(g.page);
    if (g?.type === 'ink' || g?.type === 'pen') this.#ink.publish(undefined);
    this.#layer.refresh();
  }

  // ── Geometry helpers ───────────────────────────────────────────────────────────────────────

  #geometry(page: number): PageGeometry | undefined {
    return this.#layer.target?.pageGeometry(page);
  }

  #css(page: number, clientX: number, clientY: number): Css | undefined {
    const box = this.#layer.target?.pageElement(page)?.getBoundingClientRect();
    return box ? [clientX - box.left, clientY - box.top] : undefined;
  }

  #user(page: number, css: Css): [number, number] {
    const g = this.#geometry(page)!;
    return clampToPage(g, cssToPdf(g, css));
  }

  /** Centre of the visible part of `page`, CSS pixels of its box. */
  #visibleCentre(page: number): Css | undefined {
    const viewer = this.#layer.target;
    const box = viewer?.pageElement(page)?.getBoundingClientRect();
    if (!viewer || !box) return undefined;
    const port = viewer.getBoundingClientRect();
    const left = Math.max(box.left, port.left);
    const right = Math.min(box.right, port.right);
    const top = Math.max(box.top, port.top);
    const bottom = Math.min(box.bottom, port.bottom);
    if (right <= left || bottom <= top) return [box.width / 2, box.height / 2];
    return [(left + right) / 2 - box.left, (top + bottom) / 2 - box.top];
  }

  // ── Wiring ─────────────────────────────────────────────────────────────────────────────────

  /** Listens to the viewer's pointer and key events; returns the undo. */
  attach(viewer: HsEvidenceViewer): () => void {
    const down = (e: PointerEvent) => this.#onPointerDown(e);
    const hover = (e: PointerEvent) => this.#onHover(e);
    const keys = (e: KeyboardEvent) => this.#onViewerKey(e);
    const selectStart = (e: Event) => {
      if (this.#gesture) e.preventDefault();
    };
    viewer.addEventListener('pointerdown', down);
    viewer.addEventListener('pointermove', hover);
    viewer.addEventListener('keydown', keys);
    viewer.addEventListener('selectstart', selectStart);
    return () => {
      viewer.removeEventListener('pointerdown', down);
      viewer.removeEventListener('pointermove', hover);
      viewer.removeEventListener('keydown', keys);
      viewer.removeEventListener('selectstart', selectStart);
      this.#cancel();
    };
  }

  /** Follows peers' strokes in progress; returns the undo. */
  watchPresence(awareness: Awareness): () => void {
    return this.#ink.watch(awareness, () => this.#layer.evidenceId);
  }

  /** Peers' strokes in progress on `page` (for tests). */
  remoteDrawings(page: number): readonly Drawing[] {
    return this.#ink.remote(page);
  }

  /** Shares the stroke in progress, at most once per animation frame. */
  #schedulePublish(): void {
    this.#ink.schedule(() => {
      const g = this.#gesture;
      if (!g || (g.type !== 'ink' && g.type !== 'pen')) return undefined;
      const style = styleFor('ink', this.#layer.color, this.#layer.width);
      return { evidenceId: this.#layer.evidenceId, page: g.page, id: g.id, color: style.color, width: style.width, points: g.points };
    });
  }

  // ── Pointer ────────────────────────────────────────────────────────────────────────────────

  #onPointerDown(e: PointerEvent): void {
    const layer = this.#layer;
    const viewer = layer.target;
    if (!viewer || e.button !== 0 || !e.isPrimary || this.#gesture) return;
    if (e.composedPath().some((n) => n instanceof HTMLElement && (n.classList.contains('editor') || n.classList.contains('callout-box')))) return;
    const hit = viewer.pagePointAt(e.clientX, e.clientY);
    if (!hit) return;
    const page = hit.page;
    const css = this.#css(page, e.clientX, e.clientY)!;
    const tool = layer.tool;
    if (this.#draft) this.#commitDraft();
    if (tool === 'highlight') {
      window.addEventListener('pointerup', () => setTimeout(() => this.highlightSelection(false)), { once: true });
      return;
    }
    if (tool === 'select') {
      const g = this.#geometry(page)!;
      const selected = layer.selectedId === undefined ? undefined : layer.annotation(layer.selectedId);
      const handle = selected && selected.page === page && layer.canEdit(selected) ? handlePoint(selected, g) : undefined;
      if (selected && handle && Math.hypot(handle[0] - css[0], handle[1] - css[1]) <= HANDLE + 2) {
        this.#begin(e, { type: 'resize', page, id: selected.id, current: css, pointerId: e.pointerId });
        return;
      }
      const target = hitTest(layer.annotations(page), [hit.x, hit.y], 4 / g.scale);
      if (!target) {
        layer.select(undefined);
        return;
      }
      layer.select(target.id);
      this.#focusSurface(page);
      if (layer.canEdit(target)) this.#begin(e, { type: 'move', page, id: target.id, start: css, current: css, pointerId: e.pointerId });
      else e.preventDefault();
      return;
    }
    if (!layer.canCreate(page)) {
      layer.announce(layer.locale.t(layer.readOnly || !layer.room?.origin ? 'annotations.read-only' : 'annotations.not-allowed'));
      return;
    }
    if (tool === 'ink') {
      const [x, y] = this.#user(page, css);
      this.#begin(e, { type: 'ink', page, id: newId(), points: [[round(x), round(y), pressureOf(e)]], pointerId: e.pointerId });
      this.#schedulePublish();
      return;
    }
    this.#begin(e, { type: 'create', kind: tool, page, start: css, current: css, pointerId: e.pointerId });
  }

  #begin(e: PointerEvent, gesture: Gesture): void {
    e.preventDefault();
    this.#gesture = gesture;
    const move = (ev: PointerEvent) => {
      if (ev.pointerId === e.pointerId) this.#onPointerMove(ev);
    };
    const up = (ev: PointerEvent) => {
      if (ev.pointerId !== e.pointerId) return;
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      if (ev.type === 'pointercancel') this.#cancel();
      else this.#finish();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
    this.#layer.refresh();
  }

  #onPointerMove(e: PointerEvent): void {
    const g = this.#gesture;
    if (!g || g.type === 'pen') return;
    const events = typeof e.getCoalescedEvents === 'function' && g.type === 'ink' ? e.getCoalescedEvents() : [];
    for (const ev of events.length > 0 ? events : [e]) {
      const css = this.#css(g.page, ev.clientX, ev.clientY);
      if (!css) return;
      if (g.type === 'ink') {
        const [x, y] = this.#user(g.page, css);
        const last = g.points[g.points.length - 1]!;
        if (Math.abs(last[0] - x) + Math.abs(last[1] - y) > 0.05 && g.points.length < 10_000) g.points.push([round(x), round(y), pressureOf(ev)]);
      } else g.current = css;
    }
    if (g.type === 'ink') this.#schedulePublish();
    this.#layer.invalidateLive(g.page);
  }

  #finish(): void {
    const g = this.#gesture;
    const layer = this.#layer;
    if (!g) return;
    this.#gesture = undefined;
    this.liveDirty.add(g.page);
    const geometry = this.#geometry(g.page);
    if (!geometry) return this.#cancel();
    if (g.type === 'ink' || g.type === 'pen') {
      const style = styleFor('ink', layer.color, layer.width);
      layer.create({ id: g.id, page: g.page, kind: 'ink', geometry: { points: g.points }, style });
      this.#ink.publish(undefined);
    } else if (g.type === 'move') {
      const [dx, dy] = cssDeltaToUser(geometry, g.current[0] - g.start[0], g.current[1] - g.start[1]);
      if (Math.abs(g.current[0] - g.start[0]) + Math.abs(g.current[1] - g.start[1]) >= 1) layer.move(g.id, dx, dy);
    } else if (g.type === 'resize') {
      const a = layer.annotation(g.id);
      const next = a && resizedGeometry(a, geometry, g.current);
      if (next) layer.reshape(g.id, next);
    } else {
      const distance = Math.hypot(g.current[0] - g.start[0], g.current[1] - g.start[1]);
      if (isRealDrag(g.kind, distance)) this.#createAt(g.kind, g.page, this.#user(g.page, g.start), this.#user(g.page, g.current), geometry);
    }
    layer.refresh();
  }

  #createAt(kind: 'rect' | 'ellipse' | 'arrow' | 'callout' | 'note' | 'pin' | 'stamp', page: number, start: [number, number], end: [number, number], geometry: PageGeometry): void {
    const layer = this.#layer;
    const shape = geometryFromDrag(kind, start, end, !geometry.yDown);
    if (kind === 'note' || kind === 'pin') {
      this.#openDraft(kind, page, shape, geometry);
      return;
    }
    const style = styleFor(kind, layer.color, layer.width);
    const stamp = kind === 'stamp' ? { code: layer.stampCode, number: layer.nextStampNumber(layer.stampCode) } : undefined;
    const id = layer.create({ page, kind, geometry: shape, style, ...(stamp ? { stamp } : {}) });
    if (id && kind === 'callout') layer.showCallout(id);
    if (id) layer.select(id);
  }

  // ── Text editor (notes, pin comments) ──────────────────────────────────────────────────────

  #openDraft(kind: 'note' | 'pin', page: number, shape: Geometry, geometry: PageGeometry, existing?: Annotation): void {
    let rect: [number, number, number, number];
    if ('rect' in shape) rect = [...shape.rect] as [number, number, number, number];
    else {
      const [x, y] = pdfToCss(geometry, (shape as { at: [number, number] }).at);
      rect = cssRectToPdf(geometry, { left: x + 8, top: y - 8, width: 200, height: 64 });
    }
    this.#draft = { kind, page, geometry: shape, rect, value: existing?.text ?? '', ...(existing ? { editingId: existing.id } : {}) };
    this.#focusEditor = true;
    this.#layer.refresh();
  }

  /** Opens the text editor of an existing note or pin (Enter on it, or double-click). */
  editText(a: Annotation): void {
    const geometry = this.#geometry(a.page);
    if (!geometry || (a.kind !== 'note' && a.kind !== 'pin')) return;
    if (!this.#layer.canEdit(a)) return this.#layer.announce(this.#layer.locale.t('annotations.not-allowed'));
    this.#openDraft(a.kind, a.page, a.geometry, geometry, a);
  }

  #commitDraft(value?: string): void {
    const draft = this.#draft;
    if (!draft) return;
    this.#draft = undefined;
    const layer = this.#layer;
    const text = (value ?? draft.value).trim();
    if (draft.editingId) layer.setText(draft.editingId, text);
    else if (text || draft.kind === 'pin') {
      const style = styleFor(draft.kind, layer.color, layer.width);
      const id = layer.create({ page: draft.page, kind: draft.kind, geometry: draft.geometry, style, ...(text ? { text, lang: layer.locale.value } : {}) });
      if (id) layer.select(id);
    }
    this.#focusSurface(draft.page);
    layer.refresh();
  }

  /** The editor to show on `page`. */
  editor(page: number): OverlayState['editor'] {
    const d = this.#draft;
    if (!d || d.page !== page) return undefined;
    const t = this.#layer.locale;
    return { rect: d.rect, value: d.value, label: t.t(d.kind === 'note' ? 'annotations.note-editor' : 'annotations.pin-editor'), hint: t.t('annotations.editor-hint') };
  }

  /** After rendering: moves focus into a newly opened editor. */
  afterRender(page: number, root: HTMLElement): void {
    if (this.#focusEditor && this.#draft?.page === page) {
      this.#focusEditor = false;
      root.querySelector<HTMLTextAreaElement>('textarea.editor')?.focus({ preventScroll: true });
    }
  }

  #focusSurface(page: number): void {
    requestAnimationFrame(() => this.#layer.overlay(page)?.ui.querySelector<HTMLElement>('.surface')?.focus({ preventScroll: true }));
  }

  // ── Highlight ──────────────────────────────────────────────────────────────────────────────

  /** Makes highlights of the text selected in the viewer (one per page it spans). */
  highlightSelection(sayWhenNone: boolean): void {
    const layer = this.#layer;
    const viewer = layer.target;
    const root = viewer?.shadowRoot;
    if (!viewer || !root || layer.tool !== 'highlight') return;
    const selection = selectionIn(root);
    let made = 0;
    for (const page of viewer.visiblePages) {
      const element = viewer.pageElement(page);
      const geometry = viewer.pageGeometry(page);
      if (!element || !geometry) continue;
      const picked = selectedText(selection, page, element, geometry);
      if (!picked) continue;
      const style = styleFor('highlight', layer.color, layer.width);
      if (layer.create({ page, kind: 'highlight', geometry: { quads: picked.quads }, quote: picked.quote, style })) made++;
    }
    if (made > 0) selection?.removeAllRanges();
    else if (sayWhenNone) layer.announce(layer.locale.t('annotations.no-text-selected'));
  }

  // ── Hover ──────────────────────────────────────────────────────────────────────────────────

  #onHover(e: PointerEvent): void {
    if (this.#gesture || e.pointerType === 'touch') return;
    const viewer = this.#layer.target;
    const hit = viewer?.pagePointAt(e.clientX, e.clientY);
    const g = hit && this.#geometry(hit.page);
    const found = hit && g ? hitTest(this.#layer.annotations(hit.page), [hit.x, hit.y], 4 / g.scale) : undefined;
    const previous = this.#hover;
    this.#hover = found && hit ? { page: hit.page, id: found.id, at: this.#css(hit.page, e.clientX, e.clientY)! } : undefined;
    if (previous?.id !== this.#hover?.id) this.#layer.refresh();
  }

  /** The tip of `page`: the mark under the pointer, else the selected mark while the page's marks have focus. */
  tip(page: number): OverlayState['tip'] {
    const layer = this.#layer;
    const h = this.#hover;
    const hovered = h && h.page === page ? layer.annotation(h.id) : undefined;
    if (h && hovered) return { left: h.at[0] + 12, top: h.at[1] + 16, text: layer.describe(hovered) };
    const selected = this.#focusedPage === page && layer.selectedId !== undefined ? layer.annotation(layer.selectedId) : undefined;
    const geometry = selected?.page === page ? this.#geometry(page) : undefined;
    if (!selected || !geometry) return undefined;
    const box = pdfRectToCss(geometry, annotationBounds(selected));
    return { left: box.left, top: box.top + box.height + 6, text: layer.describe(selected) };
  }

  // ── Keyboard ───────────────────────────────────────────────────────────────────────────────

  #onViewerKey(e: KeyboardEvent): void {
    if (e.defaultPrevented) return; // handled on the way (the toolbar's own undo keys)
    const origin = e.composedPath()[0];
    if (origin instanceof HTMLElement && (origin.tagName === 'TEXTAREA' || origin.tagName === 'INPUT' || origin.isContentEditable)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === 'z') this.#layer[e.shiftKey ? 'redo' : 'undo']();
    else if (mod && key === 'y' && !e.metaKey) this.#layer.redo();
    else if (e.key === 'Escape' && this.#gesture) this.#cancel();
    else return;
    e.preventDefault();
  }

  /** Handlers of `page`'s overlay controls. */
  handlers(page: number): OverlayHandlers {
    return {
      keydown: (e) => this.#onSurfaceKey(page, e),
      focus: () => {
        this.#focusedPage = page;
        this.#layer.refresh();
      },
      blur: () => {
        if (this.#focusedPage === page) this.#focusedPage = undefined;
        this.#layer.refresh();
      },
      editorKeydown: (e) => this.#onEditorKey(e),
      editorBlur: (e) => {
        if (this.#draft) this.#commitDraft((e.target as HTMLTextAreaElement).value);
      },
      compositionStart: () => {
        this.#composing = true;
      },
      compositionEnd: () => {
        this.#composing = false;
      },
      presentCallout: () => {
        const id = this.#layer.openCalloutId;
        if (id) this.#layer.presentCallout(id);
      },
      closeCallout: () => {
        this.#layer.showCallout(undefined);
        this.#focusSurface(page);
      },
    };
  }

  #onEditorKey(e: KeyboardEvent): void {
    e.stopPropagation(); // typing "n" or "r" in a note must not turn or rotate the page
    const textarea = e.target as HTMLTextAreaElement;
    if (this.#draft) this.#draft.value = textarea.value;
    if (e.key === 'Escape') {
      const page = this.#draft?.page;
      this.#draft = undefined;
      if (page !== undefined) this.#focusSurface(page);
      this.#layer.refresh();
    } else if (e.key === 'Enter' && !e.shiftKey) {
      // Enter that confirms an IME candidate (拼音 → 汉字) is not the end of the note.
      if (e.isComposing || this.#composing || e.keyCode === 229) return;
      e.preventDefault();
      this.#commitDraft(textarea.value);
    }
  }

  #onSurfaceKey(page: number, e: KeyboardEvent): void {
    const layer = this.#layer;
    if (e.ctrlKey || e.metaKey) return; // undo/redo: the viewer-level handler
    const geometry = this.#geometry(page);
    if (!geometry) return;
    const marks = layer.annotations(page);
    const selected = layer.selectedId === undefined ? undefined : layer.annotation(layer.selectedId);
    const active = selected?.page === page ? selected : undefined;
    const pen = this.#gesture?.type === 'pen' ? this.#gesture : undefined;
    const arrow = ARROWS[e.key];
    const step = e.shiftKey ? 10 : 1;
    let handled = true;
    if (arrow && pen) {
      const cursor: Css = [pen.cursor[0] + arrow[0] * 10 * step, pen.cursor[1] + arrow[1] * 10 * step];
      pen.cursor = cursor;
      const [x, y] = this.#user(page, cursor);
      pen.points.push([round(x), round(y), 0.5]);
      this.#schedulePublish();
      layer.invalidateLive(page);
    } else if (arrow && active && layer.canEdit(active)) {
      if (e.altKey) {
        const handle = handlePoint(active, geometry);
        const next = handle && resizedGeometry(active, geometry, [handle[0] + arrow[0] * step, handle[1] + arrow[1] * step]);
        if (next) layer.reshape(active.id, next);
      } else {
        const [dx, dy] = cssDeltaToUser(geometry, arrow[0] * step, arrow[1] * step);
        layer.move(active.id, dx, dy);
      }
    } else if (arrow || e.key === 'Tab') {
      const forward = e.key === 'Tab' ? !e.shiftKey : arrow![0] + arrow![1] > 0;
      const index = active ? marks.indexOf(active) : forward ? -1 : marks.length;
      const next = marks[index + (forward ? 1 : -1)];
      if (next) layer.select(next.id);
      else if (e.key === 'Tab') handled = false; // leave the page's marks
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      layer.deleteSelected();
    } else if (e.key === 'Escape') {
      if (pen) this.#cancel();
      else if (layer.openCalloutId) layer.showCallout(undefined);
      else if (active) layer.select(undefined);
      else handled = false;
    } else if (e.key === 'Enter' || e.key === ' ') {
      this.#enter(page, geometry, active, pen);
    } else if (!e.altKey && e.key.length === 1 && toolForKey(e.key)) {
      layer.setTool(toolForKey(e.key)!);
    } else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  #enter(page: number, geometry: PageGeometry, active: Annotation | undefined, pen: Extract<Gesture, { type: 'pen' }> | undefined): void {
    const layer = this.#layer;
    const tool = layer.tool;
    if (pen) {
      this.#gesture = pen;
      this.#finish();
      return;
    }
    if (tool === 'select') {
      if (active?.kind === 'note' || active?.kind === 'pin') this.editText(active);
      else if (active?.kind === 'callout') layer.showCallout(layer.openCalloutId === active.id ? undefined : active.id);
      return;
    }
    if (tool === 'highlight') return this.highlightSelection(true);
    if (!layer.canCreate(page)) {
      layer.announce(layer.locale.t(layer.readOnly || !layer.room?.origin ? 'annotations.read-only' : 'annotations.not-allowed'));
      return;
    }
    const centre = this.#visibleCentre(page) ?? [0, 0];
    const at = this.#user(page, centre);
    if (tool === 'ink') {
      this.#gesture = { type: 'pen', page, id: newId(), points: [[round(at[0]), round(at[1]), 0.5]], cursor: centre };
      layer.announce(layer.locale.t('annotations.keyboard-pen'));
      this.#schedulePublish();
      layer.invalidateLive(page);
      return;
    }
    const shape = geometryAt(tool, at);
    if (tool === 'note' || tool === 'pin') return this.#openDraft(tool, page, shape, geometry);
    const style = styleFor(tool, layer.color, layer.width);
    const stamp = tool === 'stamp' ? { code: layer.stampCode, number: layer.nextStampNumber(layer.stampCode) } : undefined;
    const id = layer.create({ page, kind: tool, geometry: shape, style, ...(stamp ? { stamp } : {}) });
    if (id) layer.select(id);
    if (id && tool === 'callout') layer.showCallout(id);
  }

  // ── Live canvas ────────────────────────────────────────────────────────────────────────────

  /** What the live canvas of `page` shows now, or `undefined` for nothing. */
  liveDrawer(page: number, geometry: PageGeometry): ((ctx: CanvasRenderingContext2D) => void) | undefined {
    const layer = this.#layer;
    const items: Annotation[] = [];
    for (const d of this.#ink.remote(page)) {
      if (!layer.annotation(d.id) && d.points.length > 0) items.push(draftAnnotation('ink', page, { points: d.points }, { color: d.color, width: d.width, opacity: 1 }, { id: d.id }));
    }
    const g = this.#gesture?.page === page ? this.#gesture : undefined;
    if (g?.type === 'ink' || g?.type === 'pen') items.push(draftAnnotation('ink', page, { points: g.points }, styleFor('ink', layer.color, layer.width)));
    if (g?.type === 'create') {
      const kind = g.kind;
      const shape = geometryFromDrag(kind, this.#user(page, g.start), this.#user(page, g.current), !geometry.yDown);
      const stamp = kind === 'stamp' ? { code: layer.stampCode, number: layer.nextStampNumber(layer.stampCode) } : undefined;
      items.push(draftAnnotation(kind, page, shape, styleFor(kind, layer.color, layer.width), stamp ? { stamp } : {}));
    }
    let frameOf: Annotation | undefined = layer.selectedId === undefined ? undefined : layer.annotation(layer.selectedId);
    if (frameOf && frameOf.page !== page) frameOf = undefined;
    if (frameOf && (g?.type === 'move' || g?.type === 'resize') && g.id === frameOf.id) {
      const moved =
        g.type === 'move' ? movedGeometry(frameOf, geometry, g.current[0] - g.start[0], g.current[1] - g.start[1]) : (resizedGeometry(frameOf, geometry, g.current) ?? frameOf.geometry);
      frameOf = { ...frameOf, geometry: moved } as Annotation;
      items.push(frameOf);
    }
    if (items.length === 0 && !frameOf) return undefined;
    const stampLabel = layer.stampLabel;
    return (ctx) => {
      paintAnnotations(ctx, items, geometry, { stampLabel });
      if (frameOf) drawFrame(ctx, frameOf, geometry, layer.canEdit(frameOf));
    };
  }
}

/** The selection frame (and the resize handle of an editable, resizable mark), CSS pixels. */
function drawFrame(ctx: CanvasRenderingContext2D, a: Annotation, geometry: PageGeometry, editable: boolean): void {
  const box = pdfRectToCss(geometry, annotationBounds(a));
  ctx.save();
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.strokeStyle = editable ? '#0969da' : '#59636e';
  ctx.strokeRect(box.left - 2, box.top - 2, box.width + 4, box.height + 4);
  const handle = editable && isResizable(a.kind) ? handlePoint(a, geometry) : undefined;
  if (handle) {
    ctx.setLineDash([]);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(handle[0] - HANDLE / 2, handle[1] - HANDLE / 2, HANDLE, HANDLE);
    ctx.strokeRect(handle[0] - HANDLE / 2, handle[1] - HANDLE / 2, HANDLE, HANDLE);
  }
  ctx.restore();
}

function pressureOf(e: PointerEvent): number {
  return e.pointerType === 'pen' && e.pressure > 0 ? Math.min(1, Math.max(0, e.pressure)) : 0.5;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
