export { HsSyncStatusChangeEvent } from './events/sync-status-change-event.js';
export { en } from './i18n/catalogs/en.js';
export { zhHans } from './i18n/catalogs/zh-hans.js';
export { zhHant } from './i18n/catalogs/zh-hant.js';
export { interpolate, placeholdersOf, type MessageValue } from './i18n/interpolate.js';
export { observeLang } from './i18n/lang-observer.js';
export { LocaleController, type LocaleControllerOptions } from './i18n/locale-controller.js';
export { defaultLocale, locales, matchLocale, nearestLang, resolveLocale, type Locale } from './i18n/locale.js';
export {
  catalogs,
  pluralCategory,
  translate,
  translatePlural,
  type MessageArgs,
  type MessageKey,
  type MessageParams,
  type MessagePlaceholder,
  type Messages,
  type PluralKey,
  type PluralParams,
} from './i18n/messages.js';
export { connectionStatuses, isConnectionStatus, type ConnectionStatus } from './room/connection-status.js';
export { HsSyncStatus } from './sync-status/sync-status.js';
