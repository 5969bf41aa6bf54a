/**
 * Fired by `<hs-evidence-list>` when the user chooses an evidence item (click, Enter or Space), or
 * when an item the user just added is selected. `<hs-room>` opens it in its viewer. Bubbles and
 * crosses shadow roots.
 */
export class HsEvidenceSelectEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-evidence-select';

  /** The chosen evidence item's id. */
  readonly evidenceId: string;

  constructor(evidenceId: string) {
    super(HsEvidenceSelectEvent.eventName, { bubbles: true, composed: true });
    this.evidenceId = evidenceId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-evidence-select': HsEvidenceSelectEvent;
  }
}
