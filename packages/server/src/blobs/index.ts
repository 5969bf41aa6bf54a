export { BlobError, type BlobInfo, type BlobStore, type EvidenceMime } from './types.js';
export { createFsBlobStore, TEMP_PREFIX } from './fs.js';
export { isSha256, sniffMime, SHA256_PATTERN, SNIFF_BYTES } from './sniff.js';
