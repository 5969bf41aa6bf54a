import type { Messages } from './zh-hans.js';

/** English. */
export const en: Messages = {
  'sync-status.connecting': 'Connecting…',
  'sync-status.synced': 'Connected',
  'sync-status.offline': 'Offline',
  'sync-status.denied': 'Access denied',
  'sync-status.all-saved': 'All changes saved',
  'sync-status.unsaved.one': '{count} change not yet saved',
  'sync-status.unsaved.other': '{count} changes not yet saved',
  'sync-status.separator': ' · ',
};
