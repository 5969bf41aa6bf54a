import type { Annotation } from '@huishen/model';

/**
 * Fired by `<hs-annotation-list>` when someone picks an annotation in the list, before the list
 * selects it in the viewer's annotation layer and scrolls the viewer to it. Cancel it
 * (`preventDefault()`) to do something else instead. Bubbles and crosses shadow roots.
 */
export class HsAnnotationRevealRequestEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-annotation-reveal-request';

  /** The annotation picked. */
  readonly annotation: Annotation;

  constructor(annotation: Annotation) {
    super(HsAnnotationRevealRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.annotation = annotation;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-annotation-reveal-request': HsAnnotationRevealRequestEvent;
  }
}
