/**
 * Type detection from magic bytes. The client's `Content-Type` is never trusted: what we serve
 * back with `Content-Type` is what the first bytes say, and only four types are accepted.
 */
import type { EvidenceMime } from './types.js';

/** How many leading bytes {@link sniffMime} needs to decide for every accepted type. */
export const SNIFF_BYTES = 12;

const startsWith = (head: Uint8Array, magic: readonly number[], offset = 0): boolean =>
  head.length >= offset + magic.length && magic.every((byte, i) => head[offset + i] === byte);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46]; // RIFF
const WEBP = [0x57, 0x45, 0x42, 0x50]; // WEBP at offset 8

/**
 * The evidence type of a blob from its first bytes, or `undefined` when it is none of the accepted
 * types. Pass at least {@link SNIFF_BYTES} bytes when the blob has that many; a shorter `head` is
 * judged as the whole blob.
 */
export function sniffMime(head: Uint8Array): EvidenceMime | undefined {
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return 'image/webp';
  return undefined;
}

/** Lower-case hex SHA-256, the only blob name the store accepts. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** True when `value` is a lower-case hex SHA-256. */
export function isSha256(value: string): boolean {
  return SHA256_PATTERN.test(value);
}
