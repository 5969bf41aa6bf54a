import type { EvidenceViewerStatus } from '../evidence-viewer/status.js';

/**
 * Fired by `<hs-evidence-viewer>` when what it was asked to show cannot be shown (yet): a
 * password is needed or was wrong, the file is damaged or of an unsupported type, or the
 * download failed. Bubbles and crosses shadow roots.
 */
export class HsDocumentErrorEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-document-error';

  /** The viewer's new status: `password`, `damaged`, `unsupported` or `network-error`. */
  readonly status: EvidenceViewerStatus;

  /** Technical detail (pdf.js's message, the HTTP status); for logs, not for people. */
  readonly detail: string;

  /** For `password`: true when a password was given and was wrong. */
  readonly passwordIncorrect: boolean;

  constructor(status: EvidenceViewerStatus, detail: string, passwordIncorrect = false) {
    super(HsDocumentErrorEvent.eventName, { bubbles: true, composed: true });
    this.status = status;
    this.detail = detail;
    this.passwordIncorrect = passwordIncorrect;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-document-error': HsDocumentErrorEvent;
  }
}
