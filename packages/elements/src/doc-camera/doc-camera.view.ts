/**
 * The template of `<hs-doc-camera>`: a pure function of a view model, so the element class holds
 * behaviour and this file holds markup. Every string comes from the catalogs through `t`; user
 * text (names, venue names) is only ever bound as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { MessageArgs, MessageKey } from '../i18n/messages.js';
import { RESOLUTIONS, type Resolution } from './camera-access.js';
import type { SenderSample } from './media-session.js';
import { RETRYABLE, type DocCameraState } from './state.js';
import type { Crop, Rotation } from './transform.js';

/** Everything the template needs. */
export interface ViewModel {
  t: <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;
  state: DocCameraState;
  source: boolean;
  announcement: string;
  frozen: { url: string | undefined; failed: boolean; by: string; venue: string; time: string } | undefined;
  publisher: { name: string; venue: string } | undefined;
  sender: SenderSample | undefined;
  received: { width: number; height: number } | undefined;
  cameraOpen: boolean;
  publishing: boolean;
  busy: boolean;
  mayShare: boolean;
  mayCapture: boolean;
  mayFreeze: boolean;
  /** A freeze was requested and not answered yet. */
  freezeRequested: boolean;
  /** Viewer: a feed is shown. */
  receiving: boolean;
  devices: readonly MediaDeviceInfo[];
  deviceId: string | undefined;
  resolution: Resolution;
  venues: readonly { id: string; name: string }[];
  venue: string;
  fit: 'contain' | 'cover';
  mirror: boolean;
  rotation: Rotation;
  crop: boolean;
  zoomRegion: Crop | undefined;
  selecting: 'crop' | 'zoom' | undefined;
  drag: { x0: number; y0: number; x1: number; y1: number } | undefined;
  fullscreen: boolean;
  on: {
    openCamera(): void;
    closeCamera(): void;
    publish(): void;
    unpublish(): void;
    capture(): void;
    freeze(): void;
    unfreeze(): void;
    retry(): void;
    rotate(): void;
    toggleMirror(): void;
    startCrop(): void;
    resetCrop(): void;
    toggleFit(): void;
    startZoom(): void;
    resetZoom(): void;
    fullscreen(): void;
    chooseDevice(id: string): void;
    chooseResolution(r: Resolution): void;
    chooseVenue(id: string): void;
    videoResize(video: HTMLVideoElement): void;
    pointerDown(e: PointerEvent, stage: HTMLElement): void;
    pointerMove(e: PointerEvent, stage: HTMLElement): void;
    pointerUp(e: PointerEvent, stage: HTMLElement): void;
    keyDown(e: KeyboardEvent): void;
  };
}

const MESSAGE_STATES: ReadonlySet<DocCameraState> = new Set([
  'idle',
  'insecure',
  'no-permission',
  'no-device',
  'device-busy',
  'connecting',
  'waiting',
  'reconnecting',
  'ended',
  'unreachable',
  'refused',
]);

function button(label: string, onClick: () => void, options: { pressed?: boolean; disabled?: boolean } = {}): TemplateResult {
  return html`<button
    part="button"
    type="button"
    aria-pressed=${options.pressed === undefined ? nothing : String(options.pressed)}
    ?disabled=${options.disabled ?? false}
    @click=${onClick}
  >
    ${label}
  </button>`;
}

function zoomStyle(region: Crop | undefined): Record<string, string> {
  if (!region) return {};
  const scale = Math.min(1 / region.width, 1 / region.height);
  return { transform: `scale(${scale}) translate(${-region.x * 100}%, ${-region.y * 100}%)`, transformOrigin: '0 0' };
}

function statusLine(m: ViewModel): TemplateResult {
  const { t } = m;
  const parts: string[] = [t(`doc-camera.state.${m.state}`)];
  if (m.frozen) parts.push(t('doc-camera.frozen-by', { name: m.frozen.by, venue: m.frozen.venue, time: m.frozen.time }));
  if (m.publisher) parts.push(t('doc-camera.publisher', { name: m.publisher.name, venue: m.publisher.venue }));
  if (m.sender && m.sender.width > 0) {
    parts.push(t('doc-camera.outgoing', { width: m.sender.width, height: m.sender.height, kbps: Math.round(m.sender.bitrate / 1000) }));
  }
  if (m.received && m.received.width > 0) parts.push(t('doc-camera.receiving', { width: m.received.width, height: m.received.height }));
  return html`<div part="status">${parts.map((p, i) => html`${i > 0 ? html`<span class="sep" aria-hidden="true"> · </span>` : nothing}<span>${p}</span>`)}</div>`;
}

function sourceControls(m: ViewModel): TemplateResult {
  const { t, on } = m;
  return html`
    ${m.devices.length > 1
      ? html`<label
          >${t('doc-camera.device')}
          <select part="select" @change=${(e: Event) => on.chooseDevice((e.target as HTMLSelectElement).value)}>
            ${m.devices.map(
              (d, i) => html`<option value=${d.deviceId} ?selected=${d.deviceId === m.deviceId}>${d.label || `${t('doc-camera.device-default')} ${i + 1}`}</option>`,
            )}
          </select></label
        >`
      : nothing}
    <label
      >${t('doc-camera.resolution')}
      <select part="select" @change=${(e: Event) => on.chooseResolution((e.target as HTMLSelectElement).value as Resolution)}>
        ${RESOLUTIONS.map((r) => html`<option value=${r} ?selected=${r === m.resolution}>${t(`doc-camera.resolution.${r}`)}</option>`)}
      </select></label
    >
    ${m.cameraOpen ? button(t('doc-camera.close-camera'), on.closeCamera) : button(t('doc-camera.open-camera'), on.openCamera)}
    ${m.publishing
      ? button(t('doc-camera.unpublish'), on.unpublish)
      : button(t('doc-camera.publish'), on.publish, { disabled: !m.mayShare || m.busy })}
    ${button(t('doc-camera.rotate'), on.rotate, { disabled: !m.cameraOpen })}
    ${button(t('doc-camera.mirror'), on.toggleMirror, { pressed: m.mirror, disabled: !m.cameraOpen })}
    ${m.crop ? button(t('doc-camera.crop-reset'), on.resetCrop) : button(t('doc-camera.crop'), on.startCrop, { pressed: m.selecting === 'crop', disabled: !m.cameraOpen })}
    ${button(m.busy ? t('doc-camera.capturing') : t('doc-camera.capture'), on.capture, { disabled: !m.mayCapture || m.busy })}
  `;
}

function viewerControls(m: ViewModel): TemplateResult {
  const { t, on } = m;
  return html`
    ${m.venues.length > 1
      ? html`<label
          >${t('doc-camera.source-venue')}
          <select part="select" @change=${(e: Event) => on.chooseVenue((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${m.venue === ''}>${t('doc-camera.any-venue')}</option>
            ${m.venues.map((v) => html`<option value=${v.id} ?selected=${v.id === m.venue}>${v.name}</option>`)}
          </select></label
        >`
      : nothing}
    ${button(m.fit === 'contain' ? t('doc-camera.fill') : t('doc-camera.fit'), on.toggleFit)}
  `;
}

/** The whole template. */
export function renderDocCamera(m: ViewModel): TemplateResult {
  const { t, on } = m;
  const showMessage = MESSAGE_STATES.has(m.state) && !(m.source && m.state === 'connecting');
  const error = m.state === 'insecure' || m.state === 'no-permission' || m.state === 'no-device' || m.state === 'device-busy' || m.state === 'unreachable' || m.state === 'refused';
  const drag = m.drag;
  return html`<div part="base" role="region" aria-label=${t('doc-camera.label')}>
    <div
      part="stage"
      class=${classMap({ selecting: !!m.selecting })}
      tabindex="-1"
      @pointerdown=${(e: PointerEvent) => on.pointerDown(e, e.currentTarget as HTMLElement)}
      @pointermove=${(e: PointerEvent) => on.pointerMove(e, e.currentTarget as HTMLElement)}
      @pointerup=${(e: PointerEvent) => on.pointerUp(e, e.currentTarget as HTMLElement)}
      @keydown=${on.keyDown}
    >
      <div class="media" style=${styleMap(zoomStyle(m.zoomRegion))}>
        <video
          part="video"
          aria-label=${t('doc-camera.video')}
          muted
          playsinline
          autoplay
          ?hidden=${!!m.frozen}
          @resize=${(e: Event) => on.videoResize(e.currentTarget as HTMLVideoElement)}
          @loadedmetadata=${(e: Event) => on.videoResize(e.currentTarget as HTMLVideoElement)}
        ></video>
        ${m.frozen?.url ? html`<img part="still" alt=${t('doc-camera.still')} src=${m.frozen.url} />` : nothing}
      </div>
      ${m.frozen?.failed ? html`<div part="message" class="error">${t('doc-camera.still-unavailable')}</div>` : nothing}
      ${showMessage
        ? html`<div part="message" class=${classMap({ error })}>
            <p>${t(`doc-camera.state.${m.state}`)}</p>
            ${RETRYABLE.has(m.state) ? html`<button part="button retry" type="button" @click=${on.retry}>${t('doc-camera.retry')}</button>` : nothing}
          </div>`
        : nothing}
      ${drag
        ? html`<div
            part="selection"
            style=${styleMap({
              left: `${Math.min(drag.x0, drag.x1)}px`,
              top: `${Math.min(drag.y0, drag.y1)}px`,
              width: `${Math.abs(drag.x1 - drag.x0)}px`,
              height: `${Math.abs(drag.y1 - drag.y0)}px`,
            })}
          ></div>`
        : nothing}
    </div>
    ${statusLine(m)}
    <div part="toolbar" role="toolbar" aria-label=${t('doc-camera.controls')}>
      ${m.source ? sourceControls(m) : viewerControls(m)}
      ${m.source && m.mayFreeze && !m.frozen ? button(t('doc-camera.freeze'), on.freeze, { disabled: !m.mayCapture || m.busy }) : nothing}
      ${!m.source && m.mayFreeze && !m.frozen ? button(m.freezeRequested ? t('doc-camera.freeze-requested') : t('doc-camera.freeze'), on.freeze, { disabled: !m.receiving || m.freezeRequested }) : nothing}
      ${m.frozen && m.mayFreeze ? button(t('doc-camera.unfreeze'), on.unfreeze) : nothing}
      ${m.zoomRegion ? button(t('doc-camera.zoom-reset'), on.resetZoom) : button(t('doc-camera.zoom'), on.startZoom, { pressed: m.selecting === 'zoom' })}
      ${button(m.fullscreen ? t('doc-camera.exit-fullscreen') : t('doc-camera.fullscreen'), on.fullscreen)}
    </div>
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${m.announcement}</div>
  </div>`;
}
