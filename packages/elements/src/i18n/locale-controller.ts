import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { observeLang } from './lang-observer.js';
import { defaultLocale, resolveLocale, type Locale } from './locale.js';
import {
  translate,
  translatePlural,
  type MessageArgs,
  type MessageKey,
  type PluralKey,
  type PluralParams,
} from './messages.js';

/** Options of a {@link LocaleController}. */
export interface LocaleControllerOptions {
  /**
   * The locale to speak when no `lang` attribute at or above the host names a language Huishen
   * has a catalog for. Defaults to `zh-Hans`.
   */
  readonly fallback?: Locale;
  /**
   * Called when the host's locale changed (not for the first resolution, when the host first
   * connects), after the host has been asked to update. For hosts that cache localised strings.
   */
  readonly onChange?: (locale: Locale) => void;
}

/**
 * Gives an element its locale and its messages. The locale is that of the nearest `lang`
 * attribute (see `resolveLocale`); the controller re-resolves it on connect and whenever a
 * `lang` attribute changes above the host, and asks the host to re-render when it differs.
 *
 * ```ts
 * readonly #locale = new LocaleController(this);
 * render() { return html`${this.#locale.t('sync-status.offline')}`; }
 * ```
 */
export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  readonly #fallback: Locale;
  readonly #onChange: ((locale: Locale) => void) | undefined;
  #value: Locale;
  #resolved = false;
  #unobserve: (() => void) | undefined;

  constructor(host: ReactiveControllerHost & Element, options: LocaleControllerOptions = {}) {
    this.#host = host;
    this.#fallback = options.fallback ?? defaultLocale;
    this.#onChange = options.onChange;
    this.#value = this.#fallback;
    host.addController(this);
  }

  /** The host's current locale. */
  get value(): Locale {
    return this.#value;
  }

  /** The message `key` in the host's locale, with `{name}` placeholders filled from `params`. */
  t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
    return translate(this.#value, key, ...args);
  }

  /** The counted message `base` (`base.one` / `base.other`) for `count` in the host's locale. */
  plural<B extends PluralKey>(
    base: B,
    count: number,
    ...args: keyof PluralParams<B> extends never ? [] : [params: PluralParams<B>]
  ): string {
    return translatePlural(this.#value, base, count, ...args);
  }

  hostConnected(): void {
    // The host may have moved under another `lang` while disconnected: resolve again, and
    // observe the roots it is in now.
    this.#unobserve?.();
    this.#unobserve = observeLang(this.#host, () => this.#refresh());
    this.#refresh();
  }

  hostDisconnected(): void {
    this.#unobserve?.();
    this.#unobserve = undefined;
  }

  #refresh(): void {
    const next = resolveLocale(this.#host, this.#fallback);
    const first = !this.#resolved;
    this.#resolved = true;
    if (next === this.#value) return;
    this.#value = next;
    this.#host.requestUpdate();
    if (!first) this.#onChange?.(next);
  }
}
