export type { CompactionResult, RoomStore } from './types.js';
export { RoomLoadError } from './types.js';
export { MAX_ROOM_NAME_LENGTH, assertRoomName } from './entries.js';
export { createLevelDbStore } from './leveldb.js';
export { createPostgresStore, type PostgresStoreOptions } from './postgres.js';
export { createMemoryStore, type MemoryEntry, type MemoryStoreOptions } from './memory.js';
