/**
 * Find in text. Case files mix Chinese with Latin letters and digits, often in full-width forms,
 * and PDF producers break lines and insert spaces between CJK characters freely. So matching is
 * on a folded form of the text: whitespace dropped, NFKC (full-width → half-width, compatibility
 * ideographs → unified), lower case. Each folded character remembers where it came from, so a
 * match maps back to text items and offsets — the spans of pdf.js's text layer — for highlighting.
 */

/** A position in a page's text: item index (items with `str`, in order) and UTF-16 offset. */
export interface TextPosition {
  readonly item: number;
  readonly offset: number;
}

/** One match on one page: from `start` (inclusive) to `end` (exclusive). */
export interface FindMatch {
  readonly page: number;
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/** A page's text folded for matching, with the way back to the original positions. */
export interface FoldedText {
  readonly text: string;
  /** For each UTF-16 unit of `text`: where the source character starts and how long it is. */
  readonly items: Int32Array;
  readonly offsets: Int32Array;
  readonly lengths: Int32Array;
}

const space = /\s/u;

/** Folds one source character (a code point) the way {@link fold} does. */
function foldChar(char: string): string {
  if (space.test(char)) return '';
  return char.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Folds a query: the same folding as the page text. */
export function foldQuery(query: string): string {
  let out = '';
  for (const char of query) out += foldChar(char);
  return out;
}

/** Folds the strings of a page's text items (one string per item that has `str`). */
export function fold(strings: readonly string[]): FoldedText {
  let text = '';
  const items: number[] = [];
  const offsets: number[] = [];
  const lengths: number[] = [];
  strings.forEach((str, item) => {
    let offset = 0;
    for (const char of str) {
      const folded = foldChar(char);
      for (let i = 0; i < folded.length; i++) {
        items.push(item);
        offsets.push(offset);
        lengths.push(char.length);
      }
      text += folded;
      offset += char.length;
    }
  });
  return { text, items: Int32Array.from(items), offsets: Int32Array.from(offsets), lengths: Int32Array.from(lengths) };
}

/** Every non-overlapping match of the folded `query` in `folded`, in reading order. */
export function findInPage(folded: FoldedText, query: string, page: number): FindMatch[] {
  const matches: FindMatch[] = [];
  if (!query) return matches;
  let from = 0;
  for (;;) {
    const at = folded.text.indexOf(query, from);
    if (at < 0) break;
    const last = at + query.length - 1;
    matches.push({
      page,
      start: { item: folded.items[at]!, offset: folded.offsets[at]! },
      end: { item: folded.items[last]!, offset: folded.offsets[last]! + folded.lengths[last]! },
    });
    from = at + query.length;
  }
  return matches;
}
