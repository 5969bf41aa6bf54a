/**
 * `<hs-annotation-toolbar>`: the tools, colour, width, stamp and undo/redo of an annotation layer.
 * A pure remote control: every state it shows is the layer's (tool, colour, selection) or the
 * room's (undo stacks); it listens for their changes and calls the layer's methods.
 */
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { STAMP_CODES, type StampCode } from '@huishen/model';
import type { HsAnnotationLayer } from '../annotation-layer/annotation-layer.js';
import { ANNOTATION_TOOLS, TOOL_SHORTCUTS, toolForKey, type AnnotationTool } from '../annotation-layer/tools.js';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { styles } from './annotation-toolbar.styles.js';

const WIDTHS = [1, 2, 4, 8] as const;
const COLORS = [
  ['#e53935', 'red'],
  ['#1e88e5', 'blue'],
  ['#43a047', 'green'],
  ['#ffd400', 'yellow'],
  ['#8e24aa', 'purple'],
  ['#212121', 'black'],
] as const;

/**
 * The tools of an `<hs-annotation-layer>` as a toolbar: select, highlight, rectangle, ellipse,
 * arrow, pen, note, pin, stamp, callout (`role="toolbar"`, arrow keys move between the tools,
 * `aria-pressed` marks the active one), colour, line width, the stamp's kind and number, undo,
 * redo and delete.
 *
 * Where it goes: inside the viewer (its `annotation-toolbar` attribute), or anywhere else naming
 * the viewer with `for` (an id in the same document or shadow root), or with the `viewer` or
 * `layer` property set.
 *
 * Keys (focus in the toolbar): the tool keys V, H, R, O, A, P, N, M, S, C; arrows, Home and End
 * move between the tools; Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z or Ctrl+Y redo.
 *
 * @summary The annotation tools, colour, width, stamp and undo/redo of an evidence viewer.
 *
 * @csspart base - The toolbar (`role="toolbar"`).
 * @csspart tool - One tool button (`aria-pressed`; `data-tool` holds its name).
 * @csspart color - The colour swatches group.
 * @csspart width - The line width menu.
 * @csspart stamp - The stamp kind and number controls.
 * @csspart undo - The undo button.
 * @csspart redo - The redo button.
 * @csspart delete - The delete button.
 *
 * @cssproperty --hs-annotation-toolbar-background - Falls back to `--hs-sys-color-surface`.
 * @cssproperty --hs-annotation-toolbar-color - Text. Falls back to `--hs-sys-color-on-surface`.
 * @cssproperty --hs-annotation-toolbar-border-color - Borders. Falls back to `--hs-sys-color-outline`.
 * @cssproperty --hs-annotation-toolbar-pressed-background - The active tool.
 * @cssproperty --hs-annotation-toolbar-focus-color - Focus ring. Falls back to `--hs-sys-color-focus`.
 */
export class HsAnnotationToolbar extends LitElement {
  static override styles = styles;

  /** Id of the `<hs-evidence-viewer>` whose layer to drive (same document or shadow root). */
  @property({ attribute: 'for' }) for = '';

  /** The viewer whose layer to drive (instead of `for`). */
  @property({ attribute: false }) viewer: HsEvidenceViewer | undefined = undefined;

  /** The layer to drive (instead of `for` or `viewer`). */
  @property({ attribute: false }) layer: HsAnnotationLayer | undefined = undefined;

  @state() private _layer: HsAnnotationLayer | undefined;
  @state() private _tick = 0;
  @state() private _focusTool: AnnotationTool = 'select';
  @query('.tools') private _tools!: HTMLElement;

  /** @internal */
  readonly locale = new LocaleController(this);
  #unhook: (() => void) | undefined;
  #viewerTarget: HsEvidenceViewer | undefined;

  /** The layer being driven, once found. */
  get target(): HsAnnotationLayer | undefined {
    return this._layer;
  }

  #resolveViewer(): HsEvidenceViewer | undefined {
    if (this.viewer) return this.viewer;
    if (!this.for) return undefined;
    const root = this.getRootNode() as Document | ShadowRoot;
    const found = root.getElementById?.(this.for);
    return found && 'pageGeometry' in found ? (found as HsEvidenceViewer) : undefined;
  }

  #hook(): void {
    this.#unhook?.();
    this.#unhook = undefined;
    const viewer = (this.#viewerTarget = this.#resolveViewer());
    const find = () => {
      const layer = this.layer ?? this.#viewerTarget?.annotationLayer;
      if (layer !== this._layer) this.#setLayer(layer);
    };
    const onChange = () => {
      find();
      this._tick++;
    };
    const events = ['hs-tool-change', 'hs-annotation-select', 'hs-annotation-create', 'hs-annotation-change', 'hs-annotation-delete', 'hs-document-load'];
    const source: EventTarget | undefined = this.layer ?? viewer;
    for (const name of events) source?.addEventListener(name, onChange);
    find();
    // The viewer renders its layer after it got a room: look again once it has updated.
    if (!this._layer && viewer) void viewer.updateComplete.then(find);
    this.#unhook = () => {
      for (const name of events) source?.removeEventListener(name, onChange);
      this.#setLayer(undefined);
    };
  }

  #offUndo: (() => void) | undefined;

  #setLayer(layer: HsAnnotationLayer | undefined): void {
    this.#offUndo?.();
    this.#offUndo = undefined;
    this._layer = layer;
    const manager = layer?.room?.undoManager;
    if (manager) {
      const bump = () => this._tick++;
      manager.on('stack-item-added', bump);
      manager.on('stack-item-popped', bump);
      manager.on('stack-cleared', bump);
      this.#offUndo = () => {
        manager.off('stack-item-added', bump);
        manager.off('stack-item-popped', bump);
        manager.off('stack-cleared', bump);
      };
    }
    if (layer) this._focusTool = layer.tool;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#hook();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unhook?.();
    this.#unhook = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('for') || changed.has('viewer') || changed.has('layer')) this.#hook();
  }

  #label(tool: AnnotationTool): string {
    return this.locale.t('annotations.tool-shortcut', { label: this.locale.t(`annotations.tool.${tool}`), key: TOOL_SHORTCUTS[tool].toUpperCase() });
  }

  #pick(tool: AnnotationTool): void {
    this._focusTool = tool;
    this._layer?.setTool(tool);
    this._tick++;
  }

  #onToolsKey(event: KeyboardEvent): void {
    const index = ANNOTATION_TOOLS.indexOf(this._focusTool);
    let next: number | undefined;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = (index + 1) % ANNOTATION_TOOLS.length;
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = (index - 1 + ANNOTATION_TOOLS.length) % ANNOTATION_TOOLS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = ANNOTATION_TOOLS.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    this._focusTool = ANNOTATION_TOOLS[next]!;
    void this.updateComplete.then(() => this._tools.querySelector<HTMLButtonElement>(`[data-tool="${this._focusTool}"]`)?.focus());
  }

  #onKey = (event: KeyboardEvent): void => {
    const origin = event.composedPath()[0];
    if (origin instanceof HTMLInputElement || origin instanceof HTMLSelectElement) return;
    const layer = this._layer;
    if (!layer) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (mod && key === 'z') layer[event.shiftKey ? 'redo' : 'undo']();
    else if (mod && key === 'y' && !event.metaKey) layer.redo();
    else if (!mod && !event.altKey && event.key.length === 1 && toolForKey(event.key)) this.#pick(toolForKey(event.key)!);
    else return;
    event.preventDefault();
  };

  protected override render() {
    void this._tick;
    const t = this.locale;
    const layer = this._layer;
    const room = layer?.room;
    const canWrite = !!layer && layer.canCreate(layer.target?.page ?? 1);
    const manager = room?.undoManager;
    const selected = layer?.selectedId === undefined ? undefined : layer.annotation(layer.selectedId);
    const canDelete = !!selected && !!layer?.canEdit(selected);
    const tool = layer?.tool ?? 'select';
    const color = layer?.color ?? '';
    return html`<div part="base" class="base" role="toolbar" aria-label=${t.t('annotations.toolbar')} @keydown=${this.#onKey}>
      <span class="tools group" role="group" aria-label=${t.t('annotations.tools')} @keydown=${(e: KeyboardEvent) => this.#onToolsKey(e)}>
        ${ANNOTATION_TOOLS.map(
          (name) => html`<button
            type="button"
            part="tool"
            class="tool"
            data-tool=${name}
            aria-pressed=${tool === name ? 'true' : 'false'}
            aria-keyshortcuts=${TOOL_SHORTCUTS[name].toUpperCase()}
            title=${this.#label(name)}
            tabindex=${this._focusTool === name ? '0' : '-1'}
            ?disabled=${!layer || (name !== 'select' && !canWrite)}
            @click=${() => this.#pick(name)}
          >
            ${t.t(`annotations.tool.${name}`)}
          </button>`,
        )}
      </span>
      <span part="color" class="group colors" role="group" aria-label=${t.t('annotations.color')}>
        ${COLORS.map(
          ([c, name]) => html`<button
            type="button"
            class="swatch"
            aria-label=${t.t(`annotations.colors.${name}`)}
            title=${t.t(`annotations.colors.${name}`)}
            aria-pressed=${color === c ? 'true' : 'false'}
            data-color=${c}
            ?disabled=${!canWrite}
            @click=${() => {
              layer?.recolor(c);
              this._tick++;
            }}
          ><span class="chip" style=${styleMap({ background: c })}></span></button>`,
        )}
      </span>
      <label class="group"
        >${t.t('annotations.width')}
        <select
          part="width"
          class="width"
          ?disabled=${!canWrite}
          @change=${(e: Event) => {
            if (layer) layer.width = Number((e.target as HTMLSelectElement).value);
          }}
        >
          <option value="0" ?selected=${!layer || layer.width === 0}>—</option>
          ${WIDTHS.map((w) => html`<option value=${String(w)} ?selected=${layer?.width === w}>${w}</option>`)}
        </select></label
      >
      ${tool === 'stamp' ? this.#renderStamp(layer!) : nothing}
      <span class="group">
        <button type="button" part="undo" class="undo" ?disabled=${!manager || manager.undoStack.length === 0} @click=${() => layer?.undo()}>
          ${t.t('annotations.undo')}
        </button>
        <button type="button" part="redo" class="redo" ?disabled=${!manager || manager.redoStack.length === 0} @click=${() => layer?.redo()}>
          ${t.t('annotations.redo')}
        </button>
        <button type="button" part="delete" class="delete" ?disabled=${!canDelete} @click=${() => layer?.deleteSelected()}>
          ${t.t('annotations.delete')}
        </button>
      </span>
    </div>`;
  }

  #renderStamp(layer: HsAnnotationLayer) {
    const t = this.locale;
    return html`<span part="stamp" class="group">
      <label
        >${t.t('annotations.stamp-code')}
        <select
          class="stamp-code"
          @change=${(e: Event) => {
            layer.stampCode = (e.target as HTMLSelectElement).value as StampCode;
          }}
        >
          ${STAMP_CODES.map((code) => html`<option value=${code} ?selected=${layer.stampCode === code}>${t.t(`annotations.stamp.${code}`)}</option>`)}
        </select></label
      >
      <label
        >${t.t('annotations.stamp-number')}
        <input
          class="stamp-number"
          type="number"
          min="0"
          max="999999"
          placeholder=${t.t('annotations.stamp-number-auto')}
          .value=${layer.stampNumber > 0 ? String(layer.stampNumber) : ''}
          @change=${(e: Event) => {
            const n = Number.parseInt((e.target as HTMLInputElement).value, 10);
            layer.stampNumber = Number.isFinite(n) && n > 0 ? Math.min(999_999, n) : 0;
          }}
      /></label>
    </span>`;
  }
}
