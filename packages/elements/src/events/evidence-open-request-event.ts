import type { Anchor } from '@huishen/model';

/**
 * Fired by `<hs-timeline>` when someone activates an evidence reference (an evidence-reference
 * entry, a decision's reference, an inserted annotation): "open this evidence at this page and
 * region, or show this annotation". Cancelable: a host that routes evidence itself calls
 * `preventDefault()`; otherwise the timeline opens it in the viewer named by its `for`
 * attribute, when there is one. Bubbles and crosses shadow roots.
 */
export class HsEvidenceOpenRequestEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-evidence-open-request';

  /** The evidence item to open. */
  readonly evidenceId: string;

  /** The page (1-based), when the reference names one. */
  readonly page: number | undefined;

  /** The region `[x1, y1, x2, y2]` in PDF user space of the unrotated page, when named. */
  readonly region: readonly [number, number, number, number] | undefined;

  /** The annotation to show, when the reference is to one. */
  readonly annotationId: string | undefined;

  /** The timeline entry the reference belongs to. */
  readonly entryId: string;

  constructor(anchor: Anchor, entryId: string) {
    super(HsEvidenceOpenRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.evidenceId = anchor.evidenceId;
    this.page = anchor.page;
    this.region = anchor.region;
    this.annotationId = anchor.annotationId;
    this.entryId = entryId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-evidence-open-request': HsEvidenceOpenRequestEvent;
  }
}
