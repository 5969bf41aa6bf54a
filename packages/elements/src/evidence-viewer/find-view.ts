/**
 * Showing a search in the page column: which pages get which highlights, and scrolling the
 * current match into view once its page has drawn its text layer.
 */
import type { FindMatch } from './find.js';
import type { FindState } from './find-controller.js';
import type { PageStack } from './page-stack.js';

/** Gives every page that had or has matches its highlights for `state`. */
export function showHighlights(stack: PageStack, previous: FindState, state: FindState): void {
  const selected = state.matches[state.index];
  const byPage = new Map<number, FindMatch[]>();
  for (const match of state.matches) {
    let list = byPage.get(match.page);
    if (!list) byPage.set(match.page, (list = []));
    list.push(match);
  }
  const touched = new Set([...previous.matches.map((m) => m.page), ...byPage.keys()]);
  for (const page of touched) stack.views[page - 1]?.setHighlights(byPage.get(page) ?? [], selected);
}

/**
 * Scrolls `match` into view: its page first if it is off screen, then — once the page's text
 * layer exists (it may still be drawing) — the match itself, a third down the viewport. Gives up
 * after five seconds or when `stillWanted` says another match became current.
 */
export function revealMatch(stack: PageStack, viewport: HTMLElement, match: FindMatch, stillWanted: () => boolean): void {
  const view = stack.views[match.page - 1];
  if (!view) return;
  const pageTop = view.element.offsetTop;
  const inView = pageTop < viewport.scrollTop + viewport.clientHeight && pageTop + view.element.offsetHeight > viewport.scrollTop;
  if (!inView) stack.scrollToPage(match.page);
  const started = performance.now();
  const reveal = () => {
    const rect = view.selectedHighlightRect();
    if (rect) {
      const top = view.element.offsetTop + rect.top;
      if (top < viewport.scrollTop || top + rect.height > viewport.scrollTop + viewport.clientHeight) {
        viewport.scrollTop = top - viewport.clientHeight / 3;
      }
      return;
    }
    if (performance.now() - started < 5000 && stillWanted()) requestAnimationFrame(reveal);
  };
  requestAnimationFrame(reveal);
}
