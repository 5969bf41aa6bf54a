/**
 * Fired by `<hs-evidence-viewer>` when the SHA-256 of the bytes it shows differs from the one
 * expected (the `expected-sha256` attribute, or the room's evidence record): this venue may be
 * looking at a different file than the others. Bubbles and crosses shadow roots.
 */
export class HsIntegrityMismatchEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-integrity-mismatch';

  /** The SHA-256 expected (lower-case hex). */
  readonly expected: string;

  /** The SHA-256 of the bytes shown (lower-case hex). */
  readonly actual: string;

  constructor(expected: string, actual: string) {
    super(HsIntegrityMismatchEvent.eventName, { bubbles: true, composed: true });
    this.expected = expected;
    this.actual = actual;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-integrity-mismatch': HsIntegrityMismatchEvent;
  }
}
