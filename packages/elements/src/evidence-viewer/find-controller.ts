/**
 * The find session of one document: runs a query over every page's text (page by page, so the
 * count grows while a long file is searched and a new query cancels the old search), keeps the
 * matches and which one is current, and tells the page views what to highlight.
 */
import type { PdfDocumentHandle } from '../pdf/engine.js';
import { findInPage, fold, foldQuery, type FindMatch, type FoldedText } from './find.js';

/** Where a search stands. */
export interface FindState {
  /** The query as typed. */
  readonly query: string;
  /** All matches found so far, in document order. */
  readonly matches: readonly FindMatch[];
  /** Index of the current match in `matches`, or -1. */
  readonly index: number;
  /** True until every page was searched. */
  readonly searching: boolean;
}

/** Options of a {@link FindController}. */
export interface FindControllerOptions {
  /** Called whenever the state changed (new matches, another current match, done). */
  readonly onChange: (state: FindState) => void;
}

const empty: FindState = Object.freeze({ query: '', matches: [], index: -1, searching: false });

export class FindController {
  readonly #options: FindControllerOptions;
  #doc: PdfDocumentHandle | undefined;
  readonly #folded = new Map<number, Promise<FoldedText>>();
  #state: FindState = empty;
  #run = 0;

  constructor(options: FindControllerOptions) {
    this.#options = options;
  }

  get state(): FindState {
    return this.#state;
  }

  /** The document to search (or none); clears the search. */
  setDocument(doc: PdfDocumentHandle | undefined): void {
    this.#doc = doc;
    this.#folded.clear();
    this.#run++;
    this.#set(empty);
  }

  #text(page: number): Promise<FoldedText> {
    let folded = this.#folded.get(page);
    if (!folded) {
      folded = this.#doc!.getPage(page)
        .then((p) => p.text())
        .then((content) => fold(content.items.map((item) => item.str ?? '')));
      folded.catch(() => this.#folded.delete(page));
      this.#folded.set(page, folded);
    }
    return folded;
  }

  /** Searches for `query`; the first match at or after `fromPage` becomes current. */
  async search(query: string, fromPage: number): Promise<void> {
    const run = ++this.#run;
    const needle = foldQuery(query);
    const doc = this.#doc;
    if (!needle || !doc) {
      this.#set({ ...empty, query });
      return;
    }
    this.#set({ query, matches: [], index: -1, searching: true });
    const matches: FindMatch[] = [];
    for (let page = 1; page <= doc.numPages; page++) {
      let folded: FoldedText;
      try {
        folded = await this.#text(page);
      } catch {
        continue; // a page whose text cannot be read has no matches
      }
      if (run !== this.#run) return;
      const found = findInPage(folded, needle, page);
      if (found.length === 0) continue;
      matches.push(...found);
      let index = this.#state.index;
      if (index < 0) {
        const at = matches.findIndex((m) => m.page >= fromPage);
        index = at;
      }
      this.#set({ query, matches: [...matches], index, searching: true });
    }
    if (run !== this.#run) return;
    const index = this.#state.index < 0 && matches.length > 0 ? 0 : this.#state.index;
    this.#set({ query, matches, index, searching: false });
  }

  /** Moves to the next (`+1`) or previous (`-1`) match, wrapping around. */
  step(direction: 1 | -1): FindMatch | undefined {
    const { matches, index } = this.#state;
    if (matches.length === 0) return undefined;
    const next = index < 0 ? (direction > 0 ? 0 : matches.length - 1) : (index + direction + matches.length) % matches.length;
    this.#set({ ...this.#state, index: next });
    return matches[next];
  }

  /** The current match. */
  get current(): FindMatch | undefined {
    return this.#state.matches[this.#state.index];
  }

  /** Stops searching and forgets the query. */
  clear(): void {
    this.#run++;
    this.#set(empty);
  }

  #set(state: FindState): void {
    this.#state = state;
    this.#options.onChange(state);
  }
}
