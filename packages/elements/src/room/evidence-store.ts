/**
 * The room server's content-addressed evidence store, seen from a client: where a blob is read
 * (`GET /evidence/<sha256>?token=…`, usable by `<img>` and pdf.js alike) and how one is stored
 * (`PUT /evidence/<sha256>` with the bearer token; the server checks the bytes against the hash).
 */

/** Lower-case hex SHA-256 of a blob (needs a secure context: HTTPS or localhost). */
export async function sha256Hex(bytes: Blob): Promise<string> {
  if (!globalThis.crypto?.subtle) throw new EvidenceUploadError(0, 'insecure-context', 'hashing evidence needs a secure context (HTTPS or localhost)');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await bytes.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** An upload the store refused (status 0: it never reached the server). */
export class EvidenceUploadError extends Error {
  override readonly name = 'EvidenceUploadError';
  constructor(
    /** The HTTP status, or 0. */
    readonly status: number,
    /** The server's error code (`forbidden`, `hash-mismatch`, `too-large`, …) or a local one. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and writes one room's evidence store with the room's current token. */
export class EvidenceStore {
  /** Uploads in progress or done, by hash, so the same bytes are sent once per session. */
  private readonly uploads = new Map<string, Promise<string>>();

  constructor(
    private readonly httpBase: string,
    private readonly token: () => string,
  ) {}

  /** The URL of a blob, carrying the token as a query parameter. */
  url(sha256: string): string {
    return `${this.httpBase}/evidence/${sha256}?token=${encodeURIComponent(this.token())}`;
  }

  /** Hashes and stores `bytes`; resolves with their SHA-256. Rejects with {@link EvidenceUploadError}. */
  upload(bytes: Blob): Promise<string> {
    return sha256Hex(bytes).then((hash) => {
      let upload = this.uploads.get(hash);
      if (!upload) {
        upload = this.put(hash, bytes);
        this.uploads.set(hash, upload);
        upload.catch(() => this.uploads.delete(hash));
      }
      return upload;
    });
  }

  private async put(hash: string, bytes: Blob): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${this.httpBase}/evidence/${hash}`, {
        method: 'PUT',
        body: bytes,
        headers: { Authorization: `Bearer ${this.token()}`, 'Content-Type': bytes.type || 'application/octet-stream' },
      });
    } catch (cause) {
      throw new EvidenceUploadError(0, 'network', `the evidence store could not be reached: ${String(cause)}`);
    }
    if (response.ok) return hash;
    let code = 'error';
    let message = `the evidence store answered ${response.status}`;
    try {
      const body = (await response.json()) as { error?: unknown; message?: unknown };
      if (typeof body.error === 'string') code = body.error;
      if (typeof body.message === 'string') message = body.message;
    } catch {
      // not JSON: keep the status message
    }
    throw new EvidenceUploadError(response.status, code, message);
  }
}
