/**
 * Messages of `<hs-doc-camera>`.
 * Keys start with the feature's prefix. `zh-Hans` fixes the keys and placeholders; the other two
 * locales must have exactly the same keys (the type says so).
 */
export const docCameraZhHans = {} as const;

type Keys = keyof typeof docCameraZhHans;

export const docCameraZhHant: { readonly [K in Keys]: string } = {};

export const docCameraEn: { readonly [K in Keys]: string } = {};
