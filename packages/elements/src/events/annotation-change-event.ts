import type { Annotation } from '@huishen/model';

/** What a local edit changed. */
export type AnnotationChangeKind = 'geometry' | 'style' | 'text' | 'stamp';

/**
 * Fired by `<hs-annotation-layer>` after the person at this screen changed an annotation (moved,
 * resized, recoloured, edited its text or stamp). Remote changes do not fire it. Bubbles and
 * crosses shadow roots.
 */
export class HsAnnotationChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-annotation-change';

  /** The annotation after the change. */
  readonly annotation: Annotation;

  /** Which property changed. */
  readonly change: AnnotationChangeKind;

  constructor(annotation: Annotation, change: AnnotationChangeKind) {
    super(HsAnnotationChangeEvent.eventName, { bubbles: true, composed: true });
    this.annotation = annotation;
    this.change = change;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-annotation-change': HsAnnotationChangeEvent;
  }
}
