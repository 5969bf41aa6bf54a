/**
 * `<hs-presence>`: who else is looking at the same pages, and where. It draws the remote
 * pointers (name, venue colour, role) and laser trails over the pages of an
 * `<hs-evidence-viewer>`, and publishes the local pointer and laser into the room's presence.
 *
 * How to think about it: presence is awareness, never the document. Remote state is read with
 * `readPeers` (validated) on every awareness change and drawn, batched to one animation frame, into
 * plain per-page {@link PresenceOverlay} objects mounted into the viewer's page boxes (only
 * visible pages). The local side is a {@link PointerPublisher}. A departed user disappears when
 * their awareness state is removed: the room server removes it the moment their socket closes.
 */
import { consume } from '@lit/context';
import { html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { readPeers, setPresence, type Peer } from '@huishen/model';
import { HsLaserChangeEvent } from '../events/laser-change-event.js';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { roomContext, type RoomContextValue } from '../room/room-context.js';
import { LaserTrails } from './laser-trails.js';
import { PointerPublisher } from './pointer-publisher.js';
import { PresenceOverlay, type PointerView, type TrailView } from './presence-overlay.js';
import { overlayStyles, styles } from './presence.styles.js';

/** The key held for the laser pointer. */
export const LASER_KEY = 'l';

function isEditable(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * Remote pointers and laser pointers over an evidence viewer, and the local pointer shared with
 * the room. Put it in the room next to the viewer and name the viewer with `for` (an id in the
 * same root) or set `viewer`.
 *
 * Laser: hold `L` while the viewer has focus, or set `laser` (a toolbar's laser tool) or call
 * `setLaser(true)`. Everyone in the room sees a red dot with a fading trail where the pointer is;
 * it is presence only and never stored. Screen readers hear when someone starts pointing.
 *
 * @summary Remote pointers with name, venue colour and role, and a laser pointer everyone sees.
 *
 * @cssproperty --hs-presence-pointer-size - Size of a remote pointer arrow. Default `18px`.
 * @cssproperty --hs-presence-label-color - Text of a pointer's name tag (its background is the venue colour). Default white.
 * @cssproperty --hs-presence-label-font-size - Name tag text size. Default `12px`.
 * @cssproperty --hs-presence-laser-color - The laser dot. Default `#ff1f1f`.
 * @cssproperty --hs-presence-laser-glow - The glow around the laser dot.
 * @cssproperty --hs-presence-laser-size - Diameter of the laser dot. Default `14px`.
 *
 * @event {HsLaserChangeEvent} hs-laser-change - The local laser was switched on or off: `active`.
 */
export class HsPresence extends LitElement {
  static override styles = styles;

  /** The viewer whose pages to draw on (or name it with `for`). */
  @property({ attribute: false }) viewer: HsEvidenceViewer | undefined = undefined;

  /** Id of the viewer, in the same document or shadow root (when `viewer` is not set). */
  @property({ attribute: 'for' }) for = '';

  /** The room, from `<hs-room>` or any `roomContext` provider. */
  @consume({ context: roomContext, subscribe: true })
  @property({ attribute: false })
  room: RoomContextValue | undefined = undefined;

  /** Whether the local laser pointer is on. Reflected. A toolbar's laser tool sets it. */
  @property({ type: Boolean, reflect: true }) laser = false;

  @state() private _announcement = '';

  /** @internal */
  readonly #locale = new LocaleController(this, { onChange: () => this.#schedule() });
  #target: HsEvidenceViewer | undefined;
  #publisher: PointerPublisher | undefined;
  #unhook: (() => void) | undefined;
  readonly #overlays = new Map<number, PresenceOverlay>();
  readonly #trails = new LaserTrails();
  /** Peers whose laser was on at the last draw (to announce only its start). */
  #lasering = new Set<number>();
  #frame = 0;
  #keyHeld = false;

  /** Switches the local laser on or off (as holding `L` does). */
  setLaser(active: boolean): void {
    this.laser = active;
  }

  /** The remote peers drawn now (on this viewer's evidence), for tests and a roster. */
  get peers(): readonly Peer[] {
    const evidenceId = this.#target?.evidenceId;
    const awareness = this.room?.awareness;
    if (!evidenceId || !awareness) return [];
    return readPeers(awareness).filter((p) => p.cursor?.evidenceId === evidenceId || p.laser?.evidenceId === evidenceId);
  }

  /** @internal The overlay of `page`, if it is drawn (for tests). */
  overlay(page: number): PresenceOverlay | undefined {
    return this.#overlays.get(page);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#hook();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unhookAll();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('viewer') || changed.has('for') || changed.has('room')) this.#hook();
    if (changed.has('laser') && changed.get('laser') !== undefined) {
      this.#publisher?.laserChanged();
      this.dispatchEvent(new HsLaserChangeEvent(this.laser));
    }
  }

  protected override render() {
    return html`<div class="announcer" role="status" aria-live="polite">${this._announcement}</div>`;
  }

  #resolveTarget(): HsEvidenceViewer | undefined {
    if (this.viewer) return this.viewer;
    if (!this.for) return undefined;
    const found = (this.getRootNode() as Document | ShadowRoot).getElementById?.(this.for);
    return found && 'pagePointAt' in found ? (found as HsEvidenceViewer) : undefined;
  }

  #unhookAll(): void {
    this.#unhook?.();
    this.#unhook = undefined;
    this.#publisher?.dispose();
    this.#publisher = undefined;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    for (const overlay of this.#overlays.values()) overlay.unmount();
    this.#overlays.clear();
  }

  #hook(): void {
    this.#unhookAll();
    const viewer = (this.#target = this.#resolveTarget());
    const awareness = this.room?.awareness;
    if (!viewer || !awareness) return;
    const onView = () => this.#schedule();
    const views = ['hs-viewport-change', 'hs-document-load', 'hs-page-change'];
    for (const name of views) viewer.addEventListener(name, onView);
    awareness.on('change', onView);
    viewer.addEventListener('keydown', this.#onKeyDown);
    viewer.addEventListener('keyup', this.#onKeyUp);
    window.addEventListener('blur', this.#onBlur);
    if (this.room?.origin) this.#publisher = new PointerPublisher({ viewer, awareness, laserActive: () => this.laser });
    this.#unhook = () => {
      for (const name of views) viewer.removeEventListener(name, onView);
      awareness.off('change', onView);
      viewer.removeEventListener('keydown', this.#onKeyDown);
      viewer.removeEventListener('keyup', this.#onKeyUp);
      window.removeEventListener('blur', this.#onBlur);
      setPresence(awareness, 'laser', null);
    };
    this.#schedule();
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (event.key.toLowerCase() !== LASER_KEY || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (isEditable(event.composedPath()[0])) return;
    if (this.laser) return;
    this.#keyHeld = true;
    this.setLaser(true);
  };

  readonly #onKeyUp = (event: KeyboardEvent): void => {
    if (event.key.toLowerCase() !== LASER_KEY || !this.#keyHeld) return;
    this.#keyHeld = false;
    this.setLaser(false);
  };

  readonly #onBlur = (): void => {
    if (!this.#keyHeld) return;
    this.#keyHeld = false;
    this.setLaser(false);
  };

  #schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.draw();
    });
  }

  /** @internal Draws now (the element does it once per frame after a change; tests may call it). */
  draw(): void {
    const viewer = this.#target;
    if (!viewer) return;
    const now = performance.now();
    const peers = this.peers;
    const started: Peer[] = [];
    const lasering = new Set<number>();
    for (const peer of peers) {
      if (peer.laser?.evidenceId !== viewer.evidenceId) continue;
      lasering.add(peer.clientId);
      if (!this.#lasering.has(peer.clientId)) started.push(peer);
      this.#trails.add(peer.clientId, { page: peer.laser.page, x: peer.laser.x, y: peer.laser.y }, now);
    }
    this.#lasering = lasering;
    const fading = this.#trails.prune(now);

    const visible = new Set(viewer.visiblePages);
    for (const [page, overlay] of this.#overlays) {
      if (!visible.has(page)) {
        overlay.unmount();
        this.#overlays.delete(page);
      }
    }
    for (const page of visible) {
      const element = viewer.pageElement(page);
      const geometry = viewer.pageGeometry(page);
      if (!element || !geometry) continue;
      let overlay = this.#overlays.get(page);
      if (!overlay) {
        overlay = new PresenceOverlay(page, overlayStyles);
        this.#overlays.set(page, overlay);
      }
      overlay.mount(element.querySelector('.presence-layer') ?? element);
      const pointers: PointerView[] = peers
        .filter((p) => p.cursor?.page === page && p.cursor.evidenceId === viewer.evidenceId)
        .map((p) => ({ clientId: p.clientId, x: p.cursor!.x, y: p.cursor!.y, color: p.user.color, label: this.#label(p) }));
      const trails: TrailView[] = this.#trails.clients.map((clientId) => ({ clientId, points: this.#trails.on(clientId, page) }));
      overlay.draw(geometry, pointers, trails, now);
    }
    if (started.length > 0) {
      this._announcement = started.map((p) => this.#locale.t('presence.laser-started', { name: p.user.name, page: p.laser!.page })).join(' ');
    }
    if (fading) this.#schedule();
  }

  #label(peer: Peer): string {
    return this.#locale.t('presence.pointer-label', { name: peer.user.name, role: this.#locale.t(`presence.role.${peer.user.role}`) });
  }
}
