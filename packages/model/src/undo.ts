/**
 * Per-person undo. The undo manager tracks only the room's {@link LocalOrigin}, so undo never
 * removes another person's work, even when it touched the same record. Each stack item can carry
 * where the change was made (`stackItem.meta`), so the UI can scroll back to it.
 */
import * as Y from 'yjs';
import type { LocalOrigin } from './origins.js';
import { roots } from './schema.js';

/** Where a change was made, stored on its undo stack item. */
export interface UndoLocation {
  evidenceId?: string;
  page?: number;
  /** Region in PDF user space of the unrotated page. */
  region?: [number, number, number, number];
}

export interface UndoOptions {
  /** Milliseconds within which consecutive changes merge into one undo step (default 500). */
  captureTimeout?: number;
  /** Called when a stack item is created, to remember where the change was made. */
  locate?: () => UndoLocation | undefined;
}

/**
 * Creates the room's undo manager over the collections people edit (annotations, evidence,
 * outline, briefing), tracking only `origin`. The timeline is append-only and not undoable.
 */
export function createUndoManager(doc: Y.Doc, origin: LocalOrigin, options: UndoOptions = {}): Y.UndoManager {
  const r = roots(doc);
  const manager = new Y.UndoManager([r.annotations, r.evidence, r.evidenceOrder, r.outline, r.outlineOrder, r.briefing, r.venues, r.meta], {
    trackedOrigins: new Set([origin]),
    captureTimeout: options.captureTimeout ?? 500,
  });
  if (options.locate) {
    const locate = options.locate;
    manager.on('stack-item-added', (event: { stackItem: { meta: Map<string, unknown> }; type: 'undo' | 'redo' }) => {
      if (event.type === 'undo' && !event.stackItem.meta.has('location')) {
        const location = locate();
        if (location) event.stackItem.meta.set('location', location);
      }
    });
  }
  return manager;
}

/** The location stored on a stack item, if any. */
export function stackItemLocation(stackItem: { meta: Map<string, unknown> }): UndoLocation | undefined {
  return stackItem.meta.get('location') as UndoLocation | undefined;
}
