/**
 * A Yjs-bound view of one evidence item's annotations, kept up to date incrementally.
 *
 * How to think about it: the room's `annotations` root is observed deeply; each transaction tells
 * which records it touched, and only those are read again (`readAnnotation`, which validates);
 * every other record keeps its object identity, so caches keyed by the record (bounds, ink
 * outlines) stay warm and a remote edit costs one record, not two thousand. Listeners hear which
 * records changed with their old and new values, so a page can redraw only the region that changed.
 */
import type * as Y from 'yjs';
import { readAnnotation, readAnnotations, roots, type Annotation } from '@huishen/model';

/** One record that changed: `before` absent when added, `after` absent when removed. */
export interface AnnotationDelta {
  readonly id: string;
  readonly before: Annotation | undefined;
  readonly after: Annotation | undefined;
}

/** Options of an {@link AnnotationsView}. */
export interface AnnotationsViewOptions {
  /** The room's document. */
  readonly doc: Y.Doc;
  /** The evidence item whose annotations to keep. */
  readonly evidenceId: string;
  /**
   * Called after each transaction that changed any of the evidence's annotations, with the
   * changes and the transaction's origin (the room's local origin for local writes).
   */
  readonly onChange: (deltas: readonly AnnotationDelta[], origin: unknown) => void;
}

export class AnnotationsView {
  readonly #doc: Y.Doc;
  readonly #evidenceId: string;
  readonly #onChange: AnnotationsViewOptions['onChange'];
  readonly #byId = new Map<string, Annotation>();
  readonly #byPage = new Map<number, Annotation[]>();
  #pagesStale = true;
  #disposed = false;
  #version = 0;

  constructor(options: AnnotationsViewOptions) {
    this.#doc = options.doc;
    this.#evidenceId = options.evidenceId;
    this.#onChange = options.onChange;
    for (const a of readAnnotations(this.#doc, { evidenceId: this.#evidenceId })) this.#byId.set(a.id, a);
    const r = roots(this.#doc);
    r.annotations.observeDeep(this.#onAnnotations);
    r.evidence.observeDeep(this.#onEvidence);
  }

  /** The evidence item this view follows. */
  get evidenceId(): string {
    return this.#evidenceId;
  }

  /** Every valid annotation of the evidence item, by id. */
  get all(): ReadonlyMap<string, Annotation> {
    return this.#byId;
  }

  /** Goes up by one with every change seen (for caches of what is drawn). */
  get version(): number {
    return this.#version;
  }

  /** One annotation, if it exists and is valid. */
  get(id: string): Annotation | undefined {
    return this.#byId.get(id);
  }

  /** The annotations of `page`, oldest first (the drawing order). */
  page(page: number): readonly Annotation[] {
    if (this.#pagesStale) {
      this.#byPage.clear();
      const sorted = [...this.#byId.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      for (const a of sorted) {
        let list = this.#byPage.get(a.page);
        if (!list) this.#byPage.set(a.page, (list = []));
        list.push(a);
      }
      this.#pagesStale = false;
    }
    return this.#byPage.get(page) ?? [];
  }

  /** Stops observing the document. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const r = roots(this.#doc);
    r.annotations.unobserveDeep(this.#onAnnotations);
    r.evidence.unobserveDeep(this.#onEvidence);
  }

  readonly #onAnnotations = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction): void => {
    const touched = new Set<string>();
    const top = roots(this.#doc).annotations;
    for (const event of events) {
      if (event.target === top) for (const key of event.changes.keys.keys()) touched.add(key);
      else {
        const id = event.path[0];
        if (typeof id === 'string') touched.add(id);
      }
    }
    this.#refresh(touched, transaction.origin);
  };

  readonly #onEvidence = (_events: unknown, transaction: Y.Transaction): void => {
    // A page count or the evidence record itself changed: which marks are valid may have changed.
    const ids = new Set(this.#byId.keys());
    for (const a of readAnnotations(this.#doc, { evidenceId: this.#evidenceId })) ids.add(a.id);
    this.#refresh(ids, transaction.origin);
  };

  #refresh(ids: Iterable<string>, origin: unknown): void {
    const deltas: AnnotationDelta[] = [];
    let stale = false;
    for (const id of ids) {
      const before = this.#byId.get(id);
      const read = readAnnotation(this.#doc, id);
      const after = read && read.evidenceId === this.#evidenceId ? read : undefined;
      if (!before && !after) continue;
      if (before && after && before.modifiedAt === after.modifiedAt && JSON.stringify(before) === JSON.stringify(after)) continue;
      if (after) this.#byId.set(id, after);
      else this.#byId.delete(id);
      deltas.push({ id, before, after });
      // An edit that keeps the mark on its page and in its place in the order is swapped in place
      // (a remote drag is a stream of these); anything else re-sorts lazily.
      const list = before && after && before.page === after.page && before.createdAt === after.createdAt ? this.#byPage.get(before.page) : undefined;
      const index = list ? list.indexOf(before!) : -1;
      if (list && index >= 0 && !this.#pagesStale) list[index] = after!;
      else stale = true;
    }
    if (deltas.length === 0) return;
    this.#version++;
    if (stale) this.#pagesStale = true;
    this.#onChange(deltas, origin);
  }
}
