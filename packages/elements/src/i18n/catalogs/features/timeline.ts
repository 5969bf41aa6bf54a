/**
 * Messages of `<hs-timeline>` and the minutes export.
 * Keys start with the feature's prefix. `zh-Hans` fixes the keys and placeholders; the other two
 * locales must have exactly the same keys (the type says so).
 */
export const timelineZhHans = {} as const;

type Keys = keyof typeof timelineZhHans;

export const timelineZhHant: { readonly [K in Keys]: string } = {};

export const timelineEn: { readonly [K in Keys]: string } = {};
