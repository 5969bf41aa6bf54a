import type { AnnotationTool } from '../annotation-layer/tools.js';

/**
 * Fired by `<hs-annotation-layer>` when the active tool changed (toolbar, shortcut or the `tool`
 * property). `<hs-annotation-toolbar>` listens to it to stay in step. Bubbles and crosses shadow
 * roots.
 */
export class HsToolChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-tool-change';

  /** The tool now active. */
  readonly tool: AnnotationTool;

  /** The tool active before. */
  readonly previousTool: AnnotationTool;

  constructor(tool: AnnotationTool, previousTool: AnnotationTool) {
    super(HsToolChangeEvent.eventName, { bubbles: true, composed: true });
    this.tool = tool;
    this.previousTool = previousTool;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-tool-change': HsToolChangeEvent;
  }
}
