/**
 * The room document's side of the document camera, as a reactive controller: it observes the
 * room's Y.Doc, projects the `camera` root (`readCamera`) to plain values for `render()`, and
 * loads the still every venue is frozen on from the evidence store, checked against its SHA-256.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readCamera, readEvidence, type CameraFreeze, type FreezeRequest } from '@huishen/model';
import type { RoomContextValue } from '../room/room-context.js';
import { loadVerifiedStill } from './frozen-still.js';

/** Options of a {@link CameraStateController}. */
export interface CameraStateOptions {
  /** The room whose document to observe (read again on every change). */
  room(): RoomContextValue | undefined;
  /** Called after the document changed (anything in it: rights may follow the presenter). */
  onChange?(): void;
}

export class CameraStateController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: CameraStateOptions;
  #doc: RoomContextValue['doc'] | undefined;
  #abort: AbortController | undefined;
  #freeze: CameraFreeze | undefined;
  #request: FreezeRequest | undefined;
  #stillUrl: string | undefined;
  #stillFailed = false;
  readonly #onUpdate = () => this.#read();

  constructor(host: ReactiveControllerHost, options: CameraStateOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The freeze in force. */
  get freeze(): CameraFreeze | undefined {
    return this.#freeze;
  }
  /** A pending freeze request. */
  get request(): FreezeRequest | undefined {
    return this.#request;
  }
  /** An object URL of the frozen still, once loaded and verified. */
  get stillUrl(): string | undefined {
    return this.#stillUrl;
  }
  /** True when the frozen still could not be loaded or failed its hash check. */
  get stillFailed(): boolean {
    return this.#stillFailed;
  }

  /** Follows the room's document (call when the room changes). */
  sync(): void {
    const doc = this.#options.room()?.doc;
    if (doc === this.#doc) return;
    this.#doc?.off('update', this.#onUpdate);
    this.#doc = doc;
    doc?.on('update', this.#onUpdate);
    this.#read();
  }

  hostConnected(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.#doc?.off('update', this.#onUpdate);
    this.#doc = undefined;
    this.#freeze = undefined;
    this.#request = undefined;
    this.#dropStill();
  }

  #dropStill(): void {
    this.#abort?.abort();
    if (this.#stillUrl) URL.revokeObjectURL(this.#stillUrl);
    this.#stillUrl = undefined;
    this.#stillFailed = false;
  }

  #read(): void {
    const room = this.#options.room();
    const doc = this.#doc;
    const camera = doc ? readCamera(doc) : { freeze: undefined, request: undefined };
    const before = this.#freeze;
    this.#freeze = camera.freeze;
    this.#request = camera.request;
    const freeze = camera.freeze;
    if (freeze?.evidenceId !== before?.evidenceId || freeze?.at !== before?.at) {
      this.#dropStill();
      const record = freeze && doc ? readEvidence(doc).find((e) => e.id === freeze.evidenceId) : undefined;
      if (record && room) {
        const abort = (this.#abort = new AbortController());
        loadVerifiedStill(room.evidenceUrl(record.sha256), record.sha256, room.fetchInit?.() ?? {}, abort.signal).then(
          (url) => {
            if (abort.signal.aborted) URL.revokeObjectURL(url);
            else this.#stillUrl = url;
            this.#host.requestUpdate();
          },
          () => {
            if (!abort.signal.aborted) this.#stillFailed = true;
            this.#host.requestUpdate();
          },
        );
      }
    }
    this.#options.onChange?.();
    this.#host.requestUpdate();
  }
}
