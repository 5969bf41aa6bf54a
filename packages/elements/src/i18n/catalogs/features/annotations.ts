/**
 * Messages of Annotation layer, toolbar and list (`<hs-annotation-layer>`, `<hs-annotation-toolbar>`, `<hs-annotation-list>`).
 * Keys start with the feature's prefix. `zh-Hans` fixes the keys and placeholders; the other two
 * locales must have exactly the same keys (the type says so).
 */
export const annotationsZhHans = {} as const;

type Keys = keyof typeof annotationsZhHans;

export const annotationsZhHant: { readonly [K in Keys]: string } = {};

export const annotationsEn: { readonly [K in Keys]: string } = {};
