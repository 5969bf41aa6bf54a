/**
 * The durability interface of the room server. A store keeps, per room, an append-only list of
 * Yjs updates (v1 encoding) plus at most a few snapshots made by compaction. The room server
 * appends every accepted update and waits for `append` to resolve before it relays the update,
 * answers **saved**, or sends sync replies that include it (write-ahead).
 *
 * Implementations: LevelDB (embedded default), PostgreSQL (production), memory (unit tests only).
 */

/** Thrown by {@link RoomStore.load} when a room's stored data cannot be read. The room is then
 * refused (close code 4503), never served empty. */
export class RoomLoadError extends Error {
  override readonly name = 'RoomLoadError';
  constructor(
    readonly room: string,
    options?: { cause?: unknown },
  ) {
    super(`room ${room} could not be loaded`, options);
  }
}

/** What compaction did. */
export interface CompactionResult {
  /** Stored entries (updates and snapshots) read and replaced. */
  readEntries: number;
  /** Bytes before and after. */
  bytesBefore: number;
  bytesAfter: number;
}

export interface RoomStore {
  /** A short name for logs and metrics (`leveldb`, `postgres`, `memory`). */
  readonly kind: string;
  /**
   * Every stored update of the room, in the order they were appended (snapshots first). An
   * unknown room gives `[]`. Throws {@link RoomLoadError} when the data is unreadable.
   */
  load(room: string): Promise<Uint8Array[]>;
  /**
   * Durably appends updates (one call may carry many: group commit). Resolves only when they
   * will survive a process or machine crash (LevelDB `sync: true`; PostgreSQL COMMIT with
   * `synchronous_commit = on`). Rejects when they may not have been stored.
   */
  append(room: string, updates: readonly Uint8Array[]): Promise<void>;
  /**
   * Merges the room's stored entries into one snapshot: reads everything, writes the merged
   * snapshot and deletes exactly the entries it read, atomically, so that updates appended
   * concurrently (by this or another process) are never lost.
   */
  compact(room: string): Promise<CompactionResult>;
  /** Number of stored entries and their bytes, to decide when to compact. */
  size(room: string): Promise<{ entries: number; bytes: number }>;
  /** Deletes everything stored for the room. */
  deleteRoom(room: string): Promise<void>;
  /** Closes connections and files. Pending appends finish first. */
  close(): Promise<void>;
}
