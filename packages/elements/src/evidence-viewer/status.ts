/**
 * The states of `<hs-evidence-viewer>`, reflected to its `status` attribute for CSS (custom
 * states via `:state()` need Chromium 125; the floor is 103).
 *
 * - `idle`: nothing to show (no `src`, `source` or `evidence-id`).
 * - `loading`: downloading, hashing or opening.
 * - `ready`: shown.
 * - `password`: the PDF needs a password (a prompt is shown; a wrong one says so).
 * - `damaged`: pdf.js cannot read the file.
 * - `unsupported`: neither a PDF nor a JPEG, PNG or WebP image.
 * - `network-error`: the download failed (a retry button is shown).
 */
export type EvidenceViewerStatus = 'idle' | 'loading' | 'ready' | 'password' | 'damaged' | 'unsupported' | 'network-error';

/** Every {@link EvidenceViewerStatus}. */
export const evidenceViewerStatuses: readonly EvidenceViewerStatus[] = Object.freeze([
  'idle',
  'loading',
  'ready',
  'password',
  'damaged',
  'unsupported',
  'network-error',
]);

/** What the viewer shows. */
export type EvidenceViewerKind = 'pdf' | 'image';

/** Zoom: a factor (1 = 100 %), or fit the page's width or the whole page into the viewport. */
export type EvidenceViewerZoom = number | 'fit-width' | 'fit-page';

/** How pages are laid out: all in a continuous vertical column, or one page at a time. */
export type EvidenceViewerLayout = 'continuous' | 'single';

/** Parses the `layout` attribute: `single`, else `continuous`. */
export function parseLayout(value: string | null): EvidenceViewerLayout {
  return value === 'single' ? 'single' : 'continuous';
}

/** Result of the integrity check: matched, did not match, or nothing to compare / no Web Crypto. */
export type IntegrityState = 'ok' | 'mismatch' | 'unchecked';

/** Zoom steps of the zoom menu and of zoom in / zoom out. */
export const ZOOM_LEVELS: readonly number[] = Object.freeze([0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4]);
