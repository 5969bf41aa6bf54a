/**
 * `<hs-timeline>`: the live discussion record of a review room, and its composer.
 *
 * How to think about it: `TimelineController` projects the document to immutable entries;
 * `VirtualLayout` places them (measured heights, estimates until measured) and the element
 * renders only the rows that intersect the viewport plus a margin. Scroll position is kept by
 * anchor: before anything that can move rows (new entries, measured heights, filters) the row at
 * the top of the viewport and the offset into it are remembered and restored after the update —
 * unless the reader was at the bottom, in which case the list follows the newest entry and
 * nothing counts as unread. Every write is a model operation with the room's origin; the UI
 * offers only what `decide` allows, and the server checks again.
 */
import { consume } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import {
  appendEntry,
  editEntry,
  geometryBounds,
  readAnnotation,
  retractEntry,
  type Anchor,
  type Annotation,
  type RightsContext,
  type TimelineEntry,
} from '@huishen/model';
import { HsEvidenceOpenRequestEvent } from '../events/evidence-open-request-event.js';
import { HsMinutesExportEvent } from '../events/minutes-export-event.js';
import { HsTimelineEntryPostEvent } from '../events/timeline-entry-post-event.js';
import type { HsAnnotationSelectEvent } from '../events/annotation-select-event.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { exportMinutes, minutesFileName } from '../minutes/export-minutes.js';
import { roomContext, type RoomContextValue } from '../room/room-context.js';
import { draftToEntry, emptyDraft, type ComposerDraft } from './composer.js';
import { defaultTimeZone, entryText, type DescribeContext } from './describe.js';
import { ImeGuard, isSendKey } from './ime-guard.js';
import { EMPTY_SNAPSHOT, TimelineController, type TimelineSnapshot } from './timeline-controller.js';
import { filterEntries, isUnfiltered, sectionsOf, type TimelineFilter } from './timeline-filter.js';
import { mayEdit, mayExportMinutes, mayRetract, mayWriteOnBehalf, postableKinds } from './timeline-rights.js';
import { styles } from './timeline.styles.js';
import { renderComposer, renderEntry, renderFilters, type RowContext } from './timeline.view.js';
import { VirtualScroller } from './virtual-scroller.js';

/** Above this many new entries at once (a sync, a reconnect) nothing is announced. */
const MAX_ANNOUNCED = 3;

/** The part of `<hs-evidence-viewer>` the timeline drives (kept structural: no import cycle). */
interface ViewerLike extends HTMLElement {
  evidenceId: string;
  page: number;
  goToPage(page: number): void;
  scrollToRegion(page: number, rect: readonly [number, number, number, number]): void;
}

/**
 * The discussion record of a review room: speech, comments, evidence references, opinions,
 * decisions, agenda markers and system events, live from every venue, with a composer.
 *
 * Place it inside a room (a room context provider such as `<hs-room>`). It reads and writes the
 * room's document only through `@huishen/model` operations, as the room's local person; what
 * they may not do (post a decision unless chair, edit another's entry, write at all as an
 * observer) is not offered, and the room server refuses it anyway.
 *
 * - Virtualised: only the rows in view (and a margin) are in the DOM, so 5,000 entries scroll
 *   smoothly; rows may have any height. New entries keep the reading position; at the bottom the
 *   list follows the newest, elsewhere "jump to latest" shows how many arrived.
 * - Filters by venue, kind and outline node (an entry belongs to the node the agenda was on), and
 *   a search over text, earlier versions, names and system messages.
 * - Evidence references open the evidence at the page and region in the viewer named by `for`
 *   (after a cancelable `hs-evidence-open-request`).
 * - Composer: Enter sends and Shift+Enter starts a new line; an Enter that confirms an input
 *   method candidate (拼音, 注音…) never sends. The recorder (and chair) may write on behalf of a
 *   named speaker. Authors edit their own entries (earlier text stays visible); the chair may
 *   retract an entry (it stays, marked).
 * - Times use the locale's format in the room's time zone (`meta.timeZone`, else `time-zone`,
 *   else the browser's).
 * - The chair and the recorder can export the minutes (会审纪要); see `exportMinutes`.
 *
 * @summary The live discussion timeline of a review room, with composer, filters and minutes export.
 *
 * @csspart base - The whole element.
 * @csspart filters - The filter bar (`role="search"`).
 * @csspart filter - A labelled filter control.
 * @csspart filter-venue - The venue filter.
 * @csspart filter-kind - The kind filter.
 * @csspart filter-node - The outline node filter.
 * @csspart search - The search box.
 * @csspart result-count - How many entries pass the filters.
 * @csspart export - The minutes export button (chair and recorder).
 * @csspart list - The scrolling list (`role="feed"`; a plain region while it has nothing to show).
 * @csspart entry - One entry (`role="article"`); carries `data-kind`.
 * @csspart entry-header - Kind, author, venue, role, time, marks.
 * @csspart entry-body - The entry's content.
 * @csspart reference - A button opening a referenced evidence view.
 * @csspart history - Earlier versions of an edited entry.
 * @csspart jump-latest - The "jump to latest" button with the unread count.
 * @csspart empty - The message shown when there is nothing to show.
 * @csspart composer - The composer form.
 * @csspart input - The composer's text area.
 * @csspart kind-picker - The entry kind menu.
 * @csspart send - The send button.
 * @csspart notice - The read-only / not-connected notice.
 *
 * @cssproperty --hs-timeline-color - Text colour. Falls back to `--hs-sys-color-on-surface`.
 * @cssproperty --hs-timeline-muted-color - Secondary text. Falls back to `--hs-sys-color-on-surface-variant`.
 * @cssproperty --hs-timeline-decision-color - Accent of decisions. Falls back to `--hs-sys-color-success`.
 * @cssproperty --hs-timeline-retracted-color - Mark of retracted entries. Falls back to `--hs-sys-color-error`.
 * @cssproperty --hs-timeline-entry-gap - Space between entries. Default `0.5rem`.
 *
 * @event {HsEvidenceOpenRequestEvent} hs-evidence-open-request - An evidence reference was
 *   activated. Cancel it to route the evidence yourself.
 * @event {HsTimelineEntryPostEvent} hs-timeline-entry-post - The local person posted or edited an entry.
 * @event {HsMinutesExportEvent} hs-minutes-export - The minutes were exported with the button.
 *   Cancel it to stop the default download.
 */
export class HsTimeline extends LitElement {
  static override styles = styles;

  /** The room (from the nearest room context provider; may also be set directly). */
  @consume({ context: roomContext, subscribe: true })
  @property({ attribute: false })
  room: RoomContextValue | undefined = undefined;

  /** The id of the `<hs-evidence-viewer>` (in the same document or shadow root) that references open in. */
  @property({ attribute: 'for' }) for = '';

  /** IANA time zone for times when the room's `meta` names none (default: the browser's). */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /** Hide the composer even for people who may write (a read-only panel). */
  @property({ attribute: 'no-composer', type: Boolean, reflect: true }) noComposer = false;

  /**
   * The annotation the composer can reference. Set automatically from `hs-annotation-select`
   * events in the same document; hosts with their own selection set it directly.
   */
  @property({ attribute: false }) selectedAnnotation: Annotation | undefined = undefined;

  /** The active filters. */
  @property({ attribute: false }) filter: TimelineFilter = {};

  /** @internal */
  readonly locale = new LocaleController(this);
  /** @internal */
  readonly #entries = new TimelineController(this, { onChange: (value, previous) => this.#onEntries(value, previous) });
  readonly #scroller = new VirtualScroller(this, {
    list: () => this._list,
    rows: () => this.renderRoot.querySelectorAll<HTMLElement>('[part~="entry"]'),
    onFollowingChange: (following) => {
      this._atBottom = following;
      if (following) this._unread = 0;
    },
  });
  readonly #ime = new ImeGuard();
  readonly #editIme = new ImeGuard();
  #shown: readonly TimelineEntry[] = [];
  #shownFrom: { entries: readonly TimelineEntry[]; filter: TimelineFilter } | undefined;

  @state() private _unread = 0;
  @state() private _atBottom = true;
  @state() private _draft: ComposerDraft = emptyDraft();
  @state() private _error = '';
  @state() private _editing: { id: string; text: string } | undefined;
  @state() private _announcement = '';
  @state() private _exportState: 'idle' | 'busy' | 'done' | 'failed' = 'idle';
  @state() private _exportError = '';

  @query('[part="list"]') private _list!: HTMLElement | null;

  /** The entries currently listed (after the filters), in order. */
  get visibleEntries(): readonly TimelineEntry[] {
    return this.#filtered(this.#entries.value);
  }

  /** Number of entries that arrived while the reader was not at the latest one. */
  get unread(): number {
    return this._unread;
  }

  /** How many entry rows are in the DOM right now (the virtualisation at work). */
  get renderedRowCount(): number {
    return this.renderRoot.querySelectorAll('[part~="entry"]').length;
  }

  /** Scrolls to the newest entry and clears the unread count. */
  jumpToLatest(): void {
    this._unread = 0;
    this.#scroller.follow();
  }

  /** Scrolls so that the entry with `id` is in view (clears filters that hide it). */
  async revealEntry(id: string): Promise<void> {
    if (this.#scroller.layout.indexOf(id) === undefined) this.filter = {};
    await this.updateComplete;
    if (this.#scroller.reveal(id)) await this.updateComplete;
  }

  /**
   * Opens `anchor` as a reference of `entry` would: fires `hs-evidence-open-request` and, unless
   * cancelled, shows it in the viewer named by `for`. Returns false when nothing opened it.
   */
  openReference(anchor: Anchor, entryId = ''): boolean {
    const event = new HsEvidenceOpenRequestEvent(anchor, entryId);
    if (!this.dispatchEvent(event)) return true;
    const viewer = this.#viewer();
    if (!viewer) return false;
    if (viewer.evidenceId !== anchor.evidenceId) viewer.evidenceId = anchor.evidenceId;
    let region = anchor.region;
    let page = anchor.page;
    if (anchor.annotationId && this.room) {
      const annotation = readAnnotation(this.room.doc, anchor.annotationId);
      if (annotation) {
        page ??= annotation.page;
        region ??= geometryBounds(annotation.geometry);
      }
    }
    if (page !== undefined && region) viewer.scrollToRegion(page, region);
    else if (page !== undefined) viewer.goToPage(page);
    return true;
  }

  /** Exports the minutes of the room (the button's action), fires `hs-minutes-export`. */
  async exportMinutes(): Promise<void> {
    if (!this.room || this._exportState === 'busy') return;
    this._exportState = 'busy';
    try {
      // The zone the timeline shows when the room names none (the export itself never guesses).
      const minutes = await exportMinutes(this.room, { locale: this.locale.value, timeZone: this.timeZone || defaultTimeZone() });
      this._exportState = 'done';
      const event = new HsMinutesExportEvent(minutes);
      if (this.dispatchEvent(event)) this.#download(minutes.html, minutesFileName(minutes.json));
    } catch (error) {
      this._exportState = 'failed';
      this._exportError = error instanceof Error ? error.message : String(error);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#root()?.addEventListener('hs-annotation-select', this.#onAnnotationSelect);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#ime.reset();
    this.#editIme.reset();
    this.#root()?.removeEventListener('hs-annotation-select', this.#onAnnotationSelect);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) this.#entries.setDoc(this.room?.doc);
    if (changed.has('filter')) this.#scroller.keepPosition();
  }

  #root(): Document | ShadowRoot | undefined {
    const root = this.getRootNode();
    return root instanceof Document || root instanceof ShadowRoot ? root : undefined;
  }

  #viewer(): ViewerLike | undefined {
    if (!this.for) return undefined;
    const found = this.#root()?.getElementById(this.for);
    return found && 'scrollToRegion' in found ? (found as ViewerLike) : undefined;
  }

  readonly #onAnnotationSelect = (event: Event) => {
    this.selectedAnnotation = (event as HsAnnotationSelectEvent).annotation;
  };

  #rightsContext(): RightsContext {
    return { presenterId: this.#entries.value.presenterId };
  }

  #describe(snapshot: TimelineSnapshot): DescribeContext {
    return { locale: this.locale.value, venues: snapshot.venues, evidence: snapshot.evidence, nodes: snapshot.nodes };
  }

  #filtered(snapshot: TimelineSnapshot): readonly TimelineEntry[] {
    const from = this.#shownFrom;
    if (from && from.entries === snapshot.entries && from.filter === this.filter) return this.#shown;
    const describe = this.#describe(snapshot);
    const shown = isUnfiltered(this.filter)
      ? snapshot.entries
      : filterEntries(snapshot.entries, this.filter, sectionsOf(snapshot.entries), (e) => entryText(describe, e));
    this.#shown = shown;
    this.#shownFrom = { entries: snapshot.entries, filter: this.filter };
    return shown;
  }

  #onEntries(value: TimelineSnapshot, previous: TimelineSnapshot): void {
    this.#scroller.keepPosition();
    if (previous === EMPTY_SNAPSHOT || value.entries === previous.entries) return;
    const known = new Set(previous.entries.map((e) => e.id));
    const me = this.room?.origin?.actor.userId;
    const added = value.entries.filter((e) => !known.has(e.id) && e.author !== me);
    if (added.length === 0) return;
    if (!this.#scroller.following) this._unread += added.length;
    if (added.length <= MAX_ANNOUNCED) {
      const last = added[added.length - 1]!;
      this._announcement = this.locale.t('timeline.announce-entry', {
        name: last.speaker?.name ?? last.authorName,
        text: entryText(this.#describe(value), last),
      });
    }
  }

  // ---- composer -------------------------------------------------------------------------------

  #patchDraft = (patch: Partial<ComposerDraft>) => {
    this._draft = { ...this._draft, ...patch };
    this._error = '';
  };

  #onComposerKey = (event: KeyboardEvent) => {
    if (!isSendKey(event, this.#ime)) return;
    event.preventDefault();
    this.send();
  };

  /**
   * Sends the composer's draft as a new entry. Returns the new entry's id, or `undefined` when
   * the draft is incomplete (the reason is shown) or the room is read-only.
   */
  send(): string | undefined {
    const room = this.room;
    const origin = room?.origin;
    if (!room || !origin) return undefined;
    const kinds = postableKinds(origin.actor, this.#rightsContext());
    if (kinds.length === 0) return undefined;
    const draft = kinds.includes(this._draft.kind) ? this._draft : { ...this._draft, kind: kinds[0]! };
    const entry = draftToEntry(draft, mayWriteOnBehalf(origin.actor, this.#rightsContext()));
    if (entry === 'empty') return undefined;
    if (entry === 'no-node') {
      this._error = this.locale.t('timeline.choose-node');
      return undefined;
    }
    try {
      const id = appendEntry(room.doc, entry, origin);
      this._draft = { ...emptyDraft(draft.kind), stance: draft.stance, nodeId: draft.nodeId, speakerVenue: draft.speakerVenue };
      this.jumpToLatest();
      this.dispatchEvent(new HsTimelineEntryPostEvent(id, entry.kind, false));
      return id;
    } catch (error) {
      this._error = this.locale.t('timeline.post-failed', { detail: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  #referenceView = () => {
    const anchor = this.#currentView();
    if (anchor) this.#patchDraft({ ref: anchor });
  };

  #referenceAnnotation = () => {
    const a = this.selectedAnnotation;
    if (a) this.#patchDraft({ ref: { evidenceId: a.evidenceId, page: a.page, annotationId: a.id } });
  };

  /** The evidence view to reference: the `for` viewer's, else this person's presence `viewing`. */
  #currentView(): Anchor | undefined {
    const viewer = this.#viewer();
    if (viewer?.evidenceId) return { evidenceId: viewer.evidenceId, page: Math.max(1, Math.round(viewer.page) || 1) };
    const viewing = this.room?.awareness?.getLocalState()?.['viewing'] as { evidenceId?: unknown; page?: unknown; viewport?: unknown } | null | undefined;
    if (viewing && typeof viewing.evidenceId === 'string' && typeof viewing.page === 'number') {
      const region = Array.isArray(viewing.viewport) && viewing.viewport.length === 4 ? (viewing.viewport as [number, number, number, number]) : undefined;
      return { evidenceId: viewing.evidenceId, page: viewing.page, ...(region ? { region } : {}) };
    }
    return undefined;
  }

  // ---- editing ------------------------------------------------------------------------------

  #startEdit = (entry: TimelineEntry) => {
    this._editing = { id: entry.id, text: 'text' in entry ? (entry.text ?? '') : '' };
  };

  #saveEdit = () => {
    const editing = this._editing;
    const room = this.room;
    if (!editing || !room?.origin) return;
    try {
      editEntry(room.doc, editing.id, editing.text.trim(), room.origin);
      const kind = this.#entries.value.entries.find((e) => e.id === editing.id)?.kind ?? 'speech';
      this._editing = undefined;
      this.dispatchEvent(new HsTimelineEntryPostEvent(editing.id, kind, true));
    } catch (error) {
      this._error = this.locale.t('timeline.post-failed', { detail: error instanceof Error ? error.message : String(error) });
    }
  };

  #onEditKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      this._editing = undefined;
      return;
    }
    if (!isSendKey(event, this.#editIme)) return;
    event.preventDefault();
    this.#saveEdit();
  };

  #retract = (entry: TimelineEntry) => {
    const room = this.room;
    if (room?.origin) retractEntry(room.doc, entry.id, room.origin);
  };

  #download(text: string, name: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/html;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  // ---- render -------------------------------------------------------------------------------

  protected override render() {
    const t = this.locale;
    const snapshot = this.#entries.value;
    const describe = this.#describe(snapshot);
    const shown = this.#filtered(snapshot);
    this.#scroller.setRows(shown, (e) => e.id);
    const layout = this.#scroller.layout;
    const actor = this.room?.origin?.actor;
    const rights = this.#rightsContext();
    const timeZone = snapshot.timeZone ?? (this.timeZone || defaultTimeZone());

    const [first, last] = this.#scroller.window();
    const rows = shown.slice(first, last);
    const row: RowContext = {
      describe,
      locale: t,
      timeZone,
      mayEdit: (e) => mayEdit(actor, e, rights),
      mayRetract: (e) => mayRetract(actor, e, rights),
      editing: this._editing,
      onOpen: (anchor, entry) => void this.openReference(anchor, entry.id),
      onEdit: this.#startEdit,
      onEditInput: (text) => (this._editing = this._editing && { ...this._editing, text }),
      onEditKey: this.#onEditKey,
      onEditSave: this.#saveEdit,
      onEditCancel: () => (this._editing = undefined),
      onRetract: this.#retract,
      ime: this.#editIme,
    };
    const exportButton =
      this.room && mayExportMinutes(actor, rights)
        ? html`<button type="button" part="export" ?disabled=${this._exportState === 'busy'} @click=${() => void this.exportMinutes()}>
            ${this._exportState === 'busy' ? t.t('timeline.exporting') : t.t('timeline.export-minutes')}
          </button>`
        : nothing;
    const exportStatus =
      this._exportState === 'done' ? t.t('timeline.exported') : this._exportState === 'failed' ? t.t('timeline.export-failed', { detail: this._exportError }) : '';

    return html`<section part="base" aria-label=${t.t('timeline.label')}>
      ${renderFilters(t, describe, this.filter, shown.length, (patch) => (this.filter = { ...this.filter, ...patch }), exportButton)}
      <div part="list" role=${shown.length > 0 ? 'feed' : 'region'} aria-label=${t.t('timeline.list')} tabindex="0" @scroll=${this.#scroller.onScroll}>
        <div part="spacer" role=${shown.length > 0 ? 'none' : nothing} style=${styleMap({ height: `${layout.total}px` })}>
          ${rows.map(
            // Not keyed: row elements are reused for the entries scrolled into view, which costs
            // far less than building new ones every frame.
            (e, i) =>
              html`<article
                part="entry"
                role="article"
                data-id=${e.id}
                data-kind=${e.kind}
                ?data-retracted=${e.retracted === true}
                aria-posinset=${first + i + 1}
                aria-setsize=${shown.length}
                style=${styleMap({ transform: `translateY(${layout.offsetAt(first + i)}px)` })}
              >
                ${renderEntry(row, e)}
              </article>`,
          )}
        </div>
        ${shown.length === 0
          ? html`<p part="empty">${snapshot.entries.length === 0 ? t.t('timeline.empty') : t.t('timeline.empty-filtered')}</p>`
          : nothing}
      </div>
      <button type="button" part="jump-latest" ?hidden=${this._atBottom && this._unread === 0} @click=${() => this.jumpToLatest()}>
        ${t.t('timeline.jump-latest')}${this._unread > 0 ? html` · <span part="unread">${t.plural('timeline.unread', this._unread)}</span>` : nothing}
      </button>
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
      <div class="visually-hidden" role="status" aria-live="polite">${exportStatus}</div>
      ${this.#renderComposer(describe, rights)}
    </section>`;
  }

  #renderComposer(describe: DescribeContext, rights: RightsContext) {
    const t = this.locale;
    if (this.noComposer) return nothing;
    if (!this.room) return html`<p part="notice">${t.t('timeline.no-room')}</p>`;
    const actor = this.room.origin?.actor;
    const kinds = postableKinds(actor, rights);
    if (kinds.length === 0) return html`<p part="notice">${t.t('timeline.read-only')}</p>`;
    const draft = kinds.includes(this._draft.kind) ? this._draft : { ...this._draft, kind: kinds[0]! };
    return renderComposer({
      locale: t,
      describe,
      draft,
      kinds,
      mayNameSpeaker: mayWriteOnBehalf(actor, rights),
      canReferenceView: this.#currentView() !== undefined,
      canReferenceAnnotation: this.selectedAnnotation !== undefined,
      error: this._error,
      onDraft: this.#patchDraft,
      onKeyDown: this.#onComposerKey,
      onSend: () => void this.send(),
      onReferenceView: this.#referenceView,
      onReferenceAnnotation: this.#referenceAnnotation,
      ime: this.#ime,
    });
  }
}
