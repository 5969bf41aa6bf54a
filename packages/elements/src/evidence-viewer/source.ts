/**
 * Getting the bytes the viewer shows: from a URL (with download progress), a Blob or an
 * ArrayBuffer; recognising what they are; hashing them. The viewer always holds the whole file:
 * the SHA-256 that proves every venue sees the same evidence must cover the bytes displayed.
 */

/** What the bytes are, as far as the viewer cares. */
export type SourceKind = 'pdf' | 'image' | 'unknown';

/** Bytes plus what was learnt while getting them. */
export interface LoadedSource {
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The MIME type the server or Blob declared, if any. */
  readonly declaredType: string;
}

/** A failed download. `status` is the HTTP status, 0 for a network failure. */
export class SourceFetchError extends Error {
  override readonly name = 'SourceFetchError';
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Reads a URL to the end, reporting progress (0–1, or `undefined` when the size is unknown). */
export async function fetchBytes(
  url: string,
  init: RequestInit | undefined,
  onProgress: (loaded: number, total: number | undefined) => void,
  signal: AbortSignal,
): Promise<LoadedSource> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new SourceFetchError(0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new SourceFetchError(response.status, `HTTP ${response.status} ${response.statusText}`);
  const declaredType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress(bytes.byteLength, bytes.byteLength);
    return { bytes, declaredType };
  }
  try {
    const bytes =
      (total !== undefined ? await readInPlace(response.body, total, onProgress) : undefined) ??
      (await readChunks(response.body, total, onProgress));
    return { bytes, declaredType };
  } catch (error) {
    if (signal.aborted) throw error;
    throw new SourceFetchError(0, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Reads a body of known size straight into one buffer with a BYOB reader: no chunk is allocated,
 * so a 100 MB scan leaves no 100 MB of garbage behind. `undefined` where the stream has no BYOB
 * reader (then the caller reads chunks). A body longer than announced (a compressed transfer's
 * Content-Length) grows the buffer.
 */
async function readInPlace(
  body: ReadableStream<Uint8Array>,
  total: number,
  onProgress: (loaded: number, total: number | undefined) => void,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = body.getReader({ mode: 'byob' });
  } catch {
    return undefined;
  }
  let buffer = new ArrayBuffer(Math.max(1, total));
  let loaded = 0;
  for (;;) {
    if (loaded < buffer.byteLength) {
      const { value, done } = await reader.read(new Uint8Array(buffer, loaded, buffer.byteLength - loaded));
      if (value) buffer = value.buffer as ArrayBuffer; // the read transferred the buffer to a new object
      if (done) break;
      loaded += value.byteLength;
    } else {
      // Full: probe with a small buffer, so a body of exactly the announced size ends without
      // growing (a grown buffer would be copied again when handed to pdf.js).
      const { value, done } = await reader.read(new Uint8Array(64 * 1024));
      if (done || !value) break;
      const grown = new ArrayBuffer(Math.max(buffer.byteLength * 2, loaded + value.byteLength));
      new Uint8Array(grown).set(new Uint8Array(buffer, 0, loaded));
      new Uint8Array(grown).set(value, loaded);
      buffer = grown;
      loaded += value.byteLength;
    }
    onProgress(loaded, total);
  }
  if (loaded === buffer.byteLength) return new Uint8Array(buffer);
  // Shorter than announced (or grown): an exact-size buffer, which pdf.js can take without a copy.
  const exact = buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  return new Uint8Array(typeof exact.transfer === 'function' ? exact.transfer(loaded) : buffer.slice(0, loaded));
}

/** Reads a body chunk by chunk and joins the chunks. */
async function readChunks(
  body: ReadableStream<Uint8Array>,
  total: number | undefined,
  onProgress: (loaded: number, total: number | undefined) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Bytes of an in-memory source (copied, so the caller's buffer stays theirs). */
export async function readSource(source: ArrayBuffer | ArrayBufferView | Blob): Promise<LoadedSource> {
  if (source instanceof Blob) {
    return { bytes: new Uint8Array(await source.arrayBuffer()), declaredType: source.type.toLowerCase() };
  }
  if (ArrayBuffer.isView(source)) {
    return { bytes: new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice(), declaredType: '' };
  }
  return { bytes: new Uint8Array(source).slice(), declaredType: '' };
}

const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp']);

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((byte, index) => bytes[at + index] === byte);
}

/**
 * What the bytes are: the image formats by their signatures; a PDF when `%PDF-` appears in the
 * first kilobyte (pdf.js tolerates junk before it) or the declared type says so (then pdf.js
 * decides whether it is damaged); anything else is `unknown`.
 */
export function sniff(bytes: Uint8Array, declaredType: string): { kind: SourceKind; mime: string } {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mime: 'image/png' };
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { kind: 'image', mime: 'image/webp' };
  }
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return { kind: 'pdf', mime: 'application/pdf' };
  if (declaredType === 'application/pdf') return { kind: 'pdf', mime: 'application/pdf' };
  if (imageTypes.has(declaredType)) return { kind: 'unknown', mime: declaredType }; // says image, is not one
  return { kind: 'unknown', mime: declaredType };
}

/**
 * The lower-case hex SHA-256 of `bytes`, or `undefined` where Web Crypto is unavailable (plain
 * HTTP pages that are not localhost: `crypto.subtle` needs a secure context).
 */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
