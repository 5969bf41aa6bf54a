/**
 * Notices `lang` changes that may change an element's locale. One MutationObserver per root
 * (the document, and each shadow root an element sits in), shared by every subscriber in that
 * root and dropped when the last one leaves, so a page with a hundred elements does not run a
 * hundred observers. Watching only the document element would miss a `lang` set on a portal's
 * panel or on a story's root; watching each root's subtree with an attribute filter catches
 * both at the cost of one filtered observer per root.
 */

interface RootWatch {
  readonly observer: MutationObserver;
  readonly listeners: Set<() => void>;
}

const watches = new WeakMap<Node, RootWatch>();

/** The roots whose subtrees can hold a `lang` that applies to `node`: its own, then each host's. */
function rootsAbove(node: Node): Node[] {
  const roots: Node[] = [];
  let root = node.getRootNode();
  for (;;) {
    roots.push(root);
    if (!(root instanceof ShadowRoot)) return roots;
    root = root.host.getRootNode();
  }
}

function watch(root: Node, listener: () => void): () => void {
  let entry = watches.get(root);
  if (!entry) {
    const listeners = new Set<() => void>();
    const observer = new MutationObserver(() => {
      for (const notify of [...listeners]) notify();
    });
    observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['lang'] });
    entry = { observer, listeners };
    watches.set(root, entry);
  }
  const { observer, listeners } = entry;
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && watches.get(root) === entry) {
      observer.disconnect();
      watches.delete(root);
    }
  };
}

/**
 * Calls `listener` (after the mutation, as MutationObserver does) whenever a `lang` attribute
 * is added, changed or removed anywhere in the roots that can affect `node`'s language. Returns
 * the function that unsubscribes. Subscribe again after `node` moves to another root.
 */
export function observeLang(node: Node, listener: () => void): () => void {
  const stops = rootsAbove(node).map((root) => watch(root, listener));
  return () => {
    for (const stop of stops) stop();
  };
}
