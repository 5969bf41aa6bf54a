/**
 * Locating the structs of a decoded update in the room's schema: which root, which record, which
 * field. A struct's parent is only encoded when it has no origin, so parents are resolved through
 * origins, in the room's current doc or in the update itself; structs the doc already has are
 * no-ops; an update that depends on structs the server lacks is refused. `inspect.ts` builds the
 * record-level changes on top of this.
 */
import * as Y from 'yjs';
import type { RejectReason } from './protocol.js';
import { isRootName, roots, type Roots, type RootName } from './schema.js';

export type Struct = Y.Item | Y.GC | Y.Skip;

/** Collections whose entries are record maps keyed by id (the timeline is a list of records). */
export const KEYED_ROOTS: ReadonlySet<RootName> = new Set<RootName>(['venues', 'evidence', 'annotations', 'outline']);

/** Where a struct sits in the room. */
export type Place =
  | { at: 'root'; root: RootName; key: string | null }
  | { at: 'field'; record: RecordRef; key: string }
  | { at: 'nowhere' }; // inside something deleted or collected: a no-op

export interface RecordRef {
  root: RootName;
  /** Map key for keyed collections; null for timeline entries. */
  key: string | null;
  /** The struct whose content is the record's Y.Map (doc item or update item). */
  item: Y.Item;
  inUpdate: boolean;
}

/** Why an update is refused, thrown inside the inspection and turned into a verdict. */
export class Refusal extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

/** A map keyed by a Yjs id (client, clock) without building a string per lookup. */
class IdMap<T> {
  private readonly byClient = new Map<number, Map<number, T>>();
  get(id: Y.ID): T | undefined {
    return this.byClient.get(id.client)?.get(id.clock);
  }
  set(id: Y.ID, value: T): void {
    let clocks = this.byClient.get(id.client);
    if (!clocks) this.byClient.set(id.client, (clocks = new Map()));
    clocks.set(id.clock, value);
  }
}

/** An update's structs, placed in the room's schema. */
export class UpdateStructs {
  /** The update's structs per client, in the update's order. */
  protected readonly byClient = new Map<number, Struct[]>();
  /** The same lists sorted by clock (stably); the very same arrays when already in order. */
  protected readonly sortedByClient: Map<number, Struct[]>;
  /** Per client: the structs reachable without a gap from the doc's state (see hasPredecessorInUpdate). */
  protected readonly reachable = new Map<number, Set<Struct>>();
  protected readonly placeCache = new IdMap<Place>();
  protected readonly deletedInUpdate: { clients: Map<number, { clock: number; len: number }[]> };
  protected rootTypes: Roots | undefined;

  constructor(
    protected readonly doc: Y.Doc,
    protected readonly structs: Struct[],
    ds: { clients: Map<number, { clock: number; len: number }[]> },
  ) {
    let sorted = true;
    for (const s of structs) {
      let list = this.byClient.get(s.id.client);
      if (!list) this.byClient.set(s.id.client, (list = []));
      else if (list[list.length - 1]!.id.clock > s.id.clock) sorted = false;
      list.push(s);
    }
    // Decoded updates list each client's structs in clock order; copy and sort only if not.
    this.sortedByClient = sorted ? this.byClient : new Map([...this.byClient].map(([c, list]) => [c, [...list].sort((a, b) => a.id.clock - b.id.clock)]));
    this.deletedInUpdate = ds;
  }

  /** The room's root types (looked up once per update). */
  get roots(): Roots {
    return (this.rootTypes ??= roots(this.doc));
  }

  /** Finds the struct holding `id`, in the update first, then in the doc. */
  protected find(id: Y.ID): { struct: Struct; inUpdate: boolean } | undefined {
    const list = this.byClient.get(id.client);
    if (list) {
      for (const s of list) if (s.id.clock <= id.clock && id.clock < s.id.clock + s.length) return { struct: s, inUpdate: true };
    }
    const structs = this.doc.store.clients.get(id.client);
    if (!structs || id.clock >= Y.getState(this.doc.store, id.client)) return undefined;
    return { struct: structs[Y.findIndexSS(structs, id.clock)] as Struct, inUpdate: false };
  }

  protected isNewStruct(s: Struct): boolean {
    return s.id.clock + s.length > Y.getState(this.doc.store, s.id.client);
  }

  protected isDeletedInUpdate(id: Y.ID): boolean {
    const ranges = this.deletedInUpdate.clients.get(id.client);
    return ranges?.some((r) => r.clock <= id.clock && id.clock < r.clock + r.len) ?? false;
  }

  /** Places a struct in the room's schema. */
  protected place(found: { struct: Struct; inUpdate: boolean }, depth = 0): Place {
    if (depth > 10_000) throw new Refusal('malformed-update', 'origin chain too long');
    const { struct, inUpdate } = found;
    if (!(struct instanceof Y.Item)) {
      if (struct instanceof Y.GC) return { at: 'nowhere' };
      throw new Refusal('unknown-reference', 'update refers to a gap');
    }
    const cached = this.placeCache.get(struct.id);
    if (cached) return cached;
    const result = inUpdate ? this.placeUpdateItem(struct, depth) : this.placeDocItem(struct);
    this.placeCache.set(struct.id, result);
    return result;
  }

  protected placeDocItem(item: Y.Item): Place {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (!parent) return { at: 'nowhere' };
    const parentItem = parent._item;
    if (parentItem === null) {
      const root = Y.findRootTypeKey(parent);
      if (!isRootName(root)) throw new Refusal('unknown-root', `root ${root}`);
      return { at: 'root', root, key: item.parentSub };
    }
    return this.fieldPlace(parentItem, false, item.parentSub);
  }

  protected placeUpdateItem(item: Y.Item, depth: number): Place {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      if (!isRootName(parent)) throw new Refusal('unknown-root', `root ${parent.slice(0, 64)}`);
      return { at: 'root', root: parent, key: item.parentSub };
    }
    if (parent instanceof Y.ID) {
      const found = this.find(parent);
      if (!found) throw new Refusal('unknown-reference', 'parent not found');
      if (!(found.struct instanceof Y.Item)) return { at: 'nowhere' };
      return this.fieldPlace(found.struct, found.inUpdate, item.parentSub);
    }
    // No parent encoded: it is the parent of the left (or right) origin.
    const originId = item.origin ?? item.rightOrigin;
    if (!originId) throw new Refusal('malformed-update', 'item without parent or origin');
    const origin = this.find(originId);
    if (!origin) throw new Refusal('unknown-reference', 'origin not found');
    const originPlace = this.place(origin, depth + 1);
    if (originPlace.at === 'nowhere') return originPlace;
    // Same parent as the origin; the key is the origin's key.
    return originPlace;
  }

  /** The place of a struct whose parent is the content of `parentItem`. */
  protected fieldPlace(parentItem: Y.Item, inUpdate: boolean, key: string | null): Place {
    if (!inUpdate && parentItem.deleted) return { at: 'nowhere' };
    const parentPlace = this.place({ struct: parentItem, inUpdate });
    if (parentPlace.at === 'nowhere') return parentPlace;
    if (parentPlace.at !== 'root' || !(parentItem.content instanceof Y.ContentType)) {
      throw new Refusal('invalid-record', 'records hold only plain values');
    }
    const root = parentPlace.root;
    const isRecord = KEYED_ROOTS.has(root) ? parentPlace.key !== null : root === 'timeline';
    if (!isRecord || !(parentItem.content.type instanceof Y.Map)) throw new Refusal('invalid-record', `no nested types in ${root}`);
    if (key === null) throw new Refusal('invalid-record', 'record fields need a key');
    return { at: 'field', record: { root, key: parentPlace.key, item: parentItem, inUpdate }, key };
  }

  protected hasPredecessorInUpdate(struct: Struct): boolean {
    const client = struct.id.client;
    let reachable = this.reachable.get(client);
    if (!reachable) {
      // The update must cover every clock from the doc's state up to a struct: walk the client's
      // structs in clock order once and keep those reached before the first gap.
      reachable = new Set();
      let clock = Y.getState(this.doc.store, client);
      for (const s of this.sortedByClient.get(client) ?? []) {
        if (s.id.clock > clock) break;
        reachable.add(s);
        clock = Math.max(clock, s.id.clock + s.length);
      }
      this.reachable.set(client, reachable);
    }
    return reachable.has(struct);
  }

  protected liveRecordItem(root: RootName, key: string): Y.Item | undefined {
    const type = (this.roots[root] as unknown as { _map: Map<string, Y.Item> })._map;
    const item = type.get(key);
    return item && !item.deleted ? item : undefined;
  }

  protected forEachDeletedDocItem(f: (item: Y.Item) => void): void {
    for (const [client, ranges] of this.deletedInUpdate.clients) {
      const structs = this.doc.store.clients.get(client);
      const state = Y.getState(this.doc.store, client);
      for (const { clock, len } of ranges) {
        if (len <= 0) continue;
        if (clock + len > state) {
          // Beyond what the doc has: it must be covered by the update's own structs.
          const end = clock + len;
          const start = Math.max(clock, state);
          if (!this.updateCovers(client, start, end)) throw new Refusal('unknown-reference', 'deletes unknown structs');
        }
        if (!structs || clock >= state) continue;
        let index = Y.findIndexSS(structs, clock);
        for (; index < structs.length; index++) {
          const s = structs[index] as Struct;
          if (s.id.clock >= clock + len) break;
          if (s instanceof Y.Item && !s.deleted) f(s);
        }
      }
    }
  }

  protected updateCovers(client: number, start: number, end: number): boolean {
    let clock = start;
    for (const s of this.sortedByClient.get(client) ?? []) {
      if (s.id.clock > clock) break;
      clock = Math.max(clock, s.id.clock + s.length);
      if (clock >= end) return true;
    }
    return clock >= end;
  }

}
