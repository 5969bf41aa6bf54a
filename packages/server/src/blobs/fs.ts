/**
 * The evidence store on local disk: one file per blob at `dir/ab/cd/<sha256>` (the first two
 * byte-pairs of the hash fan the files out so no directory grows huge).
 *
 * How to think about it: a blob file either exists complete and verified, or not at all. A put
 * streams the body into a private temp file next to its final place (same directory, so the same
 * filesystem) while hashing, counting and sniffing it; only when the hash, size and type all check
 * out and the bytes are fsynced is the temp file linked into place. Readers therefore never see a
 * partial or unverified blob, and every server node sharing the directory can trust what it reads.
 *
 * Metadata is not stored beside the blob: `bytes` is the file size and `mime` is sniffed again from
 * the first bytes (they were sniffed on the way in, so this is exact). One file per blob means one
 * atomic step to publish it, and no sidecar that can disagree with, or outlive, its blob.
 *
 * Write-once: the temp file is published with `link()`, which never replaces an existing file, so
 * concurrent puts of the same blob are safe (the first to link wins; the others find it there and
 * discard their identical copy). Filesystems without hard links fall back to `rename()`, which is
 * still atomic and replaces identical bytes with identical bytes.
 *
 * Temp files are named `.tmp-<sha256>-<random>` in the blob's directory and are removed on every
 * failure, including a body stream that errors because the client went away. Only a process killed
 * mid-put leaves one behind; anything starting with `.tmp-` is safe to delete while no put runs.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isSha256, sniffMime, SNIFF_BYTES } from './sniff.js';
import { BlobError, type BlobInfo, type BlobStore, type EvidenceMime } from './types.js';

/** Prefix of in-progress uploads inside the store's directories. */
export const TEMP_PREFIX = '.tmp-';

const isErrno = (error: unknown, ...codes: string[]): boolean =>
  typeof error === 'object' && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? '');

function assertSha256(sha256: string): void {
  if (typeof sha256 !== 'string' || !isSha256(sha256)) {
    throw new BlobError('bad-hash', 'a blob is named by its lower-case hex SHA-256 (64 characters)');
  }
}

/** Writes all of `buf`, looping over short writes. */
async function writeAll(fh: FileHandle, buf: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buf.length) {
    const { bytesWritten } = await fh.write(buf, offset, buf.length - offset);
    offset += bytesWritten;
  }
}

/** Best-effort fsync of a directory, so a completed rename or link survives a power cut. */
async function syncDir(path: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    await fh.sync();
  } catch {
    // Some platforms cannot open or fsync a directory; the blob file itself is already synced.
  } finally {
    await fh?.close().catch(() => {});
  }
}

/**
 * Streams `body` through the checks, handing each accepted chunk to `sink` (when given).
 * Throws a {@link BlobError} as soon as a check fails: the size limit at the first byte over it,
 * the type as soon as {@link SNIFF_BYTES} bytes have arrived, the hash at the end.
 */
async function verifyStream(
  sha256: string,
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  sink?: (chunk: Buffer) => Promise<void>,
): Promise<BlobInfo> {
  const hash = createHash('sha256');
  let bytes = 0;
  let head = Buffer.alloc(0);
  let mime: EvidenceMime | undefined;
  for await (const chunk of body) {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('blob bodies must yield bytes, not strings');
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (buf.length === 0) continue;
    bytes += buf.length;
    if (bytes > maxBytes) throw new BlobError('too-large', `blob exceeds the limit of ${maxBytes} bytes`);
    if (mime === undefined) {
      head = Buffer.concat([head, buf.subarray(0, SNIFF_BYTES - head.length)]);
      if (head.length >= SNIFF_BYTES) {
        mime = sniffMime(head);
        if (mime === undefined) throw new BlobError('unsupported-type', 'only PDF, PNG, JPEG and WebP files are accepted');
      }
    }
    hash.update(buf);
    if (sink) await sink(buf);
  }
  mime ??= sniffMime(head);
  if (mime === undefined) throw new BlobError('unsupported-type', 'only PDF, PNG, JPEG and WebP files are accepted');
  const actual = hash.digest('hex');
  if (actual !== sha256) throw new BlobError('hash-mismatch', `the body hashes to ${actual}, not ${sha256}`);
  return { sha256, bytes, mime };
}

/**
 * Opens a content-addressed, write-once evidence store rooted at `dir` (created on first put).
 * Holds no state besides the path, so several stores (or processes) may share one directory.
 */
export function createFsBlobStore(dir: string): BlobStore {
  const dirOf = (sha256: string): string => join(dir, sha256.slice(0, 2), sha256.slice(2, 4));
  const pathOf = (sha256: string): string => join(dirOf(sha256), sha256);

  async function stat(sha256: string): Promise<BlobInfo | undefined> {
    assertSha256(sha256);
    let fh: FileHandle;
    try {
      fh = await open(pathOf(sha256), 'r');
    } catch (error) {
      if (isErrno(error, 'ENOENT', 'ENOTDIR')) return undefined;
      throw error;
    }
    try {
      const { size } = await fh.stat();
      const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
      if (head.length > 0) await fh.read(head, 0, head.length, 0);
      const mime = sniffMime(head);
      // Only verified bytes are ever published, so this means the file was changed behind our back.
      if (mime === undefined) throw new Error(`stored blob ${sha256} no longer has a recognisable type`);
      return { sha256, bytes: size, mime };
    } finally {
      await fh.close();
    }
  }

  async function put(sha256: string, body: AsyncIterable<Uint8Array>, options: { maxBytes: number }): Promise<BlobInfo> {
    assertSha256(sha256);
    const existing = await stat(sha256);
    // Even when the blob exists, the body is read and verified (without being written): a 200 is
    // proof that the uploader holds the bytes, not merely that it knows a hash from another room.
    if (existing) return verifyStream(sha256, body, options.maxBytes);

    const blobDir = dirOf(sha256);
    const finalPath = pathOf(sha256);
    const tempPath = join(blobDir, `${TEMP_PREFIX}${sha256}-${randomBytes(6).toString('hex')}`);
    await mkdir(blobDir, { recursive: true });
    let fh: FileHandle | undefined = await open(tempPath, 'wx', 0o644);
    let tempMoved = false;
    try {
      const file = fh;
      const info = await verifyStream(sha256, body, options.maxBytes, (chunk) => writeAll(file, chunk));
      await fh.sync();
      await fh.close();
      fh = undefined;
      try {
        await link(tempPath, finalPath);
      } catch (error) {
        if (isErrno(error, 'EEXIST')) {
          // A concurrent put of the same blob published first; ours is an identical copy.
        } else if (isErrno(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV')) {
          await rename(tempPath, finalPath);
          tempMoved = true;
        } else {
          throw error;
        }
      }
      await syncDir(blobDir);
      return info;
    } finally {
      await fh?.close().catch(() => {});
      if (!tempMoved) await unlink(tempPath).catch(() => {});
    }
  }

  async function* read(sha256: string, range?: { start: number; end: number }): AsyncGenerator<Uint8Array> {
    assertSha256(sha256);
    let fh: FileHandle;
    try {
      fh = await open(pathOf(sha256), 'r');
    } catch (error) {
      if (isErrno(error, 'ENOENT', 'ENOTDIR')) throw new BlobError('not-found', `no blob ${sha256}`);
      throw error;
    }
    let stream: ReturnType<FileHandle['createReadStream']> | undefined;
    try {
      if (range) {
        const { size } = await fh.stat();
        const { start, end } = range;
        if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end >= size) {
          throw new RangeError(`range ${start}-${end} is outside blob ${sha256} of ${size} bytes`);
        }
      }
      stream = fh.createReadStream(range ? { start: range.start, end: range.end } : {});
      for await (const chunk of stream) yield chunk as Buffer;
    } finally {
      // Destroying the stream closes the handle; without a stream we close it ourselves.
      if (stream) stream.destroy();
      else await fh.close();
    }
  }

  return { stat, put, read };
}
