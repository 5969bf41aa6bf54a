import type { Annotation } from '@huishen/model';

/**
 * Fired by `<hs-annotation-layer>` (and so by the viewer hosting it) after the person at this
 * screen created an annotation, once it is in the room's document. Bubbles and crosses shadow roots.
 */
export class HsAnnotationCreateEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-annotation-create';

  /** The stored annotation, as read back from the document. */
  readonly annotation: Annotation;

  constructor(annotation: Annotation) {
    super(HsAnnotationCreateEvent.eventName, { bubbles: true, composed: true });
    this.annotation = annotation;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-annotation-create': HsAnnotationCreateEvent;
  }
}
