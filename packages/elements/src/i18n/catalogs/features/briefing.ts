/**
 * Messages of `<hs-briefing>`.
 * Keys start with the feature's prefix. `zh-Hans` fixes the keys and placeholders; the other two
 * locales must have exactly the same keys (the type says so).
 */
export const briefingZhHans = {} as const;

type Keys = keyof typeof briefingZhHans;

export const briefingZhHant: { readonly [K in Keys]: string } = {};

export const briefingEn: { readonly [K in Keys]: string } = {};
