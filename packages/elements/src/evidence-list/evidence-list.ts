/**
 * `<hs-evidence-list>` lists a room's evidence in its shared order, says for each item whether
 * every venue's bytes match the recorded SHA-256 (from the venues' presence), lets the user pick
 * one, and — for the chair and the presenter — adds files by drag and drop or a file picker.
 */
import { consume } from '@lit/context';
import { readEvidence, readPeers, readVenues, type Evidence, type Venue } from '@huishen/model';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { HsEvidenceSelectEvent } from '../events/evidence-select-event.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { roomContext, type RoomContextValue } from '../room/room-context.js';
import { addEvidenceFile, AddEvidenceError, mayAddEvidence } from './add-evidence.js';
import { styles } from './evidence-list.styles.js';

/** Integrity of one item at one venue, as the venue's participants report it. */
export type VenueIntegrity = 'ok' | 'mismatch' | 'unchecked';

/**
 * The per-venue integrity of every evidence item: a venue counts as `mismatch` when any of its
 * participants saw different bytes, `ok` when one confirmed the hash and none saw a mismatch, and
 * `unchecked` otherwise.
 */
export function integrityByVenue(room: RoomContextValue): Map<string, Map<string, VenueIntegrity>> {
  const out = new Map<string, Map<string, VenueIntegrity>>();
  const states: { venue: string; integrity?: Record<string, string> | null | undefined }[] = [];
  if (room.awareness) {
    for (const peer of readPeers(room.awareness)) states.push({ venue: peer.user.venue, integrity: peer.integrity });
    const local = room.awareness.getLocalState() as { integrity?: Record<string, string> } | null;
    const venue = room.origin?.actor.venue;
    if (venue) states.push({ venue, integrity: local?.integrity });
  }
  for (const { venue, integrity } of states) {
    for (const [evidenceId, value] of Object.entries(integrity ?? {})) {
      let venues = out.get(evidenceId);
      if (!venues) out.set(evidenceId, (venues = new Map()));
      const before = venues.get(venue);
      if (value === 'mismatch' || before === 'mismatch') venues.set(venue, 'mismatch');
      else if (value === 'ok' || before === 'ok') venues.set(venue, 'ok');
      else venues.set(venue, 'unchecked');
    }
  }
  return out;
}

/**
 * The evidence of the room in its shared order, with each venue's integrity check, and adding
 * files for those allowed to.
 *
 * Keyboard: Tab reaches the list; ArrowUp/ArrowDown move between items, Home/End to the first and
 * last; Enter or Space opens the item. Added files and refusals are announced.
 *
 * @summary The room's evidence with per-venue integrity, selection, and adding files.
 *
 * @csspart base - The whole list area (also the drop zone).
 * @csspart add - The "Add evidence" button (chair and presenter only).
 * @csspart hint - The drag-and-drop hint.
 * @csspart list - The list of items.
 * @csspart entry - One item: its button and its integrity list; `data-selected` on the selected one.
 * @csspart item - One item's button; `aria-current="true"` on the selected one.
 * @csspart title - An item's title.
 * @csspart meta - An item's kind and page count.
 * @csspart integrity - An item's per-venue integrity list; each entry has `data-integrity`
 *   (`ok`, `mismatch`, `unchecked`).
 * @csspart empty - Said when the room has no evidence.
 * @csspart error - Why the last file was not added (`role="alert"`).
 *
 * @cssproperty --hs-evidence-list-color - Text colour. Falls back to `--hs-sys-color-on-surface`.
 * @cssproperty --hs-evidence-list-meta-color - Secondary text. Falls back to
 *   `--hs-sys-color-on-surface-variant`.
 * @cssproperty --hs-evidence-list-selected-color - Border of the selected item.
 * @cssproperty --hs-evidence-list-selected-background - Background of the selected item.
 * @cssproperty --hs-evidence-list-hover-background - Background of a hovered item.
 * @cssproperty --hs-evidence-list-ok-color - "Matches". Falls back to `--hs-sys-color-success`.
 * @cssproperty --hs-evidence-list-mismatch-color - "Mismatch". Falls back to `--hs-sys-color-error`.
 * @cssproperty --hs-evidence-list-unchecked-color - "Not checked".
 * @cssproperty --hs-evidence-list-drop-color - Border while a file is dragged over.
 * @cssproperty --hs-evidence-list-border-color - The add button's border.
 * @cssproperty --hs-evidence-list-button-background - The add button's background.
 * @cssproperty --hs-evidence-list-error-color - Refusals. Falls back to `--hs-sys-color-error`.
 * @cssproperty --hs-evidence-list-focus-color - Focus ring.
 *
 * @event {HsEvidenceSelectEvent} hs-evidence-select - An item was chosen (or a just-added file
 *   was selected): `evidenceId`.
 */
export class HsEvidenceList extends LitElement {
  static override styles = styles;

  /** The selected item's id; reflected. Set it to show which item the viewer has open. */
  @property({ attribute: 'selected', reflect: true }) selected = '';

  /** True while files are dragged over the list (reflected, for styling). */
  @property({ attribute: 'drop-active', type: Boolean, reflect: true }) dropActive = false;

  /** The room, from any `roomContext` provider. */
  @consume({ context: roomContext, subscribe: true })
  @state()
  room?: RoomContextValue;

  @state() private _announcement = '';
  @state() private _error = '';

  @query('input[type=file]') private _input!: HTMLInputElement;

  /** @internal */
  readonly locale = new LocaleController(this);
  #observed: RoomContextValue | undefined;
  readonly #refresh = (): void => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('dragover', this.#onDragOver);
    this.addEventListener('dragleave', this.#onDragLeave);
    this.addEventListener('drop', this.#onDrop);
    this.#observe(this.room);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('dragover', this.#onDragOver);
    this.removeEventListener('dragleave', this.#onDragLeave);
    this.removeEventListener('drop', this.#onDrop);
    this.#observe(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) this.#observe(this.room);
  }

  #observe(room: RoomContextValue | undefined): void {
    if (room === this.#observed) return;
    this.#observed?.doc.off('update', this.#refresh);
    this.#observed?.awareness?.off('change', this.#refresh);
    this.#observed = room;
    room?.doc.on('update', this.#refresh);
    room?.awareness?.on('change', this.#refresh);
  }

  /** Adds files as evidence, one after another; resolves when all are handled. */
  async addFiles(files: Iterable<File>): Promise<void> {
    const room = this.room;
    if (!room) return;
    for (const file of files) {
      this._error = '';
      this._announcement = this.locale.t('evidence-list.uploading', { name: file.name });
      try {
        const { evidence, duplicate } = await addEvidenceFile(room, file);
        this._announcement = duplicate
          ? this.locale.t('evidence-list.duplicate', { name: file.name, title: evidence.title })
          : this.locale.t('evidence-list.added', { title: evidence.title });
        this.#select(evidence.id);
      } catch (error) {
        this._announcement = '';
        this._error = this.#describe(file.name, error);
      }
    }
  }

  #describe(name: string, error: unknown): string {
    if (error instanceof AddEvidenceError && error.code === 'unsupported') return this.locale.t('evidence-list.unsupported', { name });
    if (error instanceof AddEvidenceError && error.code === 'not-allowed') return this.locale.t('evidence-list.not-allowed');
    return this.locale.t('evidence-list.failed', { name, reason: error instanceof Error ? error.message : String(error) });
  }

  #select(id: string): void {
    this.selected = id;
    this.dispatchEvent(new HsEvidenceSelectEvent(id));
  }

  readonly #onDragOver = (event: DragEvent): void => {
    if (!mayAddEvidence(this.room) || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dropActive = true;
  };

  readonly #onDragLeave = (event: DragEvent): void => {
    if (event.relatedTarget instanceof Node && this.contains(event.relatedTarget)) return;
    this.dropActive = false;
  };

  readonly #onDrop = (event: DragEvent): void => {
    this.dropActive = false;
    if (!mayAddEvidence(this.room) || !event.dataTransfer?.files.length) return;
    event.preventDefault();
    void this.addFiles(Array.from(event.dataTransfer.files));
  };

  #onKeyDown(event: KeyboardEvent): void {
    const buttons = Array.from(this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="item"]'));
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const target = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, target))]?.focus();
  }

  #renderIntegrity(item: Evidence, venues: readonly Venue[], integrity: Map<string, VenueIntegrity> | undefined) {
    if (venues.length === 0) return nothing;
    return html`<ul part="integrity" aria-label=${this.locale.t('evidence-list.integrity')}>
      ${venues.map((venue) => {
        const value = integrity?.get(venue.id) ?? 'unchecked';
        return html`<li data-integrity=${value} data-venue=${venue.id}>${this.locale.t(`evidence-list.integrity.${value}`, { venue: venue.name })}</li>`;
      })}
    </ul>`;
  }

  protected override render() {
    const room = this.room;
    const items = room ? readEvidence(room.doc) : [];
    const venues = room ? readVenues(room.doc) : [];
    const integrity = room ? integrityByVenue(room) : new Map<string, Map<string, VenueIntegrity>>();
    const canAdd = mayAddEvidence(room);
    return html`<section part="base" aria-label=${this.locale.t('evidence-list.label')}>
      ${canAdd
        ? html`<button part="add" type="button" @click=${() => this._input.click()}>${this.locale.t('evidence-list.add')}</button>
            <input
              class="visually-hidden"
              type="file"
              tabindex="-1"
              aria-hidden="true"
              multiple
              accept="application/pdf,image/jpeg,image/png,image/webp"
              @change=${(e: Event) => {
                const input = e.target as HTMLInputElement;
                const files = Array.from(input.files ?? []);
                input.value = '';
                void this.addFiles(files);
              }}
            />
            <p part="hint">${this.locale.t('evidence-list.drop-hint')}</p>`
        : nothing}
      ${items.length === 0
        ? html`<p part="empty">${this.locale.t('evidence-list.empty')}</p>`
        : html`<ul part="list" @keydown=${(e: KeyboardEvent) => this.#onKeyDown(e)}>
            ${items.map(
              (item) => html`<li part="entry" ?data-selected=${item.id === this.selected}>
                <button
                  part="item"
                  type="button"
                  data-evidence-id=${item.id}
                  aria-current=${item.id === this.selected ? 'true' : 'false'}
                  @click=${() => this.#select(item.id)}
                >
                  <span part="title">${item.title}</span>
                  <span part="meta"
                    >${this.locale.t(`evidence-list.kind.${item.kind}`)} · ${this.locale.plural('evidence-list.pages', item.pages)}</span
                  >
                </button>
                ${this.#renderIntegrity(item, venues, integrity.get(item.id))}
              </li>`,
            )}
          </ul>`}
      ${this._error ? html`<p part="error" role="alert">${this._error}</p>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
    </section>`;
  }
}
