/**
 * Simplified Chinese, the default locale. This catalog defines the set of message keys: every
 * other catalog is typed as {@link Messages} and so must have exactly these keys.
 *
 * Keys are `<component>.<message>`. Placeholders are `{name}`. Counted messages come in pairs
 * `<key>.one` / `<key>.other` (CLDR plural categories); Chinese has only `other`, but both keys
 * exist so that every locale shares one key set.
 */
import { annotationsZhHans } from './features/annotations.js';
import { presenceZhHans } from './features/presence.js';
import { roomZhHans } from './features/room.js';
import { docCameraZhHans } from './features/doc-camera.js';
import { briefingZhHans } from './features/briefing.js';
import { timelineZhHans } from './features/timeline.js';
import { conferenceZhHans } from './features/conference.js';
import { floorZhHans } from './features/floor.js';

export const zhHans = {
  'sync-status.connecting': '正在连接…',
  'sync-status.synced': '已连接',
  'sync-status.offline': '离线',
  'sync-status.denied': '无权访问',
  'sync-status.all-saved': '所有更改已保存',
  'sync-status.unsaved.one': '{count} 项更改尚未保存',
  'sync-status.unsaved.other': '{count} 项更改尚未保存',
  'sync-status.separator': ' · ',
  'evidence-viewer.toolbar': '证据查看器工具栏',
  'evidence-viewer.document': '证据内容',
  'evidence-viewer.page-label': '第 {page} 页',
  'evidence-viewer.previous-page': '上一页',
  'evidence-viewer.next-page': '下一页',
  'evidence-viewer.page-number': '页码',
  'evidence-viewer.page-count': '/ {count}',
  'evidence-viewer.zoom': '缩放',
  'evidence-viewer.zoom-in': '放大',
  'evidence-viewer.zoom-out': '缩小',
  'evidence-viewer.fit-width': '适合宽度',
  'evidence-viewer.fit-page': '适合页面',
  'evidence-viewer.zoom-percent': '{percent}%',
  'evidence-viewer.rotate': '顺时针旋转',
  'evidence-viewer.single-page': '单页显示',
  'evidence-viewer.thumbnails': '缩略图',
  'evidence-viewer.find': '查找',
  'evidence-viewer.find-previous': '上一个',
  'evidence-viewer.find-next': '下一个',
  'evidence-viewer.find-none': '未找到',
  'evidence-viewer.find-searching': '正在查找…',
  'evidence-viewer.find-count.one': '第 {index} 个，共 {count} 个',
  'evidence-viewer.find-count.other': '第 {index} 个，共 {count} 个',
  'evidence-viewer.loading': '正在加载…',
  'evidence-viewer.loading-progress': '正在加载… {percent}%',
  'evidence-viewer.waiting-record': '正在等待会审室中的证据记录…',
  'evidence-viewer.ready.one': '已打开，共 {count} 页',
  'evidence-viewer.ready.other': '已打开，共 {count} 页',
  'evidence-viewer.image-ready': '已打开图片',
  'evidence-viewer.image-alt': '证据图片',
  'evidence-viewer.password-required': '此文件受密码保护，请输入密码。',
  'evidence-viewer.password-incorrect': '密码不正确，请重新输入。',
  'evidence-viewer.password-label': '密码',
  'evidence-viewer.password-submit': '打开',
  'evidence-viewer.damaged': '文件已损坏，无法打开。',
  'evidence-viewer.error-detail': '技术信息：{detail}',
  'evidence-viewer.unsupported': '不支持此文件类型。可查看 PDF、JPEG、PNG 和 WebP 文件。',
  'evidence-viewer.network-error': '无法下载文件，请检查网络后重试。',
  'evidence-viewer.config-error': 'PDF 查看组件未正确配置，无法打开文件。请联系系统管理员。',
  'evidence-viewer.retry': '重试',
  'evidence-viewer.page-failed': '第 {page} 页无法显示。',
  'evidence-viewer.integrity-mismatch': '警告：此文件与会审记录不一致（SHA-256 校验值不符），可能与其他会场看到的不是同一文件。',
  'evidence-viewer.integrity-unchecked': '无法校验文件完整性：浏览器仅在 HTTPS 或本机地址下提供校验功能。',
  ...annotationsZhHans,
  ...presenceZhHans,
  ...roomZhHans,
  ...docCameraZhHans,
  ...briefingZhHans,
  ...timelineZhHans,
  ...conferenceZhHans,
  ...floorZhHans,
} as const;

/** The shape every catalog must have: the keys of the Simplified Chinese catalog, as strings. */
export type Messages = { readonly [K in keyof typeof zhHans]: string };

/** A key of the message catalogs. */
export type MessageKey = keyof Messages;
