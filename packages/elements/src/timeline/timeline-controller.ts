/**
 * Projects a room's document to what `<hs-timeline>` renders: the valid timeline entries in
 * order, plus the venues, evidence, outline, presenter and time zone the entries refer to.
 *
 * How to think about it: the timeline is append-only and long (thousands of entries), while a
 * change touches one entry. So each entry map is validated once and its result cached against
 * the map; a change invalidates only the maps it touched. A new `value` (a fresh immutable
 * object) is published after every transaction that touched the roots it reads.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as Y from 'yjs';
import {
  readBriefing,
  readEvidence,
  readMeta,
  readRecord,
  readVenues,
  roots,
  timelineEntrySchema,
  type Evidence,
  type InvalidRecord,
  type OutlineNode,
  type TimelineEntry,
  type Venue,
} from '@huishen/model';

/** What the controller publishes. Every field is a fresh value after a change; never mutated. */
export interface TimelineSnapshot {
  readonly entries: readonly TimelineEntry[];
  readonly venues: ReadonlyMap<string, Venue>;
  readonly evidence: ReadonlyMap<string, Evidence>;
  readonly nodes: readonly OutlineNode[];
  readonly presenterId: string | undefined;
  /** `meta.timeZone`, when the room has one. */
  readonly timeZone: string | undefined;
}

export const EMPTY_SNAPSHOT: TimelineSnapshot = Object.freeze({
  entries: [],
  venues: new Map(),
  evidence: new Map(),
  nodes: [],
  presenterId: undefined,
  timeZone: undefined,
});

/** Options of a {@link TimelineController}. */
export interface TimelineControllerOptions {
  /** Called after `value` changed (after the host was asked to update). */
  readonly onChange?: (value: TimelineSnapshot, previous: TimelineSnapshot) => void;
  /** Called for each record skipped as invalid. */
  readonly onInvalid?: (invalid: InvalidRecord) => void;
}

type Cached = { entry: TimelineEntry } | { invalid: InvalidRecord };

export class TimelineController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: TimelineControllerOptions;
  #doc: Y.Doc | undefined;
  #value: TimelineSnapshot = EMPTY_SNAPSHOT;
  #cache = new WeakMap<Y.Map<unknown>, Cached>();
  #unobserve: (() => void) | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: TimelineControllerOptions = {}) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The current projection. */
  get value(): TimelineSnapshot {
    return this.#value;
  }

  /** Points the controller at a room's document (or none). */
  setDoc(doc: Y.Doc | undefined): void {
    if (doc === this.#doc) return;
    this.#unobserve?.();
    this.#unobserve = undefined;
    this.#doc = doc;
    this.#cache = new WeakMap();
    if (this.#connected) this.#subscribe();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unobserve?.();
    this.#unobserve = undefined;
  }

  #subscribe(): void {
    this.#unobserve?.();
    const doc = this.#doc;
    if (!doc) {
      this.#publish(EMPTY_SNAPSHOT);
      return;
    }
    const r = roots(doc);
    const onTimeline = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      for (const event of events) if (event.target instanceof Y.Map) this.#cache.delete(event.target as Y.Map<unknown>);
      this.#refresh({ timeline: true });
    };
    const onContext = () => this.#refresh({ context: true });
    r.timeline.observeDeep(onTimeline);
    const contextTypes: (Y.Map<unknown> | Y.Array<unknown>)[] = [r.meta, r.venues, r.evidence, r.evidenceOrder, r.outline, r.outlineOrder, r.briefing];
    for (const type of contextTypes) type.observeDeep(onContext);
    this.#unobserve = () => {
      r.timeline.unobserveDeep(onTimeline);
      for (const type of contextTypes) type.unobserveDeep(onContext);
    };
    this.#refresh({ timeline: true, context: true });
  }

  #readEntries(doc: Y.Doc): TimelineEntry[] {
    const out: TimelineEntry[] = [];
    const seen = new Set<string>();
    let index = 0;
    for (const item of roots(doc).timeline) {
      const i = index++;
      if (!(item instanceof Y.Map)) {
        this.#options.onInvalid?.({ collection: 'timeline', id: `#${i}`, issues: ['not a map'] });
        continue;
      }
      const map = item as Y.Map<unknown>;
      let cached = this.#cache.get(map);
      if (!cached) {
        const key = typeof map.get('id') === 'string' ? (map.get('id') as string) : `#${i}`;
        const result = readRecord(timelineEntrySchema, map, key);
        cached = result.ok ? { entry: result.value } : { invalid: { collection: 'timeline', id: key, issues: result.issues } };
        this.#cache.set(map, cached);
        if ('invalid' in cached) this.#options.onInvalid?.(cached.invalid);
      }
      if ('entry' in cached) {
        if (seen.has(cached.entry.id)) continue; // a duplicate id (hostile peer): the first one stands
        seen.add(cached.entry.id);
        out.push(cached.entry);
      }
    }
    return out;
  }

  #refresh(what: { timeline?: boolean; context?: boolean }): void {
    const doc = this.#doc;
    if (!doc) return;
    const previous = this.#value;
    const report = this.#options.onInvalid;
    let context: Omit<TimelineSnapshot, 'entries'> = previous;
    if (what.context || previous === EMPTY_SNAPSHOT) {
      const briefing = readBriefing(doc, report);
      context = {
        venues: new Map(readVenues(doc, report).map((v) => [v.id, v])),
        evidence: new Map(readEvidence(doc, report).map((e) => [e.id, e])),
        nodes: briefing.nodes,
        presenterId: briefing.presenterId,
        timeZone: readMeta(doc, report).timeZone,
      };
    }
    const entries = what.timeline || previous === EMPTY_SNAPSHOT ? this.#readEntries(doc) : previous.entries;
    this.#publish({ ...context, entries });
  }

  #publish(value: TimelineSnapshot): void {
    const previous = this.#value;
    this.#value = value;
    this.#host.requestUpdate();
    this.#options.onChange?.(value, previous);
  }
}
