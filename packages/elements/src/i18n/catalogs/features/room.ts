/**
 * Messages of Room runtime: connection, offline store, evidence upload.
 * Keys start with the feature's prefix. `zh-Hans` fixes the keys and placeholders; the other two
 * locales must have exactly the same keys (the type says so).
 */
export const roomZhHans = {} as const;

type Keys = keyof typeof roomZhHans;

export const roomZhHant: { readonly [K in Keys]: string } = {};

export const roomEn: { readonly [K in Keys]: string } = {};
