/**
 * A reactive controller that projects one evidence item's annotations (and the room's venues and
 * time zone) from the shared document to a plain immutable value for `render()`, and reports
 * marks that other people added, for announcements.
 *
 * It observes the `annotations` and `venues` roots deeply and re-reads at most once per
 * microtask; remote additions are the keys a transaction with another origin than the room's
 * local one added to `annotations` while the room was synced (not what a sync catches up on).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readAnnotations, readMeta, readVenues, roots, type Annotation, type Venue } from '@huishen/model';
import type * as Y from 'yjs';
import type { RoomContextValue } from '../room/room-context.js';

/** What the controller projects. */
export interface AnnotationsSnapshot {
  /** The evidence item's valid annotations, oldest first. */
  readonly annotations: readonly Annotation[];
  /** The room's venues, by id. */
  readonly venues: ReadonlyMap<string, Venue>;
  /** The room's IANA time zone, if it set one. */
  readonly timeZone: string | undefined;
}

/** Options of {@link AnnotationsController}. */
export interface AnnotationsControllerOptions {
  /** The room to read (re-read on every host update, so a new room is picked up). */
  room(): RoomContextValue | undefined;
  /** The evidence item whose annotations to project. */
  evidenceId(): string;
  /** Called with annotations other people just added (after the value was updated). */
  onRemoteAdded?(added: readonly Annotation[]): void;
}

const EMPTY: AnnotationsSnapshot = Object.freeze({ annotations: [], venues: new Map(), timeZone: undefined });

export class AnnotationsController implements ReactiveController {
  /** The current projection. */
  value: AnnotationsSnapshot = EMPTY;
  readonly #host: ReactiveControllerHost;
  readonly #options: AnnotationsControllerOptions;
  #doc: Y.Doc | undefined;
  #evidenceId = '';
  #unobserve: (() => void) | undefined;
  #queued = false;
  #added = new Set<string>();

  constructor(host: ReactiveControllerHost, options: AnnotationsControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#rebind();
  }

  hostUpdate(): void {
    this.#rebind();
  }

  hostDisconnected(): void {
    this.#unobserve?.();
    this.#unobserve = undefined;
    this.#doc = undefined;
  }

  #rebind(): void {
    const room = this.#options.room();
    const doc = room?.doc;
    const evidenceId = this.#options.evidenceId();
    if (doc === this.#doc && evidenceId === this.#evidenceId && this.#unobserve) return;
    this.#unobserve?.();
    this.#unobserve = undefined;
    this.#doc = doc;
    this.#evidenceId = evidenceId;
    if (!doc) {
      this.value = EMPTY;
      return;
    }
    const { annotations, venues, meta } = roots(doc);
    const onAnnotations = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
      const local = room?.origin !== undefined && transaction.origin === room.origin;
      // What a (re)connection brings in is catching up, not news: only live additions are announced.
      const live = room?.connection === undefined || room.connection.status === 'synced';
      if (!local && live) {
        for (const event of events) {
          if (event.target !== annotations) continue;
          event.changes.keys.forEach((change, key) => change.action === 'add' && this.#added.add(key));
        }
      }
      this.#queue();
    };
    const onOther = () => this.#queue();
    annotations.observeDeep(onAnnotations);
    venues.observeDeep(onOther);
    meta.observe(onOther);
    this.#unobserve = () => {
      annotations.unobserveDeep(onAnnotations);
      venues.unobserveDeep(onOther);
      meta.unobserve(onOther);
    };
    this.#read();
  }

  #queue(): void {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (!this.#doc) return;
      this.#read();
      this.#host.requestUpdate();
    });
  }

  #read(): void {
    const doc = this.#doc!;
    const annotations = this.#evidenceId ? readAnnotations(doc, { evidenceId: this.#evidenceId }) : [];
    this.value = Object.freeze({
      annotations,
      venues: new Map(readVenues(doc).map((v) => [v.id, v])),
      timeZone: readMeta(doc).timeZone,
    });
    if (this.#added.size > 0) {
      const added = annotations.filter((a) => this.#added.has(a.id));
      this.#added.clear();
      if (added.length > 0) this.#options.onRemoteAdded?.(added);
    }
  }
}
