/**
 * Simplified Chinese, the default locale. This catalog defines the set of message keys: every
 * other catalog is typed as {@link Messages} and so must have exactly these keys.
 *
 * Keys are `<component>.<message>`. Placeholders are `{name}`. Counted messages come in pairs
 * `<key>.one` / `<key>.other` (CLDR plural categories); Chinese has only `other`, but both keys
 * exist so that every locale shares one key set.
 */
export const zhHans = {
  'sync-status.connecting': '正在连接…',
  'sync-status.synced': '已连接',
  'sync-status.offline': '离线',
  'sync-status.denied': '无权访问',
  'sync-status.all-saved': '所有更改已保存',
  'sync-status.unsaved.one': '{count} 项更改尚未保存',
  'sync-status.unsaved.other': '{count} 项更改尚未保存',
  'sync-status.separator': ' · ',
} as const;

/** The shape every catalog must have: the keys of the Simplified Chinese catalog, as strings. */
export type Messages = { readonly [K in keyof typeof zhHans]: string };

/** A key of the message catalogs. */
export type MessageKey = keyof Messages;
