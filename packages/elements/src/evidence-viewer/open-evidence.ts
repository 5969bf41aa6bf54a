/**
 * From bytes to something the viewer can show: recognise the format, hash the bytes (while pdf.js
 * opens them), open an image or a PDF. Every way this can fail ends as an {@link OpenFailure}
 * carrying the status the viewer shows, so the element has one place that turns failures into
 * states.
 */
import { openPdf, PdfOpenError, type PdfDocumentHandle, type PdfPageHandle } from '../pdf/engine.js';
import { fetchBytes, readSource, sha256Hex, sniff, SourceFetchError, type LoadedSource } from './source.js';
import type { EvidenceViewerStatus } from './status.js';

/** Where the bytes come from: in memory, or a URL (with fetch options and a known MIME type). */
export type EvidenceInput =
  | { readonly source: ArrayBuffer | ArrayBufferView | Blob }
  | { readonly url: string; readonly init?: RequestInit | undefined; readonly mime?: string | undefined };

/** What opened. `dispose` frees it (the viewer calls it when replaced or superseded). */
export type OpenedEvidence =
  | { readonly kind: 'pdf'; readonly doc: PdfDocumentHandle; readonly first: PdfPageHandle; readonly sha256: string | undefined }
  | { readonly kind: 'image'; readonly url: string; readonly width: number; readonly height: number; readonly sha256: string | undefined };

/** Why it did not open, as the viewer shows it. */
export class OpenFailure extends Error {
  override readonly name = 'OpenFailure';
  readonly status: Exclude<EvidenceViewerStatus, 'idle' | 'loading' | 'ready'>;
  /** For `password`: a password was given and was wrong. */
  readonly passwordIncorrect: boolean;
  /** For `damaged`: pdf.js was not set up (`configurePdfjs`), not a problem of the file. */
  readonly configError: boolean;
  constructor(status: OpenFailure['status'], detail: string, flags: { passwordIncorrect?: boolean; configError?: boolean } = {}) {
    super(detail);
    this.status = status;
    this.passwordIncorrect = flags.passwordIncorrect ?? false;
    this.configError = flags.configError ?? false;
  }
}

/** Whether an input is probably a PDF (then pdf.js starts loading while the bytes arrive). */
export function looksLikePdf(input: EvidenceInput): boolean {
  if ('source' in input) return !(input.source instanceof Blob) || input.source.type === 'application/pdf' || input.source.type === '';
  if (input.mime) return input.mime === 'application/pdf';
  try {
    return new URL(input.url, document.baseURI).pathname.toLowerCase().endsWith('.pdf');
  } catch {
    return false;
  }
}

/** Reads or downloads the bytes. Fails with `network-error`. */
export async function readEvidenceBytes(
  input: EvidenceInput,
  onProgress: (loaded: number, total: number | undefined) => void,
  signal: AbortSignal,
): Promise<LoadedSource> {
  if ('source' in input) return readSource(input.source);
  try {
    const loaded = await fetchBytes(input.url, input.init, onProgress, signal);
    return input.mime && !loaded.declaredType ? { ...loaded, declaredType: input.mime } : loaded;
  } catch (error) {
    if (signal.aborted) throw error;
    throw new OpenFailure('network-error', error instanceof SourceFetchError ? error.message : String(error));
  }
}

function pdfFailure(error: unknown): OpenFailure {
  if (!(error instanceof PdfOpenError)) return new OpenFailure('damaged', String(error));
  switch (error.kind) {
    case 'password-required':
    case 'password-incorrect':
      return new OpenFailure('password', error.message, { passwordIncorrect: error.kind === 'password-incorrect' });
    case 'config':
      return new OpenFailure('damaged', error.message, { configError: true });
    case 'network':
      return new OpenFailure('network-error', error.message);
    default:
      return new OpenFailure('damaged', error.message);
  }
}

/**
 * Opens `loaded` as an image or a PDF (with `password`). Fails with an {@link OpenFailure}.
 * A PDF's bytes are handed over to pdf.js's worker (`loaded.bytes` is detached afterwards), so
 * the page never holds a large file twice; the hash is taken first (Web Crypto copies its input
 * when called) and computed while pdf.js opens the file.
 */
export async function openEvidence(loaded: LoadedSource, password: string | undefined, signal: AbortSignal): Promise<OpenedEvidence> {
  const hashing = sha256Hex(loaded.bytes).catch(() => undefined);
  const { kind, mime } = sniff(loaded.bytes, loaded.declaredType);
  if (kind === 'unknown') throw new OpenFailure('unsupported', mime || 'unknown');
  if (kind === 'image') {
    const url = URL.createObjectURL(new Blob([loaded.bytes], { type: mime }));
    const probe = new Image();
    probe.src = url;
    try {
      await probe.decode();
    } catch (error) {
      URL.revokeObjectURL(url);
      throw new OpenFailure('damaged', String(error));
    }
    return { kind: 'image', url, width: probe.naturalWidth, height: probe.naturalHeight, sha256: await hashing };
  }
  let doc: PdfDocumentHandle;
  try {
    doc = await openPdf({ data: loaded.bytes, password, signal, transfer: true });
  } catch (error) {
    if (signal.aborted) throw error;
    throw pdfFailure(error);
  }
  try {
    const [first, sha256] = await Promise.all([doc.getPage(1), hashing]);
    return { kind: 'pdf', doc, first, sha256 };
  } catch (error) {
    void doc.destroy();
    throw new OpenFailure('damaged', String(error));
  }
}

/** Frees what {@link openEvidence} returned. */
export function disposeEvidence(opened: OpenedEvidence | undefined): void {
  if (!opened) return;
  if (opened.kind === 'pdf') void opened.doc.destroy();
  else URL.revokeObjectURL(opened.url);
}
