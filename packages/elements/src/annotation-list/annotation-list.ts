/**
 * `<hs-annotation-list>`: the accessible mirror of the annotation canvas. Every mark of one
 * evidence item, grouped by page, as a compact list a keyboard and a screen reader can work
 * through: kind, author, venue, a text excerpt and the time; picking one selects it in the
 * viewer's annotation layer and scrolls to it; deleting is offered where the rights allow.
 * Venue layers (show or hide each venue's marks) live here too, in the room's `venueLayers`.
 *
 * How to think about it: the document is read through {@link AnnotationsController}; rights are
 * the model's `decide`; the only session state is which row has the keyboard focus.
 */
import { consume } from '@lit/context';
import { styleMap } from 'lit/directives/style-map.js';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { decide, geometryBounds, removeAnnotation, rightsContext, STAMP_CODES, type Annotation } from '@huishen/model';
import { HsAnnotationDeleteEvent } from '../events/annotation-delete-event.js';
import { HsAnnotationRevealRequestEvent } from '../events/annotation-reveal-request-event.js';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { roomContext, type RoomContextValue } from '../room/room-context.js';
import type { VenueLayers } from '../room/venue-layers.js';
import { AnnotationsController } from './annotations-controller.js';
import { styles } from './annotation-list.styles.js';

/** Characters of a mark's text shown in the list. */
export const EXCERPT_LENGTH = 40;

const LANG_TAGS = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en' } as const;

/**
 * The annotations of one evidence item as an accessible list, grouped by page, with venue layers.
 *
 * Name the viewer with `for` (an id in the same root) or set `viewer`: the list then follows the
 * viewer's evidence and reveals marks in it. Without a viewer, set `evidence-id`.
 *
 * Keyboard: Up/Down (Home/End) move between marks; Enter or Space reveals the mark in the viewer;
 * Delete removes it (when allowed); Tab reaches the mark's delete button.
 *
 * @summary The accessible list of an evidence item's annotations, by page, with venue layers.
 *
 * @csspart base - Everything.
 * @csspart venues - The venue layer switches (a group of checkboxes).
 * @csspart venue - One venue's switch (a label around a checkbox); `data-venue` holds its id.
 * @csspart page - One page's group (heading and list).
 * @csspart item - One mark's row.
 * @csspart item-button - The button that reveals the mark (`aria-current` when it is selected).
 * @csspart delete-button - The mark's delete button (only where the rights allow).
 * @csspart empty - Said when there are no marks.
 *
 * @cssproperty --hs-annotation-list-color - Text colour. Falls back to `--hs-sys-color-on-surface`.
 * @cssproperty --hs-annotation-list-muted-color - Secondary text. Falls back to `--hs-sys-color-on-surface-variant`.
 * @cssproperty --hs-annotation-list-selected-background - The selected row. Default a light blue.
 * @cssproperty --hs-annotation-list-focus-color - Focus ring. Falls back to `--hs-sys-color-focus`.
 * @cssproperty --hs-annotation-list-max-height - Height before the list scrolls. Default `none`.
 *
 * @event {HsAnnotationRevealRequestEvent} hs-annotation-reveal-request - A mark was picked; cancel to handle it yourself.
 * @event {HsAnnotationDeleteEvent} hs-annotation-delete - A mark was deleted from the list: `annotation`.
 */
export class HsAnnotationList extends LitElement {
  static override styles = styles;

  /** The viewer to follow and reveal marks in (or name it with `for`). */
  @property({ attribute: false }) viewer: HsEvidenceViewer | undefined = undefined;

  /** Id of the viewer, in the same document or shadow root (when `viewer` is not set). */
  @property({ attribute: 'for' }) for = '';

  /** The evidence item to list when there is no viewer (a viewer's own `evidence-id` wins). */
  @property({ attribute: 'evidence-id' }) evidenceId = '';

  /** The room, from `<hs-room>` or any `roomContext` provider. */
  @consume({ context: roomContext, subscribe: true })
  @property({ attribute: false })
  room: RoomContextValue | undefined = undefined;

  @state() private _selected: string | undefined;
  @state() private _focused: string | undefined;
  @state() private _announcement = '';

  /** @internal */
  readonly #locale = new LocaleController(this);
  /** @internal */
  readonly #data = new AnnotationsController(this, {
    room: () => this.room,
    evidenceId: () => this.#evidenceId(),
    onRemoteAdded: (added) => this.#announceAdded(added),
  });
  #target: HsEvidenceViewer | undefined;
  #unhook: (() => void) | undefined;

  /** The annotations listed now (visible venues only), page by page. */
  get annotations(): readonly Annotation[] {
    const hidden = this.room?.venueLayers?.hidden;
    const all = this.#data.value.annotations;
    const shown = hidden && hidden.size > 0 ? all.filter((a) => !hidden.has(a.venue)) : all;
    return [...shown].sort((a, b) => a.page - b.page);
  }

  /** Reveals annotation `id` as picking it in the list does (select in the layer, scroll the viewer). */
  reveal(id: string): void {
    const annotation = this.#data.value.annotations.find((a) => a.id === id);
    if (!annotation) return;
    this._selected = id;
    this._focused = id;
    if (!this.dispatchEvent(new HsAnnotationRevealRequestEvent(annotation))) return;
    const viewer = this.#target;
    if (!viewer) return;
    viewer.scrollToRegion(annotation.page, geometryBounds(annotation.geometry));
    viewer.annotationLayer?.select(id);
  }

  /** Whether the local person may delete `annotation` (the model's rights). */
  canDelete(annotation: Annotation): boolean {
    const room = this.room;
    const actor = room?.origin?.actor;
    if (!room || !actor) return false;
    const before = annotation as unknown as Record<string, unknown>;
    return decide(actor, { target: 'annotation', id: annotation.id, before, fields: [] }, rightsContext(room.doc)).allowed;
  }

  /** Deletes annotation `id` when the rights allow; returns whether it did. */
  delete(id: string): boolean {
    const room = this.room;
    const annotation = this.#data.value.annotations.find((a) => a.id === id);
    if (!room?.origin || !annotation || !this.canDelete(annotation)) return false;
    const list = this.annotations;
    const next = list[list.findIndex((a) => a.id === id) + 1] ?? list[list.findIndex((a) => a.id === id) - 1];
    removeAnnotation(room.doc, id, room.origin);
    if (this._selected === id) this._selected = undefined;
    this._focused = next?.id;
    this._announcement = this.#locale.t('annotation-list.deleted', { kind: this.#kind(annotation) });
    this.dispatchEvent(new HsAnnotationDeleteEvent(annotation));
    if (next) void this.updateComplete.then(() => this.#row(next.id)?.focus());
    return true;
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
    if (changed.has('viewer') || changed.has('for') || changed.has('room')) this.#hook();
  }

  #evidenceId(): string {
    return this.#target?.evidenceId || this.evidenceId;
  }

  #hook(): void {
    this.#unhook?.();
    const viewer = (this.#target = this.viewer ?? this.#byId());
    const layers: VenueLayers | undefined = this.room?.venueLayers;
    const onSelect = (event: Event) => {
      const id = (event as { annotation?: Annotation }).annotation?.id;
      this._selected = id;
      if (id) this._focused = id;
    };
    const onLoad = () => this.requestUpdate();
    const onLayers = () => this.requestUpdate();
    viewer?.addEventListener('hs-annotation-select', onSelect);
    viewer?.addEventListener('hs-document-load', onLoad);
    layers?.addEventListener('change', onLayers);
    this.#unhook = () => {
      viewer?.removeEventListener('hs-annotation-select', onSelect);
      viewer?.removeEventListener('hs-document-load', onLoad);
      layers?.removeEventListener('change', onLayers);
    };
    this.requestUpdate();
  }

  #byId(): HsEvidenceViewer | undefined {
    if (!this.for) return undefined;
    const found = (this.getRootNode() as Document | ShadowRoot).getElementById?.(this.for);
    return found && 'scrollToRegion' in found ? (found as HsEvidenceViewer) : undefined;
  }

  #row(id: string): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`button[data-id="${CSS.escape(id)}"]`);
  }

  #kind(a: Annotation): string {
    return this.#locale.t(`annotations.kind.${a.kind}`);
  }

  #venueName(venue: string): string {
    return this.#data.value.venues.get(venue)?.name ?? venue;
  }

  #excerpt(a: Annotation): string {
    let text = a.text ?? '';
    if (a.kind === 'highlight' && !text) text = a.quote?.exact ?? '';
    if (a.kind === 'stamp' && a.stamp) {
      const code = STAMP_CODES.includes(a.stamp.code) ? a.stamp.code : 'exhibit';
      text = `${this.#locale.t(`annotations.stamp.${code}`)}${a.stamp.number !== undefined ? ` ${a.stamp.number}` : ''}`;
    }
    text = text.replace(/\s+/g, ' ').trim();
    return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
  }

  /** @internal One formatter per language and time zone (building one per row is slow). */
  #formatter: { key: string; format: Intl.DateTimeFormat } | undefined;

  #time(a: Annotation): string {
    const lang = LANG_TAGS[this.#locale.value];
    const timeZone = this.#data.value.timeZone;
    const key = `${lang}|${timeZone ?? ''}`;
    if (this.#formatter?.key !== key) {
      const options: Intl.DateTimeFormatOptions = { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' };
      let format: Intl.DateTimeFormat;
      try {
        format = new Intl.DateTimeFormat(lang, timeZone ? { ...options, timeZone } : options);
      } catch {
        format = new Intl.DateTimeFormat(lang, options); // a time zone this browser does not know
      }
      this.#formatter = { key, format };
    }
    return this.#formatter.format.format(a.createdAt);
  }

  #announceAdded(added: readonly Annotation[]): void {
    const hidden = this.room?.venueLayers?.hidden;
    const shown = hidden ? added.filter((a) => !hidden.has(a.venue)) : added;
    if (shown.length === 0) return;
    const first = shown[0]!;
    this._announcement =
      shown.length === 1
        ? this.#locale.t('annotation-list.remote-added', { author: first.authorName, venue: this.#venueName(first.venue), kind: this.#kind(first), page: first.page })
        : this.#locale.plural('annotation-list.remote-added-many', shown.length);
  }

  #onKeyDown(event: KeyboardEvent, a: Annotation): void {
    const list = this.annotations;
    const index = list.findIndex((x) => x.id === a.id);
    let target: Annotation | undefined;
    switch (event.key) {
      case 'ArrowDown':
        target = list[index + 1];
        break;
      case 'ArrowUp':
        target = list[index - 1];
        break;
      case 'Home':
        target = list[0];
        break;
      case 'End':
        target = list[list.length - 1];
        break;
      case 'Delete':
      case 'Backspace':
        event.preventDefault();
        if (!this.delete(a.id)) this._announcement = this.#locale.t('annotation-list.not-allowed');
        return;
      default:
        return;
    }
    event.preventDefault();
    if (!target) return;
    this._focused = target.id;
    const id = target.id;
    void this.updateComplete.then(() => this.#row(id)?.focus());
  }

  protected override render() {
    const { venues, annotations: all } = this.#data.value;
    const layers = this.room?.venueLayers;
    const list = this.annotations;
    const focused = list.some((a) => a.id === this._focused) ? this._focused : list[0]?.id;
    const pages = new Map<number, Annotation[]>();
    for (const a of list) pages.set(a.page, [...(pages.get(a.page) ?? []), a]);
    const venueIds = [...new Set([...venues.keys(), ...all.map((a) => a.venue)])];
    const count = (venue: string) => all.filter((a) => a.venue === venue).length;

    return html`<div part="base">
      ${layers && venueIds.length > 0
        ? html`<fieldset part="venues" class="venues">
            <legend>${this.#locale.t('annotation-list.venue-layers')}</legend>
            ${venueIds.map(
              (id) => html`<label part="venue" data-venue=${id}>
                <input type="checkbox" .checked=${layers.isVisible(id)} @change=${(e: Event) => layers.setVisible(id, (e.target as HTMLInputElement).checked)} />
                <span class="swatch" style=${styleMap({ background: venues.get(id)?.color ?? 'currentColor' })}></span>
                ${this.#locale.t('annotation-list.venue-toggle', { venue: this.#venueName(id), count: count(id) })}
              </label>`,
            )}
          </fieldset>`
        : nothing}
      ${list.length === 0
        ? html`<p part="empty" class="empty">${this.#locale.t(all.length > 0 ? 'annotation-list.all-hidden' : 'annotation-list.empty')}</p>`
        : [...pages].map(
            ([page, marks]) => html`<section part="page" class="page" aria-labelledby="page-${page}">
              <h3 id="page-${page}">${this.#locale.t('annotation-list.page-heading', { page })} <span class="count">${this.#locale.plural('annotation-list.page-count', marks.length)}</span></h3>
              <ul role="list">
                ${repeat(
                  marks,
                  (a) => a.id,
                  (a) => this.#item(a, a.id === focused),
                )}
              </ul>
            </section>`,
          )}
      <div class="announcer" role="status" aria-live="polite">${this._announcement}</div>
    </div>`;
  }

  #item(a: Annotation, focusable: boolean) {
    const venue = this.#venueName(a.venue);
    const excerpt = this.#excerpt(a);
    const deletable = this.canDelete(a);
    const description = this.#locale.t('annotation-list.describe', { kind: this.#kind(a), author: a.authorName, venue });
    const color = this.#data.value.venues.get(a.venue)?.color ?? 'currentColor';
    return html`<li part="item" class="item">
      <button
        part="item-button"
        class="reveal"
        data-id=${a.id}
        tabindex=${focusable ? 0 : -1}
        aria-current=${a.id === this._selected ? 'true' : nothing}
        aria-keyshortcuts=${deletable ? 'Delete' : nothing}
        @click=${() => this.reveal(a.id)}
        @focus=${() => (this._focused = a.id)}
        @keydown=${(e: KeyboardEvent) => this.#onKeyDown(e, a)}
      >
        <span class="swatch" style=${styleMap({ background: color })} aria-hidden="true"></span>
        <span class="main"
          ><span class="what">${description}</span>${excerpt ? html`<span class="excerpt">${this.#locale.t('annotation-list.excerpt', { text: excerpt })}</span>` : nothing}</span
        >
        <span class="meta"
          ><time datetime=${new Date(a.createdAt).toISOString()}>${this.#time(a)}</time>${deletable
            ? nothing
            : html`<span class="locked">${this.#locale.t('annotation-list.locked')}</span>`}</span
        >
      </button>
      ${deletable
        ? html`<button
            part="delete-button"
            class="delete"
            tabindex=${focusable ? 0 : -1}
            aria-label=${this.#locale.t('annotation-list.delete-label', { description })}
            title=${this.#locale.t('annotation-list.delete')}
            @click=${() => this.delete(a.id)}
          >
            <span aria-hidden="true">×</span>
          </button>`
        : nothing}
    </li>`;
  }
}
