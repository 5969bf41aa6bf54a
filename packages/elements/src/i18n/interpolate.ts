/**
 * `{name}` placeholders, nothing more. The result is a plain string meant for text bindings
 * (`${text}` in a Lit template), never for `innerHTML` or `unsafeHTML`: a parameter that holds
 * a person's name or a case title cannot inject markup.
 */

/** Values a placeholder can take. Numbers are formatted for the locale (`1,234`). */
export type MessageValue = string | number;

const placeholder = /\{([A-Za-z0-9_-]+)\}/g;
const numberFormats = new Map<string, Intl.NumberFormat>();

function formatNumber(value: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/**
 * Replaces each `{name}` in `template` with `params[name]`. A placeholder without a parameter is
 * left as written, so a missing parameter is visible instead of silently blank.
 */
export function interpolate(
  template: string,
  params: Readonly<Record<string, MessageValue>>,
  locale: string,
): string {
  return template.replace(placeholder, (match, name: string) => {
    if (!Object.hasOwn(params, name)) return match;
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value, locale) : String(value);
  });
}

/** The placeholder names used in `template`, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(placeholder), (match) => match[1] ?? ''))];
}
