import type { Annotation } from '@huishen/model';

/**
 * Fired by `<hs-annotation-layer>` when someone asks to show a callout to everyone (the callout
 * box's "show to everyone" button, or `presentCallout(id)`). The layer writes nothing itself:
 * the briefing presenter listens and sets the presenter position's `calloutId`. Bubbles and
 * crosses shadow roots.
 */
export class HsAnnotationPresentEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-annotation-present';

  /** The callout to show. */
  readonly annotation: Annotation<'callout'>;

  constructor(annotation: Annotation<'callout'>) {
    super(HsAnnotationPresentEvent.eventName, { bubbles: true, composed: true });
    this.annotation = annotation;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-annotation-present': HsAnnotationPresentEvent;
  }
}
