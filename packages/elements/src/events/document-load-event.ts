import type { EvidenceViewerKind } from '../evidence-viewer/status.js';

/**
 * Fired by `<hs-evidence-viewer>` when a document or image is ready to read. Bubbles and crosses
 * shadow roots.
 */
export class HsDocumentLoadEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-document-load';

  /** `pdf` or `image`. */
  readonly kind: EvidenceViewerKind;

  /** Number of pages (1 for an image). */
  readonly pageCount: number;

  /** Lower-case hex SHA-256 of the bytes shown; `undefined` where Web Crypto is unavailable. */
  readonly sha256: string | undefined;

  constructor(kind: EvidenceViewerKind, pageCount: number, sha256: string | undefined) {
    super(HsDocumentLoadEvent.eventName, { bubbles: true, composed: true });
    this.kind = kind;
    this.pageCount = pageCount;
    this.sha256 = sha256;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-document-load': HsDocumentLoadEvent;
  }
}
