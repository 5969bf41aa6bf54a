/**
 * `<hs-sync-status>` says, in the reader's language, whether this venue is connected to the
 * review room and whether everything it changed is safely stored on the server. It is a pure
 * view: inside a room (`connectRoom`, `<hs-room>` or any `roomContext` provider with a
 * `connection`) it follows the room's connection; outside one, whoever owns the connection sets
 * `status` and `unsaved`. It renders them, reflects `status` for CSS and announces changes
 * politely to screen readers.
 */
import { consume } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { HsSyncStatusChangeEvent } from '../events/sync-status-change-event.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { isConnectionStatus, type ConnectionStatus } from '../room/connection-status.js';
import { roomContext, type RoomConnection, type RoomContextValue } from '../room/room-context.js';
import { styles } from './sync-status.styles.js';

/** The status as displayed: an unknown value (from an attribute or plain JS) shows as `connecting`. */
function shown(status: unknown): ConnectionStatus {
  return isConnectionStatus(status) ? status : 'connecting';
}

/**
 * The room connection state and the number of changes not yet saved, as one short status line:
 * 已连接 · 所有更改已保存, 离线 · 3 项更改尚未保存, Connecting…
 *
 * The language follows the nearest `lang` attribute (`zh-CN` and friends → Simplified Chinese,
 * `zh-TW`/`zh-HK`/`zh-MO` → Traditional Chinese, `en` → English; Simplified Chinese otherwise)
 * and updates when that attribute changes. The line is a polite live region (`role="status"`).
 *
 * @summary The room's connection state and unsaved-change count as a localised live status line.
 *
 * @csspart base - The status line; the live region (`role="status"`).
 * @csspart indicator - The state mark before the text: pulsing (connecting), solid (synced),
 *   hollow (offline), square (denied).
 * @csspart label - The connection state in words.
 * @csspart separator - The mark between the state and the saved/unsaved text.
 * @csspart detail - "All changes saved" or "N changes not yet saved"; absent when there is
 *   nothing to say (connecting or denied with nothing unsaved).
 *
 * @cssproperty --hs-sync-status-color - Text colour. Falls back to `--hs-sys-color-on-surface`.
 * @cssproperty --hs-sync-status-separator-color - Separator colour. Falls back to
 *   `--hs-sys-color-on-surface-variant`.
 * @cssproperty --hs-sync-status-connecting-color - Indicator while connecting. Falls back to
 *   `--hs-sys-color-pending`.
 * @cssproperty --hs-sync-status-synced-color - Indicator when synced. Falls back to
 *   `--hs-sys-color-success`.
 * @cssproperty --hs-sync-status-offline-color - Indicator when offline. Falls back to
 *   `--hs-sys-color-on-surface-variant`.
 * @cssproperty --hs-sync-status-denied-color - Indicator when access is denied. Falls back to
 *   `--hs-sys-color-error`.
 * @cssproperty --hs-sync-status-indicator-size - Diameter of the indicator. Default `0.5em`.
 * @cssproperty --hs-sync-status-gap - Space between the indicator and the text. Default `0.5em`.
 *
 * @event {HsSyncStatusChangeEvent} hs-sync-status-change - After `status` changed (not for the
 *   first value). `event.status` and `event.previousStatus` hold the new and the old status.
 */
export class HsSyncStatus extends LitElement {
  static override styles = styles;

  /**
   * The room connection state: `connecting`, `synced`, `offline` or `denied`. Reflected to the
   * `status` attribute so pages can style on it (`hs-sync-status[status='offline']`). An unknown
   * value is shown as `connecting`.
   */
  @property({ attribute: 'status', reflect: true }) status: ConnectionStatus = 'connecting';

  /** How many local changes the server has not yet confirmed as stored. */
  @property({ attribute: 'unsaved', type: Number }) unsaved = 0;

  /**
   * The room, from any `roomContext` provider. When it has a `connection`, `status` and
   * `unsaved` follow it (and setting them by hand is overwritten on its next change).
   */
  @consume({ context: roomContext, subscribe: true })
  @state()
  room?: RoomContextValue;

  /** @internal */
  readonly #locale = new LocaleController(this);

  /** @internal The connection followed now. */
  #connection: RoomConnection | undefined;

  /** @internal */
  readonly #onConnectionChange = (): void => {
    const connection = this.#connection;
    if (!connection) return;
    this.status = connection.status;
    this.unsaved = connection.unsaved;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#follow(this.room?.connection);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#follow(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) this.#follow(this.room?.connection);
  }

  /** @internal Listens to `connection` (and no other) and takes its current values. */
  #follow(connection: RoomConnection | undefined): void {
    if (connection === this.#connection) return;
    this.#connection?.removeEventListener('change', this.#onConnectionChange);
    this.#connection = connection;
    connection?.addEventListener('change', this.#onConnectionChange);
    this.#onConnectionChange();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('status')) return;
    const previous = changed.get('status');
    if (previous === undefined) return; // the first value is not a change
    const [now, before] = [shown(this.status), shown(previous)];
    if (now === before) return;
    // Built first, then dispatched: the manifest analyzer would otherwise list a second,
    // nameless event next to the documented `@event`.
    const event = new HsSyncStatusChangeEvent(now, before);
    this.dispatchEvent(event);
  }

  protected override render() {
    const status = shown(this.status);
    const unsaved = Number.isFinite(this.unsaved) ? Math.max(0, Math.floor(this.unsaved)) : 0;
    const label = this.#locale.t(`sync-status.${status}`);
    let detail = '';
    if (unsaved > 0) detail = this.#locale.plural('sync-status.unsaved', unsaved);
    else if (status === 'synced' || status === 'offline') detail = this.#locale.t('sync-status.all-saved');

    return html`<span part="base" role="status" aria-live="polite" aria-atomic="true"
      ><span part="indicator" aria-hidden="true"></span><span part="label">${label}</span
      >${detail
        ? html`<span part="separator">${this.#locale.t('sync-status.separator')}</span
            ><span part="detail">${detail}</span>`
        : nothing}</span
    >`;
  }
}
