/**
 * Fired by `<hs-doc-camera>` after a still was captured at the source, stored in the evidence
 * store and added to the room as evidence of kind `still`. Bubbles and crosses shadow roots, so a
 * portal can open the still (for example in `<hs-evidence-viewer evidence-id=…>`).
 */
export class HsDocCameraCaptureEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-doc-camera-capture';

  /** The id of the new evidence item. */
  readonly evidenceId: string;

  /** SHA-256 of the PNG bytes. */
  readonly sha256: string;

  /** Pixel size of the still. */
  readonly width: number;
  readonly height: number;

  /** True when the capture also froze the feed for every venue. */
  readonly froze: boolean;

  constructor(init: { evidenceId: string; sha256: string; width: number; height: number; froze: boolean }) {
    super(HsDocCameraCaptureEvent.eventName, { bubbles: true, composed: true });
    this.evidenceId = init.evidenceId;
    this.sha256 = init.sha256;
    this.width = init.width;
    this.height = init.height;
    this.froze = init.froze;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-doc-camera-capture': HsDocCameraCaptureEvent;
  }
}
