export { HsDocumentErrorEvent } from './events/document-error-event.js';
export { HsDocumentLoadEvent } from './events/document-load-event.js';
export { HsIntegrityMismatchEvent } from './events/integrity-mismatch-event.js';
export { HsPageChangeEvent } from './events/page-change-event.js';
export { HsSyncStatusChangeEvent } from './events/sync-status-change-event.js';
export { HsViewportChangeEvent } from './events/viewport-change-event.js';
export { HsEvidenceViewer, parseZoom } from './evidence-viewer/evidence-viewer.js';
export { MAX_CANVAS_PIXELS, pageSlotName } from './evidence-viewer/page-view.js';
export {
  evidenceViewerStatuses,
  ZOOM_LEVELS,
  type EvidenceViewerKind,
  type EvidenceViewerLayout,
  type EvidenceViewerStatus,
  type EvidenceViewerZoom,
  type IntegrityState,
} from './evidence-viewer/status.js';
export { findInPage, fold, foldQuery, type FindMatch, type FoldedText, type TextPosition } from './evidence-viewer/find.js';
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
export { roomActor, roomContext, type RoomConnection, type RoomContextValue } from './room/room-context.js';
export { HsSyncStatus } from './sync-status/sync-status.js';
export {
  PDF_TO_CSS_UNITS,
  cssRectToPdf,
  cssRectToPercent,
  cssToPdf,
  normalizeRotation,
  pageBoxSize,
  pdfRectToCss,
  pdfToCss,
  rotationTransform,
  type CssRect,
  type GeometryPoint,
  type PageGeometry,
  type PdfRect,
  type Rotation,
} from './pdf/geometry.js';
export {
  configurePdfjs,
  pdfjsAssetsAt,
  pdfjsConfig,
  PdfjsConfigError,
  type PdfjsAssets,
  type PdfjsConfig,
  type PdfjsEngineChoice,
} from './pdf/config.js';
export {
  detectEngine,
  openPdf,
  PdfOpenError,
  selectedEngine,
  type OpenPdfOptions,
  type PdfDocumentHandle,
  type PdfEngineName,
  type PdfOpenErrorKind,
  type PdfPageHandle,
  type PdfjsTextContent,
  type PdfjsTextItem,
  type PdfjsViewport,
} from './pdf/engine.js';
