import type { Annotation } from '@huishen/model';

/**
 * Fired by `<hs-annotation-layer>` when the selected annotation changed (by pointer, keyboard or
 * `select()`). Bubbles and crosses shadow roots.
 */
export class HsAnnotationSelectEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-annotation-select';

  /** The selected annotation, or `undefined` when nothing is selected any more. */
  readonly annotation: Annotation | undefined;

  /** Whether the local person may change or delete it (`decide` of the model's rights). */
  readonly editable: boolean;

  constructor(annotation: Annotation | undefined, editable: boolean) {
    super(HsAnnotationSelectEvent.eventName, { bubbles: true, composed: true });
    this.annotation = annotation;
    this.editable = editable;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-annotation-select': HsAnnotationSelectEvent;
  }
}
