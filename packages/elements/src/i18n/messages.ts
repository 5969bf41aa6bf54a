/**
 * Looking messages up. The Simplified Chinese catalog fixes the keys and, through its literal
 * types, the placeholders each message takes, so `translate('zh-Hant', 'sync-status.unsaved.other',
 * { count: 3 })` is checked at compile time: a wrong key or a missing `count` does not build.
 */
import { en } from './catalogs/en.js';
import { zhHans, type MessageKey, type Messages } from './catalogs/zh-hans.js';
import { zhHant } from './catalogs/zh-hant.js';
import { interpolate, type MessageValue } from './interpolate.js';
import type { Locale } from './locale.js';

export type { MessageKey, Messages };

/** The catalog of each locale. */
export const catalogs: Readonly<Record<Locale, Messages>> = Object.freeze({
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  en,
});

type PlaceholderNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholderNames<Rest>
  : never;

/** The placeholders of message `K`, as the Simplified Chinese catalog writes them. */
export type MessagePlaceholder<K extends MessageKey> = PlaceholderNames<(typeof zhHans)[K]>;

/** The parameters message `K` needs: one per placeholder. */
export type MessageParams<K extends MessageKey> = {
  readonly [P in MessagePlaceholder<K>]: MessageValue;
};

/** The rest arguments after a key: nothing for a message without placeholders, else its params. */
export type MessageArgs<K extends MessageKey> = [MessagePlaceholder<K>] extends [never]
  ? []
  : [params: MessageParams<K>];

/** A base key `B` for which the catalogs have both `B.one` and `B.other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never;
}[MessageKey];

/** Parameters of a counted message besides `count`, which {@link translatePlural} fills in. */
export type PluralParams<B extends PluralKey> = Omit<MessageParams<`${B}.other`>, 'count'>;

// Plain JavaScript callers can pass any string as a locale; they get the default catalog.
function catalogOf(locale: Locale): Messages {
  return (catalogs as Partial<Record<string, Messages>>)[locale] ?? zhHans;
}

/** The message `key` in `locale`, with its placeholders filled from `params`. */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: MessageArgs<K>): string {
  const template = catalogOf(locale)[key];
  const [params] = args as [Readonly<Record<string, MessageValue>>?];
  return params ? interpolate(template, params, locale) : template;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The CLDR plural category of `count` in `locale` that the catalogs have (`one` or `other`). */
export function pluralCategory(locale: Locale, count: number): 'one' | 'other' {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count) === 'one' ? 'one' : 'other';
}

/**
 * The counted message `base` for `count` in `locale`: picks `base.one` or `base.other` by the
 * locale's plural rules and fills `{count}` (formatted for the locale) and the other `params`.
 */
export function translatePlural<B extends PluralKey>(
  locale: Locale,
  base: B,
  count: number,
  ...args: keyof PluralParams<B> extends never ? [] : [params: PluralParams<B>]
): string {
  const key = `${base}.${pluralCategory(locale, count)}` as MessageKey;
  const template = catalogOf(locale)[key];
  const [params] = args as [Readonly<Record<string, MessageValue>>?];
  return interpolate(template, { ...params, count }, locale);
}
