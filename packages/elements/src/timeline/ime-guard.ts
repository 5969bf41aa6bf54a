/**
 * Tells a "send" Enter from an Enter that belongs to an input method (拼音, 注音, 五笔…).
 *
 * While a composition is open, Enter confirms the candidate and must not send. Browsers say so in
 * different ways and orders:
 *
 * - Chromium and Firefox fire the confirming `keydown` *during* the composition, with
 *   `isComposing: true` and `keyCode` 229, then `compositionend`;
 * - Safari (and some IMEs on Chromium/Linux and older Firefox) fire `compositionend` *first* and
 *   then a `keydown` for the same Enter with `isComposing: false`.
 *
 * So an Enter is a send only when no composition is open (our own flag, set by
 * `compositionstart` and cleared by `compositionend`), the event does not say `isComposing`, its
 * `keyCode` is not 229, and it does not arrive in the same task as the `compositionend` that just
 * closed a composition (the second ordering: the flag is cleared a task later).
 */
export class ImeGuard {
  #composing = false;
  #justEnded = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** True while an input method composition is open. */
  get composing(): boolean {
    return this.#composing || this.#justEnded;
  }

  /** Feed `compositionstart`. */
  start = (): void => {
    this.#composing = true;
    this.#justEnded = false;
  };

  /** Feed `compositionend`. */
  end = (): void => {
    this.#composing = false;
    this.#justEnded = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#justEnded = false;
      this.#timer = undefined;
    }, 0);
  };

  /** True when `event` is an Enter that belongs to a composition (and so must not send). */
  isImeEnter(event: KeyboardEvent): boolean {
    // keyCode is deprecated, but 229 is the only signal some IMEs give for "processing".
    return this.#composing || this.#justEnded || event.isComposing || event.keyCode === 229;
  }

  /** Forgets any pending state (call when the host disconnects). */
  reset(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#composing = false;
    this.#justEnded = false;
  }
}

/** The composer's decision for a `keydown`: send, or let the textarea have it. */
export function isSendKey(event: KeyboardEvent, guard: ImeGuard): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && !guard.isImeEnter(event);
}
