import type { Annotation } from '@huishen/model';

/**
 * Fired by `<hs-annotation-layer>` after the person at this screen deleted an annotation.
 * Bubbles and crosses shadow roots.
 */
export class HsAnnotationDeleteEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-annotation-delete';

  /** The annotation as it was before deletion. */
  readonly annotation: Annotation;

  constructor(annotation: Annotation) {
    super(HsAnnotationDeleteEvent.eventName, { bubbles: true, composed: true });
    this.annotation = annotation;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-annotation-delete': HsAnnotationDeleteEvent;
  }
}
