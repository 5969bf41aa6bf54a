/**
 * `<hs-doc-camera>`: the high-definition document camera (高清实物展台) as a first-class evidence
 * source. At the venue with the camera (mode `source`) it opens, turns and shares the camera over
 * the room's LiveKit room, tuned so paper stays legible; in every venue (mode `viewer`) it shows
 * that feed at full resolution. Freezing captures a real still at the source, stores it as
 * evidence and points the room document at it, so every venue shows the same pixels.
 *
 * How to think about it: three sources of truth, each owned elsewhere — the local camera
 * (`camera-access.ts`), the LiveKit connection (`media-session.ts`) and the room document
 * (`@huishen/model` camera/evidence/timeline). The element keeps references to them, derives one
 * `state` from them (`state.ts`) and renders (`doc-camera.view.ts`).
 */
import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  decide,
  effectiveRole,
  readVenues,
  requestFreeze,
  rightsContext,
  unfreezeCamera,
} from '@huishen/model';
import { HsDocCameraCaptureEvent } from '../events/doc-camera-capture-event.js';
import { HsDocCameraStateChangeEvent } from '../events/doc-camera-state-change-event.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { roomContext, type RoomContextValue } from '../room/room-context.js';
import { CameraError, listCameras, openCamera, rememberDevice, rememberedDevice, type CameraProblem, type Resolution } from './camera-access.js';
import { styles } from './doc-camera.styles.js';
import { renderDocCamera, type ViewModel } from './doc-camera.view.js';
import { CameraStateController } from './camera-state-controller.js';
import { DEFAULT_MAX_BITRATE, fetchMediaToken, MediaError, MediaSession, type DocCameraMedia, type MediaTokenSource, type RemoteDocCamera, type SenderSample } from './media-session.js';
import { deriveState, type DocCameraState } from './state.js';
import { captureStill } from './still.js';
import { transformedTrack, type TransformedTrack } from './transform-stream.js';
import { RegionSelectController } from './region-select-controller.js';
import { storeStill } from './store-still.js';
import { regionToCrop, type Crop, type Rotation } from './transform.js';

/**
 * The document camera: share it from the venue that has it, watch it in every venue, freeze it
 * for everyone on a full-resolution still, capture stills into the evidence.
 *
 * Needs a room (`roomContext`, e.g. from `<hs-room>`) and a way to LiveKit: `token-url` (the room
 * server's `/livekit/token`, called with the room's `fetchInit()`), or `mediaTokens`. Cameras need
 * a secure context (HTTPS or `localhost`); on plain HTTP the element says so and how to fix it.
 *
 * @summary Document camera over LiveKit: share, watch at full resolution, freeze for all, capture stills.
 *
 * @csspart base - The whole element.
 * @csspart stage - The picture area (goes full screen).
 * @csspart video - The live (or preview) video.
 * @csspart still - The frozen still every venue shows.
 * @csspart message - The state message over the stage (problems, waiting, ended), with retry.
 * @csspart retry - The retry button.
 * @csspart selection - The rectangle drawn while choosing a crop or zoom region.
 * @csspart status - The status line: state, who shares from which venue, resolution and bitrate.
 * @csspart toolbar - The controls.
 * @csspart button - Every toolbar button.
 * @csspart select - Every toolbar select (camera, resolution, venue).
 *
 * @cssproperty --hs-doc-camera-height - Height of the element. Default `480px`.
 * @cssproperty --hs-doc-camera-color - Text colour. Falls back to `--hs-sys-color-on-surface`.
 * @cssproperty --hs-doc-camera-stage-background - Behind the picture. Default `#000`.
 * @cssproperty --hs-doc-camera-live-color - The live mark. Falls back to `--hs-sys-color-success`.
 * @cssproperty --hs-doc-camera-frozen-color - The frozen mark. Falls back to `--hs-sys-color-pending`.
 * @cssproperty --hs-doc-camera-error-color - Problem messages. Falls back to `--hs-sys-color-error`.
 *
 * @event {HsDocCameraStateChangeEvent} hs-doc-camera-state-change - After `state` changed.
 * @event {HsDocCameraCaptureEvent} hs-doc-camera-capture - After a still was stored and added as evidence.
 */
export class HsDocCamera extends LitElement {
  static override styles = styles;

  /** The room, from `<hs-room>` or any `roomContext` provider. */
  @consume({ context: roomContext, subscribe: true })
  @property({ attribute: false })
  room?: RoomContextValue;

  /**
   * `viewer` (default) watches; `source` opens this device's camera and may share it; `auto` is
   * `source` for whoever may share (the chair or the document's presenter) and `viewer` for others.
   */
  @property({ reflect: true }) mode: 'viewer' | 'source' | 'auto' = 'viewer';

  /** The room server's LiveKit token endpoint, e.g. `https://room.example.org/livekit/token`. */
  @property({ attribute: 'token-url' }) tokenUrl = '';

  /** Viewer: show the camera of this venue id; empty shows the first one shared. */
  @property({ reflect: true }) venue = '';

  /** Viewer: `contain` shows the whole picture, `cover` fills the stage. */
  @property({ reflect: true }) fit: 'contain' | 'cover' = 'contain';

  /** Source: `max` (the camera's highest, 4K where it has it), `2160`, `1080` or `720`. */
  @property() resolution: Resolution = 'max';

  /** Source: outgoing bitrate ceiling, bits per second. */
  @property({ attribute: 'max-bitrate', type: Number }) maxBitrate = DEFAULT_MAX_BITRATE;

  /** Source: open the camera as soon as the element is connected. */
  @property({ type: Boolean }) autostart = false;

  /** Source: clockwise rotation of the picture (0, 90, 180, 270). */
  @property({ type: Number }) rotation: Rotation = 0;

  /** Source: mirror the picture horizontally. */
  @property({ type: Boolean, reflect: true }) mirror = false;

  /** Source: crop, as fractions of the camera frame; `undefined` for none. */
  @property({ attribute: false }) crop: Crop | undefined = undefined;

  /** Viewer: a region of the stage (fractions) shown enlarged; `undefined` for the whole picture. */
  @property({ attribute: false }) zoomRegion: Crop | undefined = undefined;

  /** Source: a camera stream supplied by the page (it stays the page's: never stopped here). */
  @property({ attribute: false }) stream: MediaStream | undefined = undefined;

  /** Supplies LiveKit credentials instead of `token-url`. */
  @property({ attribute: false }) mediaTokens: MediaTokenSource | undefined = undefined;

  /**
   * Source: opens a camera instead of `getUserMedia` (a portal that manages devices itself).
   * Reject with a `CameraError` to report a problem.
   */
  @property({ attribute: false }) getCamera: ((deviceId: string | undefined, resolution: Resolution) => Promise<MediaStream>) | undefined = undefined;

  /** @internal */ readonly #locale = new LocaleController(this);
  /**
   * The media transport: LiveKit by default; an in-memory one (`createMemoryMedia`) for stories
   * and demos. Set it before the element connects to media.
   */
  @property({ attribute: false }) media: DocCameraMedia = new MediaSession();

  @state() private _state: DocCameraState = 'idle';
  @state() private _problem: CameraProblem | undefined;
  @state() private _camera: MediaStreamTrack | undefined;
  @state() private _devices: MediaDeviceInfo[] = [];
  @state() private _publishing = false;
  @state() private _publishPending = false;
  @state() private _receiving: RemoteDocCamera | undefined;
  @state() private _lost = false;
  @state() private _sender: SenderSample | undefined;
  @state() private _received: { width: number; height: number } | undefined;
  @state() private _announcement = '';
  @state() private _busy = false;
  @state() private _fullscreen = false;
  /** A refusal or failure of publishing, which leaves the connection itself up. */
  @state() private _mediaFailure: 'refused' | 'unreachable' | undefined;

  readonly #camera = new CameraStateController(this, { room: () => this.room, onChange: () => this.#answerRequest() });
  readonly #region = new RegionSelectController(this, {
    mediaSize: () => {
      const video = this.videoElement;
      return video && video.videoWidth > 0 ? { width: video.videoWidth, height: video.videoHeight } : undefined;
    },
    onSelect: (mode, region) => {
      if (mode === 'crop') this.crop = regionToCrop(region, this.#transform());
      else this.zoomRegion = region;
    },
  });

  #outgoing: TransformedTrack | undefined;
  #ownsCamera = false;
  #statsTimer = 0;
  #connectTried = false;
  #answeredRequest = -1;

  /** What the element shows now (reflected to the `state` attribute). */
  get state(): DocCameraState {
    return this._state;
  }

  /** `source` or `viewer`: the mode in force after rights (reflected to `active-mode`). */
  get activeMode(): 'source' | 'viewer' {
    if (this.mode === 'auto') return this.mayShare ? 'source' : 'viewer';
    return this.mode === 'source' ? 'source' : 'viewer';
  }

  /** The open local camera track (source), at its full capture size. */
  get cameraTrack(): MediaStreamTrack | undefined {
    return this._camera;
  }

  /** The `<video>` the picture plays in. */
  get videoElement(): HTMLVideoElement | null {
    return this.renderRoot.querySelector('video');
  }

  /** True when the person here may share the camera and freeze it (chair or document presenter). */
  get mayShare(): boolean {
    const actor = this.room?.origin?.actor;
    if (!actor || !this.room) return false;
    const role = effectiveRole(actor, rightsContext(this.room.doc));
    return role === 'chair' || role === 'presenter';
  }

  /** True when the person here may add a still to the evidence (needs the room's upload too). */
  get mayCapture(): boolean {
    const actor = this.room?.origin?.actor;
    if (!actor || !this.room?.uploadEvidence) return false;
    return decide(actor, { target: 'evidence', id: 'new', after: { addedBy: actor.userId, venue: actor.venue }, fields: [] }, rightsContext(this.room.doc)).allowed;
  }

  /** True when the person here may freeze or unfreeze for everyone. */
  get mayFreeze(): boolean {
    const actor = this.room?.origin?.actor;
    if (!actor || !this.room) return false;
    return decide(actor, { target: 'camera', key: 'freeze', after: { by: actor.userId, venue: actor.venue } }, rightsContext(this.room.doc)).allowed;
  }

  readonly #onSession = () => this.#sessionChanged();
  readonly #onFullscreen = () => {
    this._fullscreen = !!this.shadowRoot?.fullscreenElement;
  };

  #listened: DocCameraMedia | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listen(this.media);
    document.addEventListener('fullscreenchange', this.#onFullscreen);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listen(undefined);
    document.removeEventListener('fullscreenchange', this.#onFullscreen);
    void this.#shutdown();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) this.#camera.sync();
    if (changed.has('media') && this.isConnected) this.#listen(this.media);
    const next = deriveState({
      mode: this.activeMode,
      cameraProblem: this._problem,
      cameraOpen: !!this._camera,
      publishing: this._publishing,
      publishPending: this._publishPending,
      media: this._mediaFailure ?? this.media.status,
      receiving: !!this._receiving,
      lost: this._lost,
      frozen: !!this.#camera.freeze,
    });
    if (next !== this._state) {
      const previous = this._state;
      this._state = next;
      this._announcement = this.#stateText(next);
      // Built first, then dispatched: the manifest analyzer would otherwise list a nameless event.
      const event = new HsDocCameraStateChangeEvent(next, previous);
      this.updateComplete.then(() => this.dispatchEvent(event)).catch(() => {});
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.setAttribute('state', this._state);
    this.setAttribute('active-mode', this.activeMode);
    if ((changed.has('rotation') || changed.has('mirror') || changed.has('crop')) && this._camera) void this.#retransform();
    if (changed.has('stream') && this.stream && this.activeMode === 'source' && this._camera) void this.openCamera();
    this.#attachPicture();
    this.#autoStart();
  }

  protected override render() {
    return renderDocCamera(this.#view());
  }

  // ── public actions ───────────────────────────────────────────────────────────────────────

  /** Source: opens the camera (the page's `stream`, else the remembered or default device). */
  async openCamera(deviceId: string | undefined = rememberedDevice()): Promise<void> {
    this.#releaseCamera();
    this._problem = undefined;
    let stream: MediaStream;
    try {
      stream = this.stream ?? (await (this.getCamera ?? openCamera)(deviceId, this.resolution));
    } catch (error) {
      this._problem = error instanceof CameraError ? error.problem : 'device-busy';
      return;
    }
    const track = stream.getVideoTracks()[0];
    if (!track) {
      this._problem = 'no-device';
      return;
    }
    this.#ownsCamera = !this.stream && !this.getCamera;
    track.contentHint = 'detail';
    track.addEventListener('ended', () => {
      if (this._camera === track) void this.closeCamera();
    });
    this._camera = track;
    const chosen = track.getSettings().deviceId;
    if (this.#ownsCamera && chosen) rememberDevice(chosen);
    this.#outgoing = transformedTrack(track, this.#transform());
    if (this.#ownsCamera) this._devices = await listCameras();
    if (this._publishing) await this.media.replaceTrack(this.#outgoing.track);
  }

  /** Source: stops sharing and closes the camera. */
  async closeCamera(): Promise<void> {
    await this.unpublish();
    this.#releaseCamera();
  }

  /** Source: shares the camera with every venue (connecting to LiveKit first). */
  async publish(): Promise<void> {
    if (this._publishing || this._publishPending) return;
    if (!this._camera) await this.openCamera();
    if (!this._camera || !this.#outgoing) return;
    this._publishPending = true;
    try {
      await this.connect();
      if (this.media.status !== 'connected') return;
      await this.media.publish(this.#outgoing.track, { maxBitrate: this.maxBitrate });
      this._publishing = true;
      this.#startStats();
    } catch (error) {
      if (error instanceof MediaError) this.#mediaFailed(error);
      else throw error;
    } finally {
      this._publishPending = false;
    }
  }

  /** Source: stops sharing (the camera stays open for the preview). */
  async unpublish(): Promise<void> {
    this.#stopStats();
    if (!this._publishing) return;
    this._publishing = false;
    await this.media.unpublish();
  }

  /** Joins the room's LiveKit room (viewers do this by themselves once they have a room). */
  async connect(): Promise<void> {
    if (this.media.status === 'connected' || this.media.status === 'reconnecting') return;
    const tokens = this.#tokens();
    if (!tokens && this.media.needsTokens) return;
    this.#connectTried = true;
    try {
      await this.media.connect(tokens ?? (() => Promise.reject(new MediaError('unreachable', 'no token source'))));
    } catch (error) {
      if (!(error instanceof MediaError)) throw error;
    }
    this.requestUpdate();
  }

  /** Tries again after a problem (camera, LiveKit unreachable or refused, feed ended). */
  async retry(): Promise<void> {
    const wasPublishing = this._publishing || this._mediaFailure !== undefined;
    this._lost = false;
    this._mediaFailure = undefined;
    if (this._problem) {
      await this.openCamera();
      return;
    }
    await this.media.disconnect();
    this._publishing = false;
    if (this.activeMode === 'source' && wasPublishing) await this.publish();
    else await this.connect();
  }

  /**
   * Source: captures a still of the camera at full resolution, stores it in the evidence store,
   * adds it to the room as evidence of kind `still` and records it in the timeline; with
   * `freeze`, every venue is also frozen on it. Resolves with the evidence id.
   */
  async captureStill(options: { freeze?: boolean; requestedBy?: string } = {}): Promise<string | undefined> {
    const room = this.room;
    const origin = room?.origin;
    if (!this._camera || !room || !origin || !room.uploadEvidence) return undefined;
    this._busy = true;
    try {
      const still = await captureStill(this._camera, this.#transform(), origin.now);
      const time = new Date(still.capturedAt).toLocaleTimeString(this.#locale.value, { hour12: false });
      const title = this.#locale.t('doc-camera.still-title', { time });
      const evidenceId = await storeStill(room, origin, still, title, options);
      this._announcement = this.#locale.t('doc-camera.captured', { title });
      const event = new HsDocCameraCaptureEvent({ evidenceId, sha256: still.sha256, width: still.width, height: still.height, froze: !!options.freeze });
      this.dispatchEvent(event);
      return evidenceId;
    } catch (error) {
      this._announcement = this.#locale.t('doc-camera.capture-failed');
      throw error;
    } finally {
      this._busy = false;
    }
  }

  /**
   * Freezes every venue. At the source: on a still captured now (resolves with its evidence id).
   * Elsewhere: asks the sharing venue to do so (a freeze request in the room document).
   */
  async freeze(): Promise<string | undefined> {
    if (this.activeMode === 'source' && this._camera) return this.captureStill({ freeze: true });
    const origin = this.room?.origin;
    if (this.room && origin) requestFreeze(this.room.doc, origin);
    return undefined;
  }

  /** Shows the live feed again in every venue (chair or presenter). */
  unfreeze(): void {
    const origin = this.room?.origin;
    if (this.room && origin) unfreezeCamera(this.room.doc, origin);
  }

  /** Shows the stage full screen, or leaves full screen. */
  async toggleFullscreen(): Promise<void> {
    if (this.shadowRoot?.fullscreenElement) await document.exitFullscreen();
    else await this.renderRoot.querySelector<HTMLElement>('[part~="stage"]')?.requestFullscreen();
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  #transform() {
    return { rotation: this.rotation, mirror: this.mirror, crop: this.crop };
  }

  #tokens(): MediaTokenSource | undefined {
    if (this.mediaTokens) return this.mediaTokens;
    if (!this.tokenUrl) return undefined;
    const room = this.room;
    return () => fetchMediaToken(this.tokenUrl, room?.fetchInit?.() ?? {});
  }

  #autoStart(): void {
    if (this.activeMode === 'viewer') {
      if (!this.#connectTried && this.room && (this.#tokens() || !this.media.needsTokens) && this.media.status === 'idle') void this.connect();
    } else if (this.autostart && !this._camera && !this._problem && !this.#connectTried) {
      this.#connectTried = true;
      void this.openCamera();
    }
  }

  #mediaFailed(error: MediaError): void {
    this._mediaFailure = error.status;
  }

  async #retransform(): Promise<void> {
    const camera = this._camera;
    if (!camera) return;
    const previous = this.#outgoing;
    this.#outgoing = transformedTrack(camera, this.#transform());
    if (this._publishing && previous?.track !== this.#outgoing.track) await this.media.replaceTrack(this.#outgoing.track);
    previous?.stop();
    this.requestUpdate();
  }

  #releaseCamera(): void {
    this.#outgoing?.stop();
    this.#outgoing = undefined;
    if (this._camera && this.#ownsCamera) this._camera.stop();
    this._camera = undefined;
    this._sender = undefined;
  }

  async #shutdown(): Promise<void> {
    this.#stopStats();
    this._publishing = false;
    this.#releaseCamera();
    this.#connectTried = false;
    await this.media.disconnect();
  }

  #startStats(): void {
    this.#stopStats();
    const sample = async () => {
      this._sender = await this.media.senderSample();
    };
    void sample();
    this.#statsTimer = window.setInterval(() => void sample(), 2000);
  }

  #stopStats(): void {
    clearInterval(this.#statsTimer);
    this.#statsTimer = 0;
  }

  #listen(media: DocCameraMedia | undefined): void {
    if (media === this.#listened) return;
    this.#listened?.removeEventListener('change', this.#onSession);
    this.#listened = media;
    media?.addEventListener('change', this.#onSession);
  }

  /** Source: answers a freeze request from another venue (once per request). */
  #answerRequest(): void {
    const request = this.#camera.request;
    if (!request || this.#camera.freeze || request.at === this.#answeredRequest) return;
    if (this.activeMode !== 'source' || !this._publishing || !this.mayShare || this._busy) return;
    this.#answeredRequest = request.at;
    void this.captureStill({ freeze: true, requestedBy: request.by }).catch(() => {});
  }

  #sessionChanged(): void {
    const cameras = this.media.cameras;
    const chosen = cameras.find((c) => c.track && (!this.venue || c.venue === this.venue));
    if (this._receiving && !chosen) this._lost = true;
    if (chosen) this._lost = false;
    if (chosen?.track !== this._receiving?.track) this._received = undefined;
    this._receiving = chosen;
    this.requestUpdate();
  }

  /** Puts the right picture in the `<video>`: the outgoing preview, or the received track. */
  #attachPicture(): void {
    const video = this.videoElement;
    if (!video) return;
    if (this.activeMode === 'source') {
      const track = this.#outgoing?.track;
      const current = (video.srcObject as MediaStream | null)?.getVideoTracks()[0];
      if (track && current !== track) video.srcObject = new MediaStream([track]);
      else if (!track && video.srcObject) video.srcObject = null;
      if (track) void video.play().catch(() => {});
    } else {
      const track = this._receiving?.track;
      const attached = (video.srcObject as MediaStream | null)?.getVideoTracks()[0];
      if (track && attached !== track) {
        video.srcObject = new MediaStream([track]);
        void video.play().catch(() => {});
      } else if (!track && video.srcObject) video.srcObject = null;
    }
  }

  #stateText(state: DocCameraState): string {
    return this.#locale.t(`doc-camera.state.${state}`);
  }

  #venueName(id: string): string {
    const doc = this.room?.doc;
    return (doc && readVenues(doc).find((v) => v.id === id)?.name) || id;
  }

  #view(): ViewModel {
    const t = this.#locale.t.bind(this.#locale) as ViewModel['t'];
    const source = this.activeMode === 'source';
    const freeze = this.#camera.freeze;
    const publisher = source
      ? this._publishing && this.room?.origin
        ? { name: this.room.origin.actor.name, venue: this.#venueName(this.room.origin.actor.venue) }
        : undefined
      : this._receiving
        ? { name: this._receiving.name, venue: this.#venueName(this._receiving.venue) }
        : undefined;
    return {
      t,
      state: this._state,
      source,
      announcement: this._announcement,
      frozen: freeze
        ? {
            url: this.#camera.stillUrl,
            failed: this.#camera.stillFailed,
            by: freeze.byName,
            venue: this.#venueName(freeze.venue),
            time: new Date(freeze.at).toLocaleTimeString(this.#locale.value, { hour12: false }),
          }
        : undefined,
      publisher,
      sender: source && this._publishing ? this._sender : undefined,
      received: !source ? this._received : undefined,
      cameraOpen: !!this._camera,
      publishing: this._publishing,
      busy: this._busy || this._publishPending,
      mayShare: this.mayShare,
      mayCapture: this.mayCapture && !!this._camera,
      mayFreeze: this.mayFreeze,
      freezeRequested: !!this.#camera.request && !freeze,
      receiving: !!this._receiving,
      devices: this._devices,
      deviceId: this._camera?.getSettings().deviceId,
      resolution: this.resolution,
      venues: this.media.cameras.map((c) => ({ id: c.venue, name: this.#venueName(c.venue) })),
      venue: this.venue,
      fit: this.fit,
      mirror: this.mirror,
      rotation: this.rotation,
      crop: !!this.crop,
      zoomRegion: this.zoomRegion,
      selecting: this.#region.mode,
      drag: this.#region.drag,
      fullscreen: this._fullscreen,
      on: {
        openCamera: () => void this.openCamera(),
        closeCamera: () => void this.closeCamera(),
        publish: () => void this.publish(),
        unpublish: () => void this.unpublish(),
        capture: () => void this.captureStill().catch(() => {}),
        freeze: () => void this.freeze().catch(() => {}),
        unfreeze: () => this.unfreeze(),
        retry: () => void this.retry(),
        rotate: () => (this.rotation = (((this.rotation + 90) % 360) as Rotation)),
        toggleMirror: () => (this.mirror = !this.mirror),
        startCrop: () => this.#region.toggle('crop'),
        resetCrop: () => (this.crop = undefined),
        toggleFit: () => (this.fit = this.fit === 'contain' ? 'cover' : 'contain'),
        startZoom: () => this.#region.toggle('zoom'),
        resetZoom: () => (this.zoomRegion = undefined),
        fullscreen: () => void this.toggleFullscreen().catch(() => {}),
        chooseDevice: (id: string) => {
          rememberDevice(id);
          void this.openCamera(id);
        },
        chooseResolution: (r: Resolution) => {
          this.resolution = r;
          if (this._camera && this.#ownsCamera) void this.openCamera(this._camera.getSettings().deviceId);
        },
        chooseVenue: (id: string) => {
          this.venue = id;
          this.#sessionChanged();
        },
        videoResize: (video: HTMLVideoElement) => {
          if (!source) this._received = { width: video.videoWidth, height: video.videoHeight };
        },
        pointerDown: (e: PointerEvent, stage: HTMLElement) => this.#region.pointerDown(e, stage),
        pointerMove: (e: PointerEvent, stage: HTMLElement) => this.#region.pointerMove(e, stage),
        pointerUp: (_e: PointerEvent, stage: HTMLElement) => this.#region.pointerUp(stage),
        keyDown: (e: KeyboardEvent) => {
          if (e.key !== 'Escape') return;
          if (this.#region.cancel()) e.preventDefault();
          else if (this.zoomRegion) {
            this.zoomRegion = undefined;
            e.preventDefault();
          }
        },
      },
    };
  }
}
