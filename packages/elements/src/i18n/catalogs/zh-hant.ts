import type { Messages } from './zh-hans.js';

/** Traditional Chinese (Taiwan, Hong Kong, Macao). */
export const zhHant: Messages = {
  'sync-status.connecting': '正在連線…',
  'sync-status.synced': '已連線',
  'sync-status.offline': '離線',
  'sync-status.denied': '無權存取',
  'sync-status.all-saved': '所有變更已儲存',
  'sync-status.unsaved.one': '{count} 項變更尚未儲存',
  'sync-status.unsaved.other': '{count} 項變更尚未儲存',
  'sync-status.separator': ' · ',
};
