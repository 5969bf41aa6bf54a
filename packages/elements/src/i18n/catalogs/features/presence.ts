/**
 * Messages of Presence: remote pointers, laser, roster bits shared by elements.
 * Keys start with the feature's prefix. `zh-Hans` fixes the keys and placeholders; the other two
 * locales must have exactly the same keys (the type says so).
 */
export const presenceZhHans = {} as const;

type Keys = keyof typeof presenceZhHans;

export const presenceZhHant: { readonly [K in Keys]: string } = {};

export const presenceEn: { readonly [K in Keys]: string } = {};
