/**
 * Which of Huishen's locales an element speaks. There is no global setting: an element speaks
 * the language of the nearest `lang` attribute above it, looking through shadow roots, exactly as
 * the browser decides the language of text (`:lang()`). A portal that sets `<html lang="zh-TW">`
 * gets Traditional Chinese everywhere; a panel with `lang="en"` gets English inside it only.
 */

/** The locales Huishen has catalogs for. Simplified Chinese is the default. */
export type Locale = 'zh-Hans' | 'zh-Hant' | 'en';

/** The locale used when no `lang` attribute names a language Huishen has a catalog for. */
export const defaultLocale: Locale = 'zh-Hans';

/** Every {@link Locale}, default first. */
export const locales: readonly Locale[] = Object.freeze(['zh-Hans', 'zh-Hant', 'en']);

const traditionalRegions = new Set(['tw', 'hk', 'mo']);

/**
 * Maps a BCP 47 language tag to a {@link Locale}.
 *
 * `zh`, `zh-CN`, `zh-SG`, `zh-Hans`, `zh-Hans-HK` → `zh-Hans`; `zh-TW`, `zh-HK`, `zh-MO`,
 * `zh-Hant`, `zh-Hant-CN` → `zh-Hant` (a script subtag wins over a region); `en`, `en-US`, … →
 * `en`; anything else, an empty tag or `null` → `fallback`.
 */
export function matchLocale(tag: string | null | undefined, fallback: Locale = defaultLocale): Locale {
  if (!tag) return fallback;
  const [language, ...rest] = tag.trim().toLowerCase().split(/[-_]/);
  if (language === 'en') return 'en';
  if (language !== 'zh') return fallback;
  for (const subtag of rest) {
    if (subtag === 'hant') return 'zh-Hant';
    if (subtag === 'hans') return 'zh-Hans';
  }
  return rest.some((subtag) => traditionalRegions.has(subtag)) ? 'zh-Hant' : 'zh-Hans';
}

/**
 * The value of the nearest `lang` attribute at or above `node`, crossing shadow-root boundaries
 * to the host; `null` when there is none. `lang=""` ("language unknown") is returned as `""`.
 */
export function nearestLang(node: Node): string | null {
  let element: Element | null = node instanceof Element ? node : node.parentElement;
  while (element) {
    const marked = element.closest('[lang]');
    if (marked) return marked.getAttribute('lang');
    const root = element.getRootNode();
    element = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/** The {@link Locale} of `node`: {@link matchLocale} of {@link nearestLang}. */
export function resolveLocale(node: Node, fallback: Locale = defaultLocale): Locale {
  return matchLocale(nearestLang(node), fallback);
}
