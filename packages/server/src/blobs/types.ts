/**
 * The evidence blob store: content-addressed (lower-case hex SHA-256), write-once. Bytes are
 * checked against their hash before they become visible, so any venue (and any server node) can
 * trust what it reads back.
 */

/** Mime types the store accepts, detected from magic bytes (never from the client's header). */
export type EvidenceMime = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/webp';

export interface BlobInfo {
  sha256: string;
  bytes: number;
  mime: EvidenceMime;
}

/** Why a put was refused; the HTTP layer maps each to a status code. */
export class BlobError extends Error {
  override readonly name = 'BlobError';
  constructor(
    readonly code: 'hash-mismatch' | 'too-large' | 'unsupported-type' | 'bad-hash' | 'not-found',
    message: string,
  ) {
    super(message);
  }
}

export interface BlobStore {
  /** Information about a stored blob, or `undefined`. */
  stat(sha256: string): Promise<BlobInfo | undefined>;
  /**
   * Stores bytes read from `body` under `sha256`, verifying the hash, the size limit and the type
   * while streaming. Idempotent: storing an existing blob succeeds without rewriting it.
   */
  put(sha256: string, body: AsyncIterable<Uint8Array>, options: { maxBytes: number }): Promise<BlobInfo>;
  /** Streams the blob, or a byte range of it (`end` inclusive). */
  read(sha256: string, range?: { start: number; end: number }): AsyncIterable<Uint8Array>;
}
