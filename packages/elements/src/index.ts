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
export { HsAnnotationList, EXCERPT_LENGTH } from './annotation-list/annotation-list.js';
export { AnnotationsController, type AnnotationsControllerOptions, type AnnotationsSnapshot } from './annotation-list/annotations-controller.js';
export { HsAnnotationRevealRequestEvent } from './events/annotation-reveal-request-event.js';
export { HsLaserChangeEvent } from './events/laser-change-event.js';
export { HsPresence, LASER_KEY } from './presence/presence.js';
export { LASER_FADE_MS } from './presence/laser-trails.js';
export { connectRoom, type ConnectRoomOptions, type RoomSession } from './room/connect-room.js';
export { ConnectionState } from './room/connection-state.js';
export { EvidenceStore, EvidenceUploadError, sha256Hex } from './room/evidence-store.js';
export { RoomDeniedEvent, RoomRejectedEvent, type RoomDenialReason } from './room/room-events.js';
export { readRoomToken, RoomTokenError, type RoomTokenClaims } from './room/room-token.js';
export { fallbackVenueColor, venueColor, VENUE_PALETTE } from './room/venue-colors.js';
export { VenueLayers } from './room/venue-layers.js';
export { HsRoom, type RoomConnectOptions, type RoomStatus } from './conference-room/conference-room.js';
export { COMPACT_BELOW, defaultColumnWidths, parseCollapsed, ROOM_PANELS, roomSizeFor, WIDE_FROM, type RoomPanel, type RoomSize } from './conference-room/room-layout.js';
export { HsEvidenceList, integrityByVenue, type VenueIntegrity } from './evidence-list/evidence-list.js';
export { addEvidenceFile, AddEvidenceError, detectEvidenceType, mayAddEvidence, type AddedEvidence } from './evidence-list/add-evidence.js';
export { HsEvidenceSelectEvent } from './events/evidence-select-event.js';
export { HsRoomStatusChangeEvent } from './events/room-status-change-event.js';
export { HsRoster, activityOf, rosterPeople, type ParticipantActivity, type RosterPerson } from './roster/roster.js';
export { describeBrowser, loadAboveFloor, meetsBrowserFloor, showFloorPanel } from './floor/floor.js';
export { HsDocCamera } from './doc-camera/doc-camera.js';
export { HsDocCameraStateChangeEvent } from './events/doc-camera-state-change-event.js';
export { HsDocCameraCaptureEvent } from './events/doc-camera-capture-event.js';
export { RETRYABLE as docCameraRetryableStates, deriveState as deriveDocCameraState, type DocCameraState } from './doc-camera/state.js';
export { CameraError, cameraContextProblem, classifyCameraError, RESOLUTIONS as cameraResolutions, type CameraProblem, type Resolution as CameraResolution } from './doc-camera/camera-access.js';
export { DEFAULT_MAX_BITRATE, DOC_CAMERA_TRACK, fetchMediaToken, loadLivekit, MediaError, MediaSession, type DocCameraMedia, type MediaCredentials, type MediaStatus, type MediaTokenSource, type PublishOptions, type RemoteDocCamera, type SenderSample } from './doc-camera/media-session.js';
export { createMemoryMedia, type MemoryMediaHub, type MemoryParticipant } from './doc-camera/memory-media.js';
export { captureStill, type Still } from './doc-camera/still.js';
export { storeStill } from './doc-camera/store-still.js';
export type { Crop as CameraCrop, FrameTransform, Rotation as CameraRotation } from './doc-camera/transform.js';
export { HsBriefing, type BriefingRole } from './briefing/briefing.js';
export { parseBody, type BodyBlock } from './briefing/body-text.js';
export { HsBriefingNodeChangeEvent } from './events/briefing-node-change-event.js';
export { HsFollowChangeEvent, type FollowState } from './events/follow-change-event.js';
export { HsPresenterChangeEvent } from './events/presenter-change-event.js';
export { FollowController, type FollowControllerOptions } from './follow/follow-controller.js';
export { PresenterTracker, sameTarget, targetOfPosition, targetOfViewing, type FollowTarget } from './follow/follow-target.js';
export { buildRoster, rosterState, type RosterEntry, type RosterState, type RosterVenue } from './follow/roster.js';
export { HsAnnotationLayer } from './annotation-layer/annotation-layer.js';
export { paintAnnotations, inkOutline, stampText, userToCssMatrix, type PaintOptions } from './annotation-layer/paint.js';
export { ANNOTATION_TOOLS, TOOL_SHORTCUTS, annotationBounds, isAnnotationTool, toolForKey, type AnnotationTool } from './annotation-layer/tools.js';
export { HsAnnotationToolbar } from './annotation-toolbar/annotation-toolbar.js';
export { HsAnnotationChangeEvent, type AnnotationChangeKind } from './events/annotation-change-event.js';
export { HsAnnotationCreateEvent } from './events/annotation-create-event.js';
export { HsAnnotationDeleteEvent } from './events/annotation-delete-event.js';
export { HsAnnotationPresentEvent } from './events/annotation-present-event.js';
export { HsAnnotationSelectEvent } from './events/annotation-select-event.js';
export { HsToolChangeEvent } from './events/tool-change-event.js';
export { HsTimeline } from './timeline/timeline.js';
export type { TimelineFilter } from './timeline/timeline-filter.js';
export { exportMinutes, minutesFileName, type ExportMinutesOptions, type MinutesExport } from './minutes/export-minutes.js';
export { renderMinutesHtml, minutesFooterTemplate, pageKey, type MinutesHtmlOptions, type MinutesPageImage } from './minutes/minutes-html.js';
export { renderMinutesPages, type MinutesPagesOptions } from './minutes/page-images.js';
export { HsEvidenceOpenRequestEvent } from './events/evidence-open-request-event.js';
export { HsTimelineEntryPostEvent } from './events/timeline-entry-post-event.js';
export { HsMinutesExportEvent } from './events/minutes-export-event.js';
