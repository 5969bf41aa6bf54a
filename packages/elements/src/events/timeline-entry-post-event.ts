import type { TimelineKind } from '@huishen/model';

/**
 * Fired by `<hs-timeline>` after the person at this screen posted (`edited: false`) or edited
 * (`edited: true`) a timeline entry through the composer. The entry is already in the room's
 * document; this is for hosts that want to react (focus, analytics). Bubbles and crosses
 * shadow roots.
 */
export class HsTimelineEntryPostEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-timeline-entry-post';

  /** The entry's id. */
  readonly entryId: string;

  /** The entry's kind. */
  readonly kind: TimelineKind;

  /** True when an existing entry was edited rather than a new one posted. */
  readonly edited: boolean;

  constructor(entryId: string, kind: TimelineKind, edited: boolean) {
    super(HsTimelineEntryPostEvent.eventName, { bubbles: true, composed: true });
    this.entryId = entryId;
    this.kind = kind;
    this.edited = edited;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-timeline-entry-post': HsTimelineEntryPostEvent;
  }
}
