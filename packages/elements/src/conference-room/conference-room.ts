/**
 * `<hs-room>`: the whole joint-review room in one element. It opens the venue's session
 * (`connectRoom`: document, y-websocket provider, IndexedDB copy, presence, undo, saved tracking),
 * provides it to everything inside through the room context, and lays out the evidence list, the
 * viewer with its annotation toolbar, the document camera, the briefing outline, the timeline and
 * the roster. Every region is a slot: a host replaces any of them with its own layout, and every
 * element still works on its own inside a host's page.
 *
 * How to think about it: the element owns the session's lifetime (connect on attributes or
 * `connect()`, destroy on disconnect or a new session) and the layout state (which evidence is
 * open, which panels are collapsed, the side columns' widths). The session owns the data.
 */
import { ContextProvider } from '@lit/context';
import { readMeta } from '@huishen/model';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { HsAnnotationPresentEvent } from '../events/annotation-present-event.js';
import type { HsEvidenceOpenRequestEvent } from '../events/evidence-open-request-event.js';
import type { HsEvidenceSelectEvent } from '../events/evidence-select-event.js';
import { HsRoomStatusChangeEvent } from '../events/room-status-change-event.js';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { connectRoom, type ConnectRoomOptions, type RoomSession } from '../room/connect-room.js';
import type { ConnectionStatus } from '../room/connection-status.js';
import { roomContext, type RoomContextValue } from '../room/room-context.js';
import { styles } from './conference-room.styles.js';
import {
  defaultColumnWidths,
  parseCollapsed,
  PANEL_COLUMN,
  resizeByKey,
  ROOM_PANELS,
  roomSizeFor,
  type RoomPanel,
  type RoomSize,
} from './room-layout.js';

/** What `<hs-room>` shows about its connection (`idle` before it has a session). */
export type RoomStatus = ConnectionStatus | 'idle';

/** Options of {@link HsRoom.connect}: those of `connectRoom`. */
export type RoomConnectOptions = ConnectRoomOptions;

const PANEL_LABEL = {
  evidence: 'conference.panel.evidence',
  annotations: 'conference.panel.annotations',
  roster: 'conference.panel.roster',
  briefing: 'conference.panel.briefing',
  camera: 'conference.panel.camera',
  timeline: 'conference.panel.timeline',
} as const;

/**
 * The joint-review room: set `server-url`, `room` and `token` (or call `connect()`), and the
 * venue is in the review with evidence, annotation, document camera, briefing, timeline and
 * roster. Offline it keeps working and merges on reconnect; a refused token shows a clear message
 * and loses nothing local.
 *
 * Layout: a header (case title and sync status), a start column (evidence list, roster), the
 * viewer with its annotation toolbar, and an end column (briefing, document camera, timeline).
 * Side columns are resized with the splitters (drag, or focus and arrow keys, Home, End) and
 * panels collapse from their headers. Below 1000 px wide everything stacks; from 2400 px text
 * scales up for wall displays (`size` attribute: `compact`, `regular`, `wide`).
 *
 * @summary The whole joint-review room: session, evidence, viewer, camera, briefing, timeline, roster.
 *
 * @slot header - Replaces the header (case title and sync status).
 * @slot evidence - Replaces the evidence list.
 * @slot annotations - Replaces the annotation list (the accessible mirror of the marks).
 * @slot roster - Replaces the roster.
 * @slot viewer - Replaces the viewer and its annotation toolbar.
 * @slot briefing - Replaces the briefing outline.
 * @slot camera - Replaces the document camera.
 * @slot timeline - Replaces the discussion timeline.
 *
 * @csspart base - The grid of the whole room.
 * @csspart header - The header row.
 * @csspart title - The case title.
 * @csspart panel - Every collapsible panel; also `panel-<name>` (`panel-evidence`, `panel-roster`,
 *   `panel-annotations`, `panel-briefing`, `panel-camera`, `panel-timeline`); `data-collapsed` when collapsed.
 * @csspart panel-header - A panel's header with its name and collapse button.
 * @csspart collapse-button - A panel's collapse/expand button (`aria-expanded`).
 * @csspart splitter - A column splitter (`role="separator"`, focusable).
 * @csspart center - The viewer area.
 * @csspart banner - The offline / server-reset notice (`role="status"`).
 * @csspart denied - The refusal message shown instead of the room (`role="alert"`).
 *
 * @cssproperty --hs-room-height - Height of the room. Default `100%` (give the host a height).
 * @cssproperty --hs-room-start-width - Width of the start column (set by the splitter).
 * @cssproperty --hs-room-end-width - Width of the end column (set by the splitter).
 * @cssproperty --hs-room-gap - Space between panels. Default `6px`.
 * @cssproperty --hs-room-background - Behind the panels. Falls back to
 *   `--hs-sys-color-surface-container`.
 * @cssproperty --hs-room-panel-background - Panels. Falls back to `--hs-sys-color-surface`.
 * @cssproperty --hs-room-border-color - Panel borders. Falls back to `--hs-sys-color-outline`.
 * @cssproperty --hs-room-font-scale - Text scale; `1.25` on wall displays by default.
 *
 * @event {HsRoomStatusChangeEvent} hs-room-status-change - The connection state changed:
 *   `status` (`connecting`, `synced`, `offline`, `denied`, `reset`), `previousStatus`, `reason`.
 */
export class HsRoom extends LitElement {
  static override styles = styles;

  /** The room server's URL (`https://…`; `wss://…` works too). */
  @property({ attribute: 'server-url' }) serverUrl = '';

  /** The room (review session) name. */
  @property({ attribute: 'room' }) room = '';

  /** The room token the portal minted for this user. */
  @property({ attribute: 'token' }) token = '';

  /** Called when the server refuses an expired token; resolves with a fresh one. */
  @property({ attribute: false }) refreshToken: (() => Promise<string>) | undefined = undefined;

  /** Do not keep a local copy in IndexedDB (a shared terminal). Edits made offline are then lost on reload. */
  @property({ attribute: 'no-offline-copy', type: Boolean }) noOfflineCopy = false;

  /** The evidence item open in the viewer; reflected. */
  @property({ attribute: 'evidence-id', reflect: true }) evidenceId = '';

  /** Collapsed panels, space-separated (`camera timeline`); reflected. */
  @property({ attribute: 'collapsed', reflect: true }) collapsed = '';

  /** The connection state (`idle` before connecting); reflected for CSS. */
  @property({ attribute: 'status', reflect: true }) status: RoomStatus = 'idle';

  /** The size class for the current width; reflected for CSS. */
  @property({ attribute: 'size', reflect: true }) size: RoomSize = 'regular';

  @state() private _title = '';
  @state() private _reset = false;
  @state() private _deniedReason: string | undefined;

  @query('hs-evidence-viewer') private _viewer!: HsEvidenceViewer | null;

  /** @internal */
  readonly locale = new LocaleController(this);
  readonly #provider = new ContextProvider(this, { context: roomContext });
  #session: RoomSession | undefined;
  #external: RoomContextValue | undefined;
  #generation: string | undefined;
  #resize: ResizeObserver | undefined;
  #widths: { start: number; end: number } | undefined;
  #unsubscribe: (() => void) | undefined;

  /** The live session, once connected. */
  get session(): RoomSession | undefined {
    return this.#session;
  }

  /**
   * Opens a session with `options` (replacing any current one) and provides it to the room's
   * elements. The attributes do the same when all three are set.
   */
  connect(options: RoomConnectOptions): RoomSession {
    if (options.token !== this.#attributes?.token || options.room !== this.#attributes?.room) this.#attributes = undefined;
    void this.#close();
    const session = connectRoom({ offline: !this.noOfflineCopy, refreshToken: this.refreshToken, ...options });
    this.#session = session;
    this.#generation = undefined;
    this._reset = false;
    this._deniedReason = undefined;
    const onChange = () => this.#onConnection(session);
    const onDoc = () => this.#readTitle(session);
    session.connection.addEventListener('change', onChange);
    session.doc.on('update', onDoc);
    this.#unsubscribe = () => {
      session.connection.removeEventListener('change', onChange);
      session.doc.off('update', onDoc);
    };
    this.#provider.setValue(session);
    this.#onConnection(session);
    this.#readTitle(session);
    return session;
  }

  /**
   * Shows a room the host opened itself (its own `connectRoom` session, or an in-memory room in a
   * story or test) instead of connecting. The room is provided as is and not destroyed by this
   * element; its `connection`, when it has one, drives the status.
   */
  useRoom(room: RoomContextValue): void {
    void this.#close();
    this.#external = room;
    this.#generation = undefined;
    this._reset = false;
    const onChange = () => this.#onExternal(room);
    const onDoc = () => (this._title = readMeta(room.doc).caseTitle ?? '');
    room.connection?.addEventListener('change', onChange);
    room.doc.on('update', onDoc);
    this.#unsubscribe = () => {
      room.connection?.removeEventListener('change', onChange);
      room.doc.off('update', onDoc);
    };
    this.#provider.setValue(room);
    onChange();
    onDoc();
  }

  #onExternal(room: RoomContextValue): void {
    if (room !== this.#external) return;
    this.#setStatus(room.connection?.status ?? 'synced');
  }

  /** Leaves the room (the local IndexedDB copy stays). */
  async disconnect(): Promise<void> {
    await this.#close();
    this.#provider.setValue(undefined);
    this.#setStatus('idle');
  }

  /** Opens evidence `id` in the viewer, optionally at `page` and `region` (PDF user space). */
  openEvidence(id: string, page?: number, region?: readonly [number, number, number, number]): void {
    this.evidenceId = id;
    if (page === undefined) return;
    void this.updateComplete.then(() => {
      const viewer = this._viewer;
      if (!viewer) return;
      if (region) viewer.scrollToRegion(page, region);
      else viewer.goToPage(page);
    });
  }

  async #close(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#external = undefined;
    const session = this.#session;
    this.#session = undefined;
    await session?.destroy();
  }

  #readTitle(session: RoomSession): void {
    this._title = readMeta(session.doc).caseTitle ?? '';
  }

  #onConnection(session: RoomSession): void {
    if (session !== this.#session) return;
    this._deniedReason = session.deniedReason;
    const generation = session.generation;
    if (generation !== undefined) {
      if (this.#generation !== undefined && generation !== this.#generation) {
        this._reset = true;
        this.dispatchEvent(new HsRoomStatusChangeEvent('reset', this.status));
      }
      this.#generation = generation;
    }
    this.#setStatus(session.connection.status);
  }

  #setStatus(status: RoomStatus): void {
    const previous = this.status;
    if (status === previous) return;
    this.status = status;
    if (status !== 'idle') this.dispatchEvent(new HsRoomStatusChangeEvent(status, previous, status === 'denied' ? this._deniedReason : undefined));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The size class changes the layout, which may resize the host again: apply it in the next
    // frame so no resize loop reaches the page.
    let pending = 0;
    this.#resize ??= new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? 0;
      if (width <= 0 || pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        const now = this.getBoundingClientRect().width || width;
        this.size = roomSizeFor(now);
        if (!this.#widths) this.#applyWidths(defaultColumnWidths(now));
      });
    });
    this.#resize.observe(this);
    if (!this.#session && !this.#external && this.serverUrl && this.room && this.token) this.#connectFromAttributes();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    // A room the host handed over stays the host's; one this element opened is left with the page
    // (put back, the attributes connect again).
    if (this.#external) return;
    this.#attributes = undefined;
    void this.#close();
    this.#provider.setValue(undefined);
    this.status = 'idle';
  }

  protected override willUpdate(): void {
    if (!this.isConnected || !this.serverUrl || !this.room || !this.token || this.#external) return;
    const current = this.#attributes;
    if (current && current.serverUrl === this.serverUrl && current.room === this.room) {
      // A new token for the same room reconnects the session rather than replacing it.
      if (current.token !== this.token && this.#session) {
        this.#attributes = { ...current, token: this.token };
        this.#session.reconnect(this.token);
      }
      return;
    }
    this.#connectFromAttributes();
  }

  /** What the attributes connected with, to tell a new room from a refreshed token. */
  #attributes: { serverUrl: string; room: string; token: string } | undefined;

  #connectFromAttributes(): void {
    this.#attributes = { serverUrl: this.serverUrl, room: this.room, token: this.token };
    this.connect({ serverUrl: this.serverUrl, room: this.room, token: this.token });
  }

  #applyWidths(widths: { start: number; end: number }): void {
    this.#widths = widths;
    this.style.setProperty('--hs-room-start-width', `${widths.start}px`);
    this.style.setProperty('--hs-room-end-width', `${widths.end}px`);
    this.requestUpdate();
  }

  /** The room server's LiveKit token endpoint (`POST /livekit/token`), when the server is known. */
  #mediaTokenUrl(): string {
    if (!this.serverUrl) return '';
    const url = new URL(this.serverUrl);
    if (url.protocol === 'ws:') url.protocol = 'http:';
    if (url.protocol === 'wss:') url.protocol = 'https:';
    return `${url.href.replace(/\/+$/, '')}/livekit/token`;
  }

  #toggle(panel: RoomPanel): void {
    const set = parseCollapsed(this.collapsed);
    if (set.has(panel)) set.delete(panel);
    else set.add(panel);
    this.collapsed = ROOM_PANELS.filter((p) => set.has(p)).join(' ');
  }

  #onSplitterKey(event: KeyboardEvent, column: 'start' | 'end'): void {
    const widths = this.#widths ?? defaultColumnWidths(this.clientWidth);
    const next = resizeByKey(widths[column], event.key, column);
    if (next === undefined) return;
    event.preventDefault();
    this.#applyWidths({ ...widths, [column]: next });
  }

  #onSplitterDown(event: PointerEvent, column: 'start' | 'end'): void {
    const splitter = event.currentTarget as HTMLElement;
    splitter.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const widths = this.#widths ?? defaultColumnWidths(this.clientWidth);
    const move = (e: PointerEvent) => {
      const delta = (e.clientX - startX) * (column === 'start' ? 1 : -1);
      const width = Math.min(720, Math.max(180, widths[column] + delta));
      this.#applyWidths({ ...widths, [column]: Math.round(width) });
    };
    const up = () => {
      splitter.removeEventListener('pointermove', move);
      splitter.removeEventListener('pointerup', up);
      splitter.removeEventListener('pointercancel', up);
    };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', up);
    splitter.addEventListener('pointercancel', up);
  }

  /** Keeps `evidence-id` (and the list's selection) in step when something else opened evidence in the viewer (following the presenter). */
  #followViewer(): void {
    const id = this._viewer?.evidenceId;
    if (id && id !== this.evidenceId) this.evidenceId = id;
  }

  #onEvidenceSelect(event: HsEvidenceSelectEvent): void {
    this.evidenceId = event.evidenceId;
  }

  /** The layer's "show to everyone" on a callout: the briefing puts it in the presenter position. */
  #onPresentCallout(event: HsAnnotationPresentEvent): void {
    this.renderRoot.querySelector('hs-briefing')?.showCallout(event.annotation.id);
  }

  #onOpenRequest(event: HsEvidenceOpenRequestEvent): void {
    if (event.defaultPrevented) return;
    event.preventDefault();
    this.openEvidence(event.evidenceId, event.page, event.region);
  }

  #panel(name: RoomPanel, content: unknown) {
    const collapsed = parseCollapsed(this.collapsed).has(name);
    const label = this.locale.t(PANEL_LABEL[name]);
    const id = `panel-${name}`;
    // A group, not a landmark: the element inside is the landmark (its own label).
    return html`<div part="panel panel-${name}" class="panel" role="group" ?data-collapsed=${collapsed} aria-labelledby="${id}-name">
      <div part="panel-header" class="panel-header">
        <span class="panel-name" id="${id}-name">${label}</span>
        <button
          part="collapse-button"
          type="button"
          aria-expanded=${collapsed ? 'false' : 'true'}
          aria-controls=${id}
          aria-label=${this.locale.t(collapsed ? 'conference.expand' : 'conference.collapse', { panel: label })}
          @click=${() => this.#toggle(name)}
        >
          <span aria-hidden="true">${collapsed ? '+' : '−'}</span>
        </button>
      </div>
      <div class="panel-body" id=${id} ?hidden=${collapsed}>${content}</div>
    </div>`;
  }

  #splitter(column: 'start' | 'end') {
    const widths = this.#widths;
    const label = this.locale.t('conference.resize', { panel: this.locale.t(column === 'start' ? PANEL_LABEL.evidence : PANEL_LABEL.briefing) });
    return html`<div
      part="splitter"
      class="splitter ${column}"
      role="separator"
      tabindex="0"
      aria-orientation="vertical"
      aria-label=${label}
      aria-valuemin="180"
      aria-valuemax="720"
      aria-valuenow=${widths ? widths[column] : 0}
      @keydown=${(e: KeyboardEvent) => this.#onSplitterKey(e, column)}
      @pointerdown=${(e: PointerEvent) => this.#onSplitterDown(e, column)}
    ></div>`;
  }

  protected override render() {
    if (this.status === 'denied') {
      const reason = this._deniedReason === 'forbidden' ? 'conference.denied.forbidden' : 'conference.denied.unauthenticated';
      return html`<div part="denied" role="alert">${this.locale.t('conference.denied', { reason: this.locale.t(reason) })}</div>`;
    }
    const title = this._title || this.locale.t('conference.untitled');
    const columnOf = (panel: RoomPanel) => PANEL_COLUMN[panel];
    const panels = {
      evidence: this.#panel(
        'evidence',
        html`<slot name="evidence"><hs-evidence-list selected=${this.evidenceId} @hs-evidence-select=${(e: HsEvidenceSelectEvent) => this.#onEvidenceSelect(e)}></hs-evidence-list></slot>`,
      ),
      annotations: this.#panel('annotations', html`<slot name="annotations"><hs-annotation-list for="hs-room-viewer"></hs-annotation-list></slot>`),
      roster: this.#panel('roster', html`<slot name="roster"><hs-roster></hs-roster></slot>`),
      briefing: this.#panel('briefing', html`<slot name="briefing"><hs-briefing for="hs-room-viewer"></hs-briefing></slot>`),
      camera: this.#panel('camera', html`<slot name="camera"><hs-doc-camera mode="auto" token-url=${this.#mediaTokenUrl()}></hs-doc-camera></slot>`),
      timeline: this.#panel('timeline', html`<slot name="timeline"><hs-timeline for="hs-room-viewer"></hs-timeline></slot>`),
    };
    return html`<div
      part="base"
      class="base"
      @hs-evidence-open-request=${(e: HsEvidenceOpenRequestEvent) => this.#onOpenRequest(e)}
      @hs-annotation-present=${(e: HsAnnotationPresentEvent) => this.#onPresentCallout(e)}
    >
      <header part="header" class="header">
        <slot name="header">
          <h2 part="title" class="title">${this.locale.t('conference.label', { title })}</h2>
          <hs-sync-status></hs-sync-status>
        </slot>
      </header>
      ${this.status === 'offline' || this._reset
        ? html`<p part="banner" class="banner" role="status">${this.locale.t(this._reset ? 'conference.reset' : 'conference.offline')}</p>`
        : nothing}
      <div class="column start">${ROOM_PANELS.filter((p) => columnOf(p) === 'start').map((p) => panels[p])}</div>
      ${this.#splitter('start')}
      <main part="center" class="center">
        <slot name="viewer">
          <hs-annotation-toolbar for="hs-room-viewer"></hs-annotation-toolbar>
          <hs-evidence-viewer id="hs-room-viewer" evidence-id=${this.evidenceId} @hs-viewport-change=${() => this.#followViewer()}></hs-evidence-viewer>
          <hs-presence for="hs-room-viewer"></hs-presence>
          ${this.evidenceId
            ? nothing
            : html`<p class="placeholder">${this.locale.t(this.status === 'connecting' ? 'conference.connecting' : 'conference.no-evidence')}</p>`}
        </slot>
      </main>
      ${this.#splitter('end')}
      <div class="column end">${ROOM_PANELS.filter((p) => columnOf(p) === 'end').map((p) => panels[p])}</div>
    </div>`;
  }
}
