/**
 * The production store: PostgreSQL through `pg`, safe with several server nodes on one database.
 *
 * How to think about it (docs/scale-out.md, "PostgreSQL details"):
 *
 * - `hs_yupdate` is an append-only log, one row per update; `hs_ysnapshot` holds compaction
 *   results; `hs_room` registers rooms (and carries the restore `epoch`). Two tables rather than a
 *   kind column keep the hot table narrow and append-only, and give snapshots their own columns
 *   (state vector, merged row count) and their own retention.
 * - **Load merges every snapshot and every update of the room**, read by one statement (one MVCC
 *   snapshot). It never filters by id: ids are handed out at insert, but transactions commit in
 *   any order, so "everything above the last compacted id" can skip a late commit.
 * - **Compaction deletes exactly the ids it read**, in the transaction that inserts the snapshot.
 *   Two compactors, in this process or others, are therefore still correct;
 *   `pg_try_advisory_xact_lock` only saves the duplicate work.
 * - **Group commit**: appends from every room of this store go through one writer. While one
 *   INSERT is committing, new appends queue; the next round sends all of them as one multi-row
 *   `INSERT … SELECT FROM unnest(…)` (one transaction, one WAL flush). Every session runs with
 *   `synchronous_commit = on`, so a resolved append is on disk (and on a synchronous standby, if
 *   the cluster has one).
 * - A lost connection rejects what was in flight on it (the caller resends: appends are
 *   at-least-once, and duplicate Yjs updates are harmless and vanish at compaction); the pool
 *   opens a new connection for the next call.
 */
import pg from 'pg';
import * as Y from 'yjs';

import {
  assertRoomName,
  assertUpdates,
  checksum,
  GroupCommit,
  InFlight,
  type Commitable,
  mergeEntries,
  totalBytes,
  verified,
} from './entries.js';
import { RoomLoadError, type CompactionResult, type RoomStore } from './types.js';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** Connections in the pool (one writer, loads, compactions). Default 4. */
  poolSize?: number;
  /** Shown in `pg_stat_activity`. Default `huishen`. */
  applicationName?: string;
  /** Written to `hs_yupdate.node_id`, to tell which server node stored a row. Default null. */
  nodeId?: string;
  /** Upper bounds of one group-commit round. Defaults 1000 rows and 4 MiB. A single larger
   * append call still goes out whole, alone. */
  maxBatchRows?: number;
  maxBatchBytes?: number;
  /** Take `pg_try_advisory_xact_lock` per room in compaction. Default true; turning it off only
   * costs duplicate work (tests use that to prove the delete-what-you-read rule). */
  advisoryLock?: boolean;
  /** Give up connecting after this long. Default 10 s. */
  connectionTimeoutMs?: number;
  /** Client-side timeout of one query; a hung server then rejects instead of hanging. Default 30 s. */
  queryTimeoutMs?: number;
  /** Errors of idle connections (e.g. the server restarted). Default: ignored; the pool replaces
   * the connection on next use. */
  onError?: (error: Error) => void;
}

/** Creates the tables when absent. Serialised by a transaction-level advisory lock so that
 * several nodes starting at once do not race on `CREATE TABLE IF NOT EXISTS`. */
const SCHEMA = `
SELECT pg_advisory_xact_lock(hashtextextended('huishen:schema', 0));
CREATE TABLE IF NOT EXISTS hs_room (
  room        text PRIMARY KEY,
  epoch       integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS hs_yupdate (
  room        text NOT NULL,
  id          bigserial NOT NULL,
  data        bytea NOT NULL,
  checksum    integer NOT NULL,
  node_id     text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (room, id)
);
CREATE TABLE IF NOT EXISTS hs_ysnapshot (
  room        text NOT NULL,
  id          bigserial NOT NULL,
  state       bytea NOT NULL,
  checksum    integer NOT NULL,
  sv          bytea NOT NULL,
  merged_rows integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (room, id)
);
COMMENT ON COLUMN hs_yupdate.checksum IS 'CRC-32 of data, as a signed int4';
COMMENT ON COLUMN hs_ysnapshot.checksum IS 'CRC-32 of state, as a signed int4';
`;

const APPEND = `
WITH registered AS (
  INSERT INTO hs_room (room)
  SELECT DISTINCT r FROM unnest($1::text[]) AS r ORDER BY r -- one lock order for every node
  ON CONFLICT DO NOTHING
)
INSERT INTO hs_yupdate (room, data, checksum, node_id)
SELECT t.room, t.data, t.checksum, $4
FROM unnest($1::text[], $2::bytea[], $3::integer[]) WITH ORDINALITY AS t(room, data, checksum, n)
ORDER BY t.n`;

/** Everything stored for a room, in one statement so it is one consistent MVCC snapshot. */
const READ_ROOM = `
SELECT 0 AS kind, id, state AS data, checksum FROM hs_ysnapshot WHERE room = $1
UNION ALL
SELECT 1 AS kind, id, data, checksum FROM hs_yupdate WHERE room = $1
ORDER BY kind, id`;

const SIZE = `
SELECT count(*)::bigint AS entries, coalesce(sum(octet_length(d)), 0)::bigint AS bytes
FROM (SELECT state AS d FROM hs_ysnapshot WHERE room = $1
      UNION ALL SELECT data FROM hs_yupdate WHERE room = $1) AS t`;

const ROOM_LOCK_KEY = `hashtextextended('huishen:yjs:' || $1, 0)`;

interface Row {
  kind: number;
  id: string;
  data: Buffer;
  checksum: number;
}

interface PendingAppend extends Commitable {
  room: string;
  data: Buffer[];
  checksums: number[];
}

function toBuffer(u: Uint8Array): Buffer {
  // A copy: the caller may reuse its buffers before the batch goes out.
  return Buffer.from(u);
}

/**
 * Connects to PostgreSQL at `url`, creates the tables when absent and returns the store.
 * Rejects when the database cannot be reached.
 */
export async function createPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<RoomStore> {
  const useLock = options.advisoryLock ?? true;
  const nodeId = options.nodeId ?? null;
  const onError = options.onError ?? (() => undefined);

  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 4,
    application_name: options.applicationName ?? 'huishen',
    // Per session, whatever the server default: a resolved append must be flushed to disk.
    options: '-c synchronous_commit=on',
    keepAlive: true,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    query_timeout: options.queryTimeoutMs ?? 30_000,
  });
  pool.on('error', (error) => onError(error));

  try {
    await withClient(async (client) => {
      await client.query(`BEGIN;${SCHEMA}COMMIT;`);
      // A pooler that drops startup options (PgBouncer without ignore_startup_parameters) would
      // silently make acknowledgements weaker; refuse to run instead.
      const { rows } = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
      if (rows[0]?.synchronous_commit !== 'on') {
        throw new Error(`synchronous_commit is ${rows[0]?.synchronous_commit ?? 'unknown'}, expected on`);
      }
    });
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  let closed: Promise<void> | undefined;
  const inFlight = new InFlight('postgres');
  const writer = new GroupCommit<PendingAppend>(
    async (round) => {
      const rooms: string[] = [];
      const data: Buffer[] = [];
      const sums: number[] = [];
      for (const p of round) {
        for (let i = 0; i < p.data.length; i++) {
          rooms.push(p.room);
          data.push(p.data[i]!);
          sums.push(p.checksums[i]! | 0);
        }
      }
      await pool.query(APPEND, [rooms, data, sums, nodeId]);
    },
    { maxRows: options.maxBatchRows ?? 1000, maxBytes: options.maxBatchBytes ?? 4 * 1024 * 1024 },
  );

  /** Runs `op` on a pooled client; a client that failed mid-way is discarded, not reused. */
  async function withClient<T>(op: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    // A checked-out client that loses its connection between queries emits 'error'; without a
    // listener that would crash the process.
    let broken: Error | undefined;
    const onClientError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onClientError);
    try {
      const result = await op(client);
      client.removeListener('error', onClientError);
      client.release(broken);
      return result;
    } catch (error) {
      let clean = broken === undefined;
      if (clean) {
        // Leave the connection usable (an aborted transaction would poison the next user).
        await client.query('ROLLBACK').catch(() => {
          clean = false;
        });
      }
      client.removeListener('error', onClientError);
      client.release(clean ? undefined : (broken ?? (error as Error)));
      throw error;
    }
  }

  function readRoom(client: pg.ClientBase | pg.Pool, room: string): Promise<pg.QueryResult<Row>> {
    return client.query<Row>(READ_ROOM, [room]);
  }

  function verifiedRows(room: string, rows: readonly Row[]): Uint8Array[] {
    return rows.map((r) => verified(room, r.data, r.checksum));
  }

  return {
    kind: 'postgres',

    load(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        let rows: Row[];
        try {
          rows = (await readRoom(pool, room)).rows;
        } catch (cause) {
          throw new RoomLoadError(room, { cause });
        }
        return verifiedRows(room, rows);
      });
    },

    append(room, updates) {
      return inFlight.run(async () => {
        assertRoomName(room);
        assertUpdates(updates);
        if (updates.length === 0) return;
        const data = updates.map(toBuffer);
        await writer.push({
          room,
          data,
          checksums: data.map(checksum),
          rows: data.length,
          bytes: totalBytes(data),
        });
      });
    },

    compact(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        return withClient(async (client): Promise<CompactionResult> => {
          await client.query('BEGIN');
          if (useLock) {
            const lock = await client.query<{ locked: boolean }>(
              `SELECT pg_try_advisory_xact_lock(${ROOM_LOCK_KEY}) AS locked`,
              [room],
            );
            if (lock.rows[0]?.locked !== true) {
              // Another compactor has the room; its result will be as good as ours.
              await client.query('ROLLBACK');
              return { readEntries: 0, bytesBefore: 0, bytesAfter: 0 };
            }
          }
          const { rows } = await readRoom(client, room);
          const payloads = verifiedRows(room, rows);
          const bytesBefore = totalBytes(payloads);
          if (rows.length < 2) {
            await client.query('ROLLBACK');
            return { readEntries: 0, bytesBefore, bytesAfter: bytesBefore };
          }
          const merged = mergeEntries(room, payloads);
          const state = Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength);
          await client.query(
            `INSERT INTO hs_ysnapshot (room, state, checksum, sv, merged_rows)
             VALUES ($1, $2, $3, $4, $5)`,
            [room, state, checksum(merged) | 0, Buffer.from(Y.encodeStateVectorFromUpdate(merged)), rows.length],
          );
          const ids = (kind: number): string[] => rows.filter((r) => r.kind === kind).map((r) => r.id);
          await client.query('DELETE FROM hs_yupdate WHERE room = $1 AND id = ANY($2::bigint[])', [
            room,
            ids(1),
          ]);
          await client.query('DELETE FROM hs_ysnapshot WHERE room = $1 AND id = ANY($2::bigint[])', [
            room,
            ids(0),
          ]);
          await client.query('COMMIT');
          return { readEntries: rows.length, bytesBefore, bytesAfter: merged.byteLength };
        });
      });
    },

    size(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        const { rows } = await pool.query<{ entries: string; bytes: string }>(SIZE, [room]);
        return { entries: Number(rows[0]?.entries ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
      });
    },

    deleteRoom(room) {
      return inFlight.run(async () => {
        assertRoomName(room);
        await withClient(async (client) => {
          await client.query('BEGIN');
          // Waits for a running compaction, which would otherwise re-insert its snapshot.
          await client.query(`SELECT pg_advisory_xact_lock(${ROOM_LOCK_KEY})`, [room]);
          await client.query('DELETE FROM hs_yupdate WHERE room = $1', [room]);
          await client.query('DELETE FROM hs_ysnapshot WHERE room = $1', [room]);
          await client.query('DELETE FROM hs_room WHERE room = $1', [room]);
          await client.query('COMMIT');
        });
      });
    },

    close() {
      closed ??= inFlight.drain().then(() => pool.end());
      return closed;
    },
  };
}
