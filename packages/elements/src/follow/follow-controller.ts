/**
 * Follow-the-presenter for one screen: drives an `<hs-evidence-viewer>` to the presenter's
 * evidence, page and region (fitted to this screen), notices when the reader moves on their own
 * and publishes `viewing` and `following` into presence. Used by `<hs-briefing>`; any element
 * that owns a viewer (a later `<hs-room>`) can host one.
 *
 * How to think about break-away: the controller cannot tell a scroll it caused from one the
 * reader caused by looking at the scroll, so it watches the reader instead. A wheel turn, a key,
 * a pointer or a touch on the viewer marks the view changes of the next few seconds as the
 * reader's own; the view changes the viewer reports while this controller moves it are the
 * program's, and so is a change with no input before it (a resize, a load). A reader's own view
 * change while following — or another evidence item shown in the viewer than the one the
 * controller asked for — is a break-away. The presenter's moves wait a moment while the reader is
 * acting, so a scroll just started is not yanked back before it can count.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { setPresence } from '@huishen/model';
import type { Awareness } from 'y-protocols/awareness';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';
import type { FollowState } from '../events/follow-change-event.js';
import type { HsViewportChangeEvent } from '../events/viewport-change-event.js';
import type { FollowTarget } from './follow-target.js';

/**
 * How long after a wheel turn, key or pointer a view change still counts as the reader's own.
 * Generous: on a busy terminal the scroll a key caused may be reported a second or more later
 * (the viewer reports view changes once per animation frame).
 */
const USER_INPUT_WINDOW_MS = 5000;
/**
 * While the reader is acting on the viewer (this long after their last input), the presenter's
 * moves wait: a scroll the reader just started is not yanked back, and if it changes the view it
 * is a break-away and the waiting move is dropped.
 */
const USER_GRACE_MS = 1000;
/** Most `viewing` presence updates per second while scrolling (page or evidence changes go at once). */
const VIEWING_INTERVAL_MS = 100;

/** Options of a {@link FollowController}. */
export interface FollowControllerOptions {
  /** The viewer this screen shows evidence in; read again on every host update. */
  viewer: () => HsEvidenceViewer | undefined;
  /** The room's presence, where `viewing` and `following` are published. */
  awareness: () => Awareness | undefined;
  /** Called after `state` changed, with the state before and what caused it. */
  onChange?: (state: FollowState, previous: FollowState, cause: 'user' | 'program') => void;
}

/** Follow state, viewer driving and presence publishing for one screen (see the module comment). */
export class FollowController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: FollowControllerOptions;
  #state: FollowState = 'following';
  #leader: string | undefined;
  #target: FollowTarget | undefined;
  #viewer: HsEvidenceViewer | undefined;
  #asked: string | undefined;
  #userInputAt = -Infinity;
  /** True while this controller itself moves the viewer (the view changes it reports then are ours). */
  #applying = false;
  #deferred: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;
  #resize: ResizeObserver | undefined;
  #publishTimer: ReturnType<typeof setTimeout> | undefined;
  #lastPublished = { key: '', at: -Infinity };
  #pendingViewing: HsViewportChangeEvent | undefined;
  #lastView: FollowTarget | undefined;
  #size = '';

  constructor(host: ReactiveControllerHost, options: FollowControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** `following` (default), `diverged` (broke away) or `off` (turned off). */
  get state(): FollowState {
    return this.#state;
  }

  /** The user id followed (the presenter); `undefined` when there is none or it is this screen. */
  get leader(): string | undefined {
    return this.#leader;
  }

  /** What this screen's viewer showed last (evidence, page, visible region). */
  get lastView(): FollowTarget | undefined {
    return this.#lastView;
  }

  /** Where the presenter is, as last told. */
  get target(): FollowTarget | undefined {
    return this.#target;
  }

  hostConnected(): void {
    this.#attach(this.#options.viewer());
    this.#publishFollowing();
  }

  hostUpdated(): void {
    const viewer = this.#options.viewer();
    if (viewer !== this.#viewer) this.#attach(viewer);
  }

  hostDisconnected(): void {
    this.#attach(undefined);
    clearTimeout(this.#publishTimer);
    clearTimeout(this.#deferred);
    const awareness = this.#options.awareness();
    if (awareness) setPresence(awareness, 'following', null);
  }

  /** Sets whom to follow: the presenter's id, or `undefined` when this screen presents or nobody does. */
  setLeader(leader: string | undefined): void {
    if (leader === this.#leader) return;
    this.#leader = leader;
    this.#target = undefined;
    this.#publishFollowing();
  }

  /** The presenter moved: go there when following (after the reader's own gesture, if one is under way). */
  follow(target: FollowTarget | undefined): void {
    this.#target = target;
    this.#followSoon();
  }

  #followSoon(): void {
    clearTimeout(this.#deferred);
    this.#deferred = undefined;
    const target = this.#target;
    if (!target || this.#state !== 'following' || this.#leader === undefined) return;
    const wait = USER_GRACE_MS - (performance.now() - this.#userInputAt);
    if (wait > 0) this.#deferred = setTimeout(() => this.#followSoon(), wait);
    else void this.show(target);
  }

  /** Returns to the presenter after a break-away (or turns follow back on). */
  rejoin(cause: 'user' | 'program' = 'user'): void {
    this.#setState('following', cause);
    if (this.#target && this.#leader !== undefined) void this.show(this.#target);
  }

  /** Steps away from the presenter on purpose (e.g. to open an anchor alone); {@link rejoin} returns. */
  breakAway(cause: 'user' | 'program' = 'user'): void {
    if (this.#state === 'following' && this.#leader !== undefined) this.#setState('diverged', cause);
  }

  /** Turns following on (`true`, returns to the presenter) or off (`false`). */
  setEnabled(enabled: boolean, cause: 'user' | 'program' = 'user'): void {
    if (enabled) this.rejoin(cause);
    else this.#setState('off', cause);
  }

  /**
   * Drives the viewer to `target` (also for the presenter's own viewer): opens the evidence if
   * another one is shown, then fits the region into the viewport, or goes to the page. Resolves
   * once the viewer was told; a newer call supersedes an older one still waiting for a load.
   */
  async show(target: FollowTarget): Promise<void> {
    const viewer = this.#viewer;
    if (!viewer) return;
    const generation = ++this.#generation;
    this.#userInputAt = -Infinity;
    this.#asked = target.evidenceId;
    if (viewer.evidenceId !== target.evidenceId) {
      viewer.evidenceId = target.evidenceId;
      await viewer.updateComplete; // the viewer starts loading: the region waits for the load
      if (generation !== this.#generation) return;
    }
    // The viewer reports the view change these calls make synchronously: it is ours, not the reader's.
    this.#applying = true;
    try {
      if (target.page !== undefined && target.region) viewer.fitRegion(target.page, target.region);
      else if (target.page !== undefined) viewer.goToPage(target.page);
    } finally {
      this.#applying = false;
    }
  }

  #setState(state: FollowState, cause: 'user' | 'program'): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.#publishFollowing();
    this.#host.requestUpdate();
    this.#options.onChange?.(state, previous, cause);
  }

  #publishFollowing(): void {
    const awareness = this.#options.awareness();
    if (!awareness) return;
    setPresence(awareness, 'following', this.#state === 'following' ? (this.#leader ?? null) : null);
  }

  // ── The viewer ───────────────────────────────────────────────────────────────────────────

  #attach(viewer: HsEvidenceViewer | undefined): void {
    const old = this.#viewer;
    if (old) {
      for (const type of ['wheel', 'pointerdown', 'touchstart'] as const) old.removeEventListener(type, this.#onInput, true);
      old.removeEventListener('keydown', this.#onKey, true);
      old.removeEventListener('hs-viewport-change', this.#onViewport);
      this.#resize?.disconnect();
      this.#size = '';
    }
    this.#viewer = viewer;
    if (!viewer) return;
    for (const type of ['wheel', 'pointerdown', 'touchstart'] as const) viewer.addEventListener(type, this.#onInput, { capture: true, passive: true });
    viewer.addEventListener('keydown', this.#onKey, true);
    viewer.addEventListener('hs-viewport-change', this.#onViewport);
    // A new size shows the presenter's region fitted again — in the next frame, never inside the
    // observer's callback (which would resize in a loop).
    this.#resize ??= new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      const size = box ? `${Math.round(box.width)}x${Math.round(box.height)}` : '';
      if (size === this.#size) return;
      const first = this.#size === '';
      this.#size = size;
      if (first) return;
      requestAnimationFrame(() => {
        if (this.#state === 'following' && this.#leader !== undefined && this.#target?.region) void this.show(this.#target);
      });
    });
    this.#resize.observe(viewer);
  }

  #onInput = (): void => {
    this.#userInputAt = performance.now();
  };

  #onKey = (event: KeyboardEvent): void => {
    if (['Shift', 'Control', 'Alt', 'Meta', 'Tab', 'Escape'].includes(event.key)) return;
    const typing = event.composedPath()[0];
    const inField = typing instanceof HTMLElement && (typing.matches('input, textarea, select') || typing.isContentEditable);
    if (!inField && event.key === 'f' && !event.ctrlKey && !event.metaKey && !event.altKey && this.#state === 'diverged') {
      event.preventDefault();
      this.rejoin('user');
      return;
    }
    this.#onInput();
  };

  #onViewport = (event: HsViewportChangeEvent): void => {
    const viewer = this.#viewer;
    if (!viewer) return;
    if (viewer.evidenceId) this.#lastView = { evidenceId: viewer.evidenceId, page: event.page, region: event.region };
    if (this.#state === 'following' && this.#leader !== undefined && !this.#applying) {
      const own = performance.now() - this.#userInputAt < USER_INPUT_WINDOW_MS;
      const elsewhere = this.#asked !== undefined && viewer.evidenceId !== this.#asked;
      if (own || elsewhere) this.#setState('diverged', 'user');
    }
    this.#publishViewing(event);
  };

  #publishViewing(event: HsViewportChangeEvent): void {
    const awareness = this.#options.awareness();
    const evidenceId = this.#viewer?.evidenceId;
    if (!awareness || !evidenceId) return;
    const key = `${evidenceId}|${event.page}`;
    const now = performance.now();
    this.#pendingViewing = event;
    if (key !== this.#lastPublished.key || now - this.#lastPublished.at >= VIEWING_INTERVAL_MS) {
      this.#flushViewing();
      return;
    }
    this.#publishTimer ??= setTimeout(() => this.#flushViewing(), VIEWING_INTERVAL_MS - (now - this.#lastPublished.at));
  }

  #flushViewing(): void {
    clearTimeout(this.#publishTimer);
    this.#publishTimer = undefined;
    const event = this.#pendingViewing;
    const awareness = this.#options.awareness();
    const evidenceId = this.#viewer?.evidenceId;
    this.#pendingViewing = undefined;
    if (!event || !awareness || !evidenceId) return;
    const [x1, y1, x2, y2] = event.region;
    setPresence(awareness, 'viewing', { evidenceId, page: event.page, viewport: [x1, y1, x2, y2] });
    this.#lastPublished = { key: `${evidenceId}|${event.page}`, at: performance.now() };
  }
}
