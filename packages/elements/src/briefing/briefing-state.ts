/**
 * A reactive controller that projects the room's briefing, its agenda entries, venues, evidence
 * titles and presence into one plain, immutable value for `render()` (house style 9). It re-reads
 * once after each transaction that touched the roots it reads, and on awareness changes; a change
 * of annotations only asks for a render (the presenter's callout buttons read them then). Invalid
 * remote records are skipped by the model readers.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readBriefing, readEvidence, readPeers, readTimeline, readVenues, roots, type Briefing, type Peer, type TimelineEntry, type Venue } from '@huishen/model';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/** What `<hs-briefing>` renders from. */
export interface BriefingSnapshot {
  readonly briefing: Briefing;
  /** The timeline's agenda entries (the section timer is derived from them). */
  readonly agenda: readonly TimelineEntry[];
  readonly venues: readonly Venue[];
  /** Evidence titles by id (anchors name their evidence). */
  readonly evidenceTitles: ReadonlyMap<string, string>;
  /** Valid remote peers. */
  readonly peers: readonly Peer[];
}

const EMPTY: BriefingSnapshot = { briefing: { presenterId: undefined, position: undefined, nodes: [] }, agenda: [], venues: [], evidenceTitles: new Map(), peers: [] };

/** Options of a {@link BriefingStateController}. */
export interface BriefingStateOptions {
  /** Called after the document part of the value changed. */
  onDocument?: (value: BriefingSnapshot) => void;
  /** Called after presence changed. */
  onPresence?: (value: BriefingSnapshot) => void;
}

/** Keeps {@link value} in step with a room's document and presence. */
export class BriefingStateController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: BriefingStateOptions;
  #doc: Y.Doc | undefined;
  #awareness: Awareness | undefined;
  #value: BriefingSnapshot = EMPTY;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: BriefingStateOptions = {}) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The current projection. */
  get value(): BriefingSnapshot {
    return this.#value;
  }

  /** Points the controller at a room's document and presence (either may be absent). */
  setRoom(doc: Y.Doc | undefined, awareness: Awareness | undefined): void {
    if (doc === this.#doc && awareness === this.#awareness) return;
    this.#unsubscribe();
    this.#doc = doc;
    this.#awareness = awareness;
    if (this.#connected) this.#subscribe();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe();
  }

  #subscribe(): void {
    this.#doc?.on('afterTransaction', this.#onTransaction);
    this.#awareness?.on('change', this.#onPresence);
    this.#readDocument();
    this.#readPresence();
  }

  #unsubscribe(): void {
    this.#doc?.off('afterTransaction', this.#onTransaction);
    this.#awareness?.off('change', this.#onPresence);
  }

  /**
   * One read per transaction that touched what the briefing shows (a presenter move writes the
   * position and an agenda entry together: one read, not two). Annotations only matter for the
   * presenter's callout buttons, which read them at render time: a change there only re-renders.
   */
  #onTransaction = (transaction: Y.Transaction): void => {
    const r = roots(transaction.doc);
    const changed = transaction.changedParentTypes as Map<unknown, unknown>;
    const own = transaction.changed as Map<unknown, unknown>;
    const touched = (type: unknown) => changed.has(type) || own.has(type);
    if ([r.briefing, r.outline, r.outlineOrder, r.timeline, r.venues, r.evidence].some(touched)) this.#readDocument();
    else if (touched(r.annotations)) this.#host.requestUpdate();
  };

  #readDocument(): void {
    const doc = this.#doc;
    const report = (invalid: { collection: string; id: string; issues: readonly string[] }) =>
      console.warn(`hs-briefing: skipped an invalid ${invalid.collection} record ${invalid.id}`, invalid.issues);
    this.#value = doc
      ? {
          ...this.#value,
          briefing: readBriefing(doc, report),
          agenda: readTimeline(doc).filter((e) => e.kind === 'agenda'),
          venues: readVenues(doc),
          evidenceTitles: new Map(readEvidence(doc).map((e) => [e.id, e.title])),
        }
      : { ...EMPTY, peers: this.#value.peers };
    this.#host.requestUpdate();
    this.#options.onDocument?.(this.#value);
  }

  #readPresence(): void {
    this.#value = { ...this.#value, peers: this.#awareness ? readPeers(this.#awareness) : [] };
    this.#host.requestUpdate();
    this.#options.onPresence?.(this.#value);
  }

  #onPresence = (): void => this.#readPresence();
}
