/**
 * `<hs-briefing>` is the case-briefing outline that drives everyone's view: the presenter steps
 * through it, every follower's viewer goes where the presenter is, a reader can step away and
 * come back with one action, the presenter sees who follows.
 *
 * How to think about it: three scopes. The outline, who presents and the presenter position are
 * document state, changed only through `@huishen/model` operations (`movePresenter`,
 * `handOffPresenting`, outline operations); where each person is looking and whether they follow
 * is presence, published by the {@link FollowController}; open panels, the local follow choice
 * and a dismissed callout are this element's session state. {@link BriefingStateController}
 * projects the document and presence; {@link PresenterTracker} turns the presenter's position and
 * view into a follow target; {@link OutlineEditor} holds the editing verbs; the templates live in
 * `briefing.view.ts` and `briefing-panels.ts`.
 */
import { consume } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { briefingStops, decide, handOffPresenting, moveForStop, movePresenter, stopIndex, type PresenterPosition } from '@huishen/model';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';
import { HsBriefingNodeChangeEvent } from '../events/briefing-node-change-event.js';
import { HsFollowChangeEvent, type FollowState } from '../events/follow-change-event.js';
import { HsPresenterChangeEvent } from '../events/presenter-change-event.js';
import { FollowController } from '../follow/follow-controller.js';
import { PresenterTracker, targetOfPosition } from '../follow/follow-target.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { roomContext, type RoomContextValue } from '../room/room-context.js';
import { renderCallout, renderFollowBar, renderHandOff, renderRoster, renderTimer } from './briefing-panels.js';
import { styles } from './briefing.styles.js';
import { BriefingStateController, type BriefingSnapshot } from './briefing-state.js';
import { renderAddNode, renderOutline } from './briefing.view.js';
import { OutlineEditor } from './outline-editor.js';

/** How this screen takes part: drives the briefing, or follows it. */
export type BriefingRole = 'presenter' | 'chair' | 'follower' | 'observer';

/**
 * The case-briefing outline (案件事实, 证据目录, 争议焦点, 法律定性, 处理意见, custom sections),
 * each node with a body and anchors into the evidence, driving a viewer: the presenter advances,
 * followers' viewers go to the presenter's evidence, page and region fitted to their own screen.
 *
 * Put it next to an `<hs-evidence-viewer>` in a room and point `for` at the viewer's id (or set
 * `viewer`). The presenter (and the chair) step with a click on a node or anchor, `ArrowDown`/
 * `ArrowUp` or `PageDown`/`PageUp` (what presenter remotes send) while focus is in the outline; for
 * the presenter, PageDown/PageUp also step while focus is in the viewer.
 * With `editing` on, they add, edit, remove and reorder nodes (drag, or `Alt`+`ArrowUp`/
 * `ArrowDown` on a node) and anchors ("anchor the current view" takes the viewer's evidence,
 * page and visible region).
 *
 * A follower who scrolls, zooms or opens other evidence breaks away: a "not following — return"
 * bar appears; its button (or `f` in the viewer) returns. Following can be turned off. The
 * presenter and chair see a per-venue roster (following / diverged / idle) and a section timer;
 * the chair hands presenting to another participant. A callout the presenter shows appears
 * magnified in a floating box that each reader may close.
 *
 * @summary The case-briefing outline with presenter mode, follow-the-presenter, roster and timer.
 *
 * @csspart base - Everything.
 * @csspart follow-bar - The follow status and its button (`data-state`: following, diverged, off).
 * @csspart return-button - "Return to the presenter" / "Follow the presenter".
 * @csspart follow-toggle - Turns following off while following.
 * @csspart outline - The ordered list of nodes.
 * @csspart node - One node (`aria-current="step"` on the presented one; `data-kind` holds its kind).
 * @csspart node-button - A node's title button (advances there).
 * @csspart node-body - A node's body.
 * @csspart anchor - An anchor's button.
 * @csspart callout-button - The presenter's button showing a callout of the presented page to
 *   everyone (`aria-pressed` while shown).
 * @csspart editor - The editing fields of a node.
 * @csspart add-node - The form adding a node.
 * @csspart roster - The per-venue roster.
 * @csspart timer - The section timer.
 * @csspart hand-off - The chair's hand-off control.
 * @csspart callout - The floating callout box.
 *
 * @cssproperty --hs-briefing-color - Text colour. Falls back to `--hs-sys-color-on-surface`.
 * @cssproperty --hs-briefing-background - Background. Falls back to `--hs-sys-color-surface`.
 * @cssproperty --hs-briefing-border-color - Borders. Falls back to `--hs-sys-color-outline`.
 * @cssproperty --hs-briefing-focus-color - Focus ring. Falls back to `--hs-sys-color-focus`.
 * @cssproperty --hs-briefing-current-background - The presented node. Falls back to
 *   `--hs-sys-color-surface-container`.
 * @cssproperty --hs-briefing-diverged-color - The "not following" bar. Falls back to
 *   `--hs-sys-color-pending`.
 * @cssproperty --hs-briefing-following-color - Following marks. Falls back to `--hs-sys-color-success`.
 *
 * @event {HsPresenterChangeEvent} hs-presenter-change - Presenting was handed over: `presenterId`,
 *   `previousPresenterId`, `isLocalPresenter`.
 * @event {HsFollowChangeEvent} hs-follow-change - This screen started or stopped following:
 *   `state` (`following`, `diverged`, `off`), `previousState`, `cause`.
 * @event {HsBriefingNodeChangeEvent} hs-briefing-node-change - The presenter moved to another node
 *   or anchor: `nodeId`, `anchor`, `previousNodeId`, `local`.
 */
export class HsBriefing extends LitElement {
  static override styles = styles;

  /** Id of the `<hs-evidence-viewer>` (in the same document or shadow root) this briefing drives. */
  @property({ attribute: 'for' }) for = '';

  /** The viewer this briefing drives; takes precedence over `for`. */
  @property({ attribute: false }) viewer: HsEvidenceViewer | undefined = undefined;

  /** Shows the editing controls (to those who may edit the outline). Reflected. */
  @property({ attribute: 'editing', type: Boolean, reflect: true }) editing = false;

  /** The room, from `<hs-room>` or any `roomContext` provider. */
  @consume({ context: roomContext, subscribe: true })
  @property({ attribute: false })
  room: RoomContextValue | undefined = undefined;

  @state() private _dismissedCallout: string | undefined;
  @state() private _now = Date.now();
  @state() private _announcement = '';

  /** @internal */
  readonly locale = new LocaleController(this);
  /** @internal */
  readonly state = new BriefingStateController(this, {
    onDocument: (value) => this.#onDocument(value),
    onPresence: (value) => this.#onPresence(value),
  });
  /** @internal */
  readonly follow = new FollowController(this, {
    viewer: () => this.#viewer(),
    awareness: () => this.room?.awareness,
    onChange: (state, previous, cause) => this.#onFollowChange(state, previous, cause),
  });
  /** @internal The outline's editing verbs. */
  readonly outline = new OutlineEditor({
    room: () => this.room,
    canEdit: () => this.canEdit,
    nodes: () => this.state.value.briefing.nodes,
    viewer: () => this.#viewer(),
    lastView: () => this.follow.lastView,
    onMoved: (id) => void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-node="${id}"] [part~='node-button']`)?.focus()),
  });
  readonly #tracker = new PresenterTracker();
  #presenterId: string | undefined;
  #position: PresenterPosition | undefined;
  #clock: ReturnType<typeof setInterval> | undefined;
  /** Set after the first read of a room: later presenter changes are hand-offs. */
  #readOnce = false;

  /** `following`, `diverged` or `off` (this screen's follow state); reflected to `follow-state`. */
  get followState(): FollowState {
    return this.follow.state;
  }

  /** How this screen takes part: `presenter`, `chair`, `follower` or `observer`; reflected to `role-mode`. */
  get briefingRole(): BriefingRole {
    const actor = this.room?.origin?.actor;
    if (!actor || actor.role === 'server') return 'observer';
    const presenterId = this.state.value.briefing.presenterId;
    if (presenterId === actor.userId || (presenterId === undefined && actor.role === 'presenter')) return 'presenter';
    if (actor.role === 'chair') return 'chair';
    return actor.role === 'observer' ? 'observer' : 'follower';
  }

  /** True when this screen may move the presenter position (the presenter or the chair). */
  get canDrive(): boolean {
    return this.#allowed({ target: 'briefing', key: 'position' });
  }

  /** True when this screen may edit the outline. */
  get canEdit(): boolean {
    return this.#allowed({ target: 'outline-order' });
  }

  /** True when this screen may hand presenting over (the chair). */
  get canHandOff(): boolean {
    return this.#allowed({ target: 'briefing', key: 'presenter' });
  }

  /** Returns to the presenter after breaking away (or turns following back on). */
  rejoin(): void {
    this.follow.rejoin('user');
  }

  /** Turns following the presenter on or off. */
  setFollowing(on: boolean): void {
    this.follow.setEnabled(on, 'user');
  }

  /** Presenter: steps to the next (`1`) or previous (`-1`) stop of the outline. */
  step(direction: 1 | -1): void {
    const { nodes, position } = this.state.value.briefing;
    const stops = briefingStops(nodes);
    if (stops.length === 0) return;
    const at = stopIndex(stops, position);
    const next = at < 0 ? (direction > 0 ? 0 : stops.length - 1) : Math.min(stops.length - 1, Math.max(0, at + direction));
    if (next !== at) this.present(stops[next]!.nodeId, stops[next]!.anchor);
  }

  /** Presenter: presents `nodeId` (its first anchor) or one of its anchors. */
  present(nodeId: string, anchor?: number): void {
    const room = this.room;
    if (!room?.origin || !this.canDrive) return;
    const { nodes } = this.state.value.briefing;
    const node = nodes.find((n) => n.id === nodeId);
    if (!node) return;
    const move = moveForStop(nodes, { nodeId, anchor: anchor ?? (node.anchors.length ? 0 : undefined) });
    movePresenter(room.doc, move, room.origin);
  }

  /** Presenter: shows the callout annotation `id` magnified to every follower (`undefined` hides it). */
  showCallout(id: string | undefined): void {
    const room = this.room;
    const position = this.state.value.briefing.position;
    if (!room?.origin || !this.canDrive) return;
    const { at: _at, by: _by, ...rest } = position ?? { at: 0, by: '' };
    const move = { ...rest };
    if (id === undefined) delete move.calloutId;
    else move.calloutId = id;
    movePresenter(room.doc, move, room.origin);
  }

  /**
   * A presenter remote sends PageDown/PageUp to whatever has focus; the presenter usually has the
   * viewer focused. While this user is the presenter, those keys in the viewer step the briefing
   * (as in presentation software) instead of scrolling. Capture phase: before the viewer scrolls.
   */
  readonly #onRemoteKey = (event: KeyboardEvent): void => {
    if (event.key !== 'PageDown' && event.key !== 'PageUp') return;
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (this.briefingRole !== 'presenter') return;
    const viewer = this.#viewer();
    if (!viewer || !event.composedPath().includes(viewer)) return;
    event.preventDefault();
    event.stopPropagation();
    this.step(event.key === 'PageDown' ? 1 : -1);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.#onRemoteKey, true);
    this.#clock = setInterval(() => {
      if (this.canDrive && this.state.value.agenda.length) this._now = Date.now();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.#onRemoteKey, true);
    clearInterval(this.#clock);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) this.state.setRoom(this.room?.doc, this.room?.awareness);
  }

  protected override updated(): void {
    this.setAttribute('follow-state', this.follow.state);
    this.setAttribute('role-mode', this.briefingRole);
  }

  #viewer(): HsEvidenceViewer | undefined {
    if (this.viewer) return this.viewer;
    if (!this.for) return undefined;
    const root = this.getRootNode() as Document | ShadowRoot;
    const found = root.getElementById?.(this.for);
    return found && found.localName === 'hs-evidence-viewer' ? (found as HsEvidenceViewer) : undefined;
  }

  #allowed(change: Parameters<typeof decide>[1]): boolean {
    const actor = this.room?.origin?.actor;
    return !!actor && decide(actor, change, { presenterId: this.state.value.briefing.presenterId }).allowed;
  }

  #isLocalPresenter(): boolean {
    return this.briefingRole === 'presenter';
  }

  #onDocument(value: BriefingSnapshot): void {
    const { presenterId, position } = value.briefing;
    if (presenterId !== this.#presenterId) {
      const previous = this.#presenterId;
      this.#presenterId = presenterId;
      this.#tracker.reset();
      this.#updateLeader();
      if (this.#readOnce) {
        const event = new HsPresenterChangeEvent(presenterId, previous, this.#isLocalPresenter());
        this.dispatchEvent(event);
      }
    }
    this.#readOnce = true;
    const before = this.#position;
    if (JSON.stringify(before) !== JSON.stringify(position)) {
      this.#position = position;
      this.#onPosition(before, position);
    }
  }

  #updateLeader(): void {
    const me = this.room?.origin?.actor.userId;
    const leader = this.#presenterId !== undefined && this.#presenterId !== me && !this.#isLocalPresenter() ? this.#presenterId : undefined;
    this.follow.setLeader(leader);
    const presenter = this.state.value.peers.find((p) => p.user.id === leader);
    if (leader) this.follow.follow(this.#tracker.viewing(presenter?.viewing) ?? this.#tracker.position(this.#position));
  }

  #onPosition(before: PresenterPosition | undefined, position: PresenterPosition | undefined): void {
    if (this.#isLocalPresenter()) {
      // The presenter's own viewer goes where the position says (also when the chair moved it).
      const target = targetOfPosition(position);
      if (target && (position?.by !== before?.by || JSON.stringify({ ...position, at: 0, calloutId: 0 }) !== JSON.stringify({ ...before, at: 0, calloutId: 0 }))) {
        void this.follow.show(target);
      }
    } else {
      const target = this.#tracker.position(position);
      if (target) this.follow.follow(target);
    }
    if (position?.calloutId !== before?.calloutId) this._dismissedCallout = undefined;
    if (position?.nodeId !== before?.nodeId || position?.anchor !== before?.anchor) {
      const node = this.state.value.briefing.nodes.find((n) => n.id === position?.nodeId);
      if (node) this.#announce(this.locale.t('briefing.announce-node', { title: node.title }));
      const local = position?.by === this.room?.origin?.actor.userId;
      const event = new HsBriefingNodeChangeEvent(position?.nodeId, position?.anchor, before?.nodeId, local);
      this.dispatchEvent(event);
    }
  }

  #onPresence(value: BriefingSnapshot): void {
    const leader = this.follow.leader;
    if (!leader) return;
    const presenter = value.peers.find((p) => p.user.id === leader && p.viewing);
    const target = this.#tracker.viewing(presenter?.viewing);
    if (target) this.follow.follow(target);
  }

  #onFollowChange(state: FollowState, previous: FollowState, cause: 'user' | 'program'): void {
    this.#announce(this.locale.t(`briefing.follow-${state}`, { name: this.#presenterName() }));
    const event = new HsFollowChangeEvent(state, previous, cause);
    this.dispatchEvent(event);
  }

  /** @internal The presenter's display name (from presence), or their id. */
  presenterName(): string {
    return this.#presenterName();
  }

  #presenterName(): string {
    const id = this.state.value.briefing.presenterId;
    if (id === undefined) return '';
    if (id === this.room?.origin?.actor.userId) return this.room.origin.actor.name;
    return this.state.value.peers.find((p) => p.user.id === id)?.user.name ?? id;
  }

  /** @internal The title of evidence `id`, or the id when it is unknown. */
  evidenceTitle(id: string): string {
    return this.state.value.evidenceTitles.get(id) ?? id;
  }

  #announce(message: string): void {
    this._announcement = '';
    void this.updateComplete.then(() => {
      this._announcement = message;
    });
  }

  // ── Called by the templates ───────────────────────────────────────────────────────────

  /** @internal Opens an anchor: the presenter (or chair) presents it; a follower looks at it alone (a break-away). */
  openAnchor(nodeId: string, anchor: number): void {
    if (this.canDrive) {
      this.present(nodeId, anchor);
      return;
    }
    const found = this.state.value.briefing.nodes.find((n) => n.id === nodeId)?.anchors[anchor];
    const target = found && { evidenceId: found.evidenceId, page: found.page, region: found.page !== undefined ? found.region : undefined };
    if (!target) return;
    this.follow.breakAway('user');
    void this.follow.show(target);
  }

  /** @internal */
  dismissCallout(): void {
    this._dismissedCallout = this.state.value.briefing.position?.calloutId;
  }

  /** @internal */
  handOff(userId: string, name: string | undefined): void {
    const room = this.room;
    if (!room?.origin || !this.canHandOff) return;
    handOffPresenting(room.doc, { userId, name }, room.origin);
  }

  #onKeyDown = (event: KeyboardEvent): void => {
    const path = event.composedPath();
    const field = path[0];
    if (field instanceof HTMLElement && (field.matches('input, textarea, select') || field.isContentEditable)) return;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && this.editing && this.canEdit) {
      const node = path.find((t): t is HTMLElement => t instanceof HTMLElement && t.dataset['node'] !== undefined);
      if (node) {
        event.preventDefault();
        this.outline.moveNode(node.dataset['node']!, { delta: event.key === 'ArrowUp' ? -1 : 1 });
      }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || !this.canDrive) return;
    const direction = event.key === 'ArrowDown' || event.key === 'PageDown' ? 1 : event.key === 'ArrowUp' || event.key === 'PageUp' ? -1 : 0;
    if (direction === 0) return;
    event.preventDefault();
    this.step(direction);
  };

  protected override render() {
    const value = this.state.value;
    const role = this.briefingRole;
    const driving = this.canDrive;
    return html`<div part="base" class="base" @keydown=${this.#onKeyDown}>
      ${role === 'follower' || role === 'observer' || (role === 'chair' && !!value.briefing.presenterId)
        ? renderFollowBar(this, this.follow.state, value.briefing.presenterId)
        : nothing}
      ${driving ? renderTimer(this, value, this._now) : nothing}
      ${renderOutline(this, value, driving, this.editing && this.canEdit, this._now)}
      ${this.editing && this.canEdit ? renderAddNode(this) : nothing}
      ${driving ? renderRoster(this, value) : nothing}
      ${this.canHandOff ? renderHandOff(this, value) : nothing}
      ${role !== 'presenter' && value.briefing.position?.calloutId && value.briefing.position.calloutId !== this._dismissedCallout
        ? renderCallout(this, value.briefing.position.calloutId)
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>
    </div>`;
  }
}
