/**
 * Text selection → highlight geometry: the quads of the selected lines in user space and a W3C
 * text-quote anchor (exact text with a little context).
 *
 * The viewer's text layer lives in its shadow root. `getComposedRanges` would be the standard way
 * to read a selection there, but it needs Chromium 137; the floor is 103. Chromium has long had
 * `ShadowRoot.getSelection()` (non-standard), and Firefox reports shadow-tree selections through
 * `document.getSelection()`; we ask the root first and fall back to the document.
 */
import type { Quad, TextQuote } from '@huishen/model';
import { cssRectToPdf, type PageGeometry } from '../pdf/geometry.js';

/** The selection as seen from inside `root` (a shadow root or the document). */
export function selectionIn(root: Node): Selection | null {
  const withSelection = root as Node & { getSelection?: () => Selection | null };
  if (typeof withSelection.getSelection === 'function') {
    const selection = withSelection.getSelection();
    if (selection && selection.rangeCount > 0) return selection;
  }
  return document.getSelection();
}

/** What a selection on one page gives a highlight. */
export interface SelectedText {
  readonly page: number;
  readonly quads: Quad[];
  readonly quote: TextQuote;
}

const CONTEXT = 32;

/** Merges line fragments (user-space rects) whose vertical extents overlap into one rect per line. */
function mergeLines(rects: [number, number, number, number][]): [number, number, number, number][] {
  const sorted = [...rects].sort((a, b) => b[3] - a[3] || a[0] - b[0]);
  const lines: [number, number, number, number][] = [];
  for (const r of sorted) {
    const line = lines.find((l) => {
      const overlap = Math.min(l[3], r[3]) - Math.max(l[1], r[1]);
      return overlap > 0.5 * Math.min(l[3] - l[1], r[3] - r[1]);
    });
    if (line) {
      line[0] = Math.min(line[0], r[0]);
      line[1] = Math.min(line[1], r[1]);
      line[2] = Math.max(line[2], r[2]);
      line[3] = Math.max(line[3], r[3]);
    } else lines.push([...r]);
  }
  return lines;
}

/**
 * Reads the part of `selection` that lies on the page box `pageElement` (shown with `geometry`)
 * as highlight quads and a quote; `undefined` when nothing of it is on that page.
 */
export function selectedText(selection: Selection | null, page: number, pageElement: HTMLElement, geometry: PageGeometry, maxQuads = 1000): SelectedText | undefined {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  const textLayer = pageElement.querySelector('.text-layer') ?? pageElement;
  if (!textLayer.contains(range.commonAncestorContainer) && !range.intersectsNode(textLayer)) return undefined;
  // Clip the range to this page's text layer.
  const clipped = document.createRange();
  clipped.selectNodeContents(textLayer);
  if (range.compareBoundaryPoints(Range.START_TO_START, clipped) > 0) clipped.setStart(range.startContainer, range.startOffset);
  if (range.compareBoundaryPoints(Range.END_TO_END, clipped) < 0) clipped.setEnd(range.endContainer, range.endOffset);
  const exact = clipped.toString().replace(/\s+/g, ' ').trim();
  if (!exact) return undefined;
  const box = pageElement.getBoundingClientRect();
  const rects: [number, number, number, number][] = [];
  for (const r of Array.from(clipped.getClientRects())) {
    if (r.width < 0.5 || r.height < 0.5) continue;
    rects.push(cssRectToPdf(geometry, { left: r.left - box.left, top: r.top - box.top, width: r.width, height: r.height }));
  }
  if (rects.length === 0) return undefined;
  const quads = mergeLines(rects)
    .slice(0, maxQuads)
    .map(([x1, y1, x2, y2]): Quad => (geometry.yDown ? [x1, y1, x2, y1, x1, y2, x2, y2] : [x1, y2, x2, y2, x1, y1, x2, y1]));
  const before = document.createRange();
  before.selectNodeContents(textLayer);
  before.setEnd(clipped.startContainer, clipped.startOffset);
  const after = document.createRange();
  after.selectNodeContents(textLayer);
  after.setStart(clipped.endContainer, clipped.endOffset);
  const prefix = before.toString().slice(-CONTEXT);
  const suffix = after.toString().slice(0, CONTEXT);
  const quote: TextQuote = { exact: exact.slice(0, 10_000) };
  if (prefix) quote.prefix = prefix;
  if (suffix) quote.suffix = suffix;
  return { page, quads, quote };
}
