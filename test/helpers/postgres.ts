/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: Debian's binaries, a temporary
 * directory, 127.0.0.1 on a free port plus a unix socket in that directory, `fsync=on` and
 * `synchronous_commit=on` (the durability the stores promise is the durability we test).
 *
 * Start one per test file and share it; {@link TestPostgres.newDatabase} gives each suite its own
 * database. When the binaries are missing, root installs Debian's `postgresql`; anyone else gets
 * a {@link PostgresUnavailableError} that tests turn into a skip with its message.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';

const run = promisify(execFile);

/** PostgreSQL is not installed and could not be installed here. */
export class PostgresUnavailableError extends Error {
  override readonly name = 'PostgresUnavailableError';
}

/** A running test cluster. */
export interface TestPostgres {
  /** Connection URL of the `postgres` database as the `postgres` superuser (trust auth). */
  url: string;
  port: number;
  /** The temporary directory holding the data directory, the socket and `postgres.log`. */
  dir: string;
  /** Creates a fresh, empty database and returns its URL. */
  newDatabase(): Promise<string>;
  /** Stops the server and removes the directory. Safe to call twice. */
  stop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';

async function findBinDir(): Promise<string | undefined> {
  let versions: string[];
  try {
    versions = await readdir(PG_ROOT);
  } catch {
    return undefined;
  }
  const usable = versions
    .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')) && existsSync(join(PG_ROOT, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return usable[0] === undefined ? undefined : join(PG_ROOT, usable[0], 'bin');
}

const isRoot = (): boolean => process.getuid?.() === 0;

async function install(): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const opts = { env, maxBuffer: 64 * 1024 * 1024 };
  // Wait for another apt run (CI installing Chromium in parallel) instead of failing at once.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  const installArgs = [...lock, 'install', '-y', '--no-install-recommends', 'postgresql'];
  try {
    await run('apt-get', installArgs, opts);
  } catch {
    // A fresh machine may have no package lists yet.
    await run('apt-get', [...lock, 'update'], opts);
    await run('apt-get', installArgs, opts);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Starts a throwaway cluster. Rejects with {@link PostgresUnavailableError} when PostgreSQL is
 * not installed and this process cannot install it (not root), with another error when the
 * cluster fails to start (read `postgres.log` in the message).
 */
export async function startPostgres(): Promise<TestPostgres> {
  let bin = await findBinDir();
  if (bin === undefined && isRoot()) {
    try {
      await install();
    } catch (error) {
      throw new PostgresUnavailableError(
        `PostgreSQL not installed and apt-get install postgresql failed: ${String(error)}`,
      );
    }
    bin = await findBinDir();
  }
  if (bin === undefined) {
    throw new PostgresUnavailableError('PostgreSQL not installed: run apt-get install postgresql');
  }

  const dir = await mkdtemp(join(tmpdir(), 'huishen-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  // initdb refuses to run as root: run the server tools as the `postgres` OS user.
  const asUser: string[] = [];
  if (isRoot()) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    await chown(dir, uid, gid);
    asUser.push('runuser', '-u', 'postgres', '--');
  }
  const tool = (name: string, args: string[]): Promise<unknown> => {
    const argv = [...asUser, join(bin, name), ...args];
    return run(argv[0]!, argv.slice(1), { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
  };

  let started = false;
  const stopSync = (): void => {
    if (started) {
      const argv = [...asUser, join(bin, 'pg_ctl'), 'stop', '-D', data, '-m', 'immediate', '-w'];
      spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore', cwd: dir });
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // If the test process exits without calling stop(), do not leave a postmaster behind.
  process.once('exit', stopSync);

  try {
    await tool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await appendFile(
      join(data, 'postgresql.conf'),
      [
        '',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'fsync = on',
        'synchronous_commit = on',
        'full_page_writes = on',
        'max_connections = 100',
        'shared_buffers = 32MB',
        'tcp_keepalives_idle = 5',
        'tcp_keepalives_interval = 2',
        'tcp_keepalives_count = 3',
        "idle_in_transaction_session_timeout = '10s'",
        '',
      ].join('\n'),
    );
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      try {
        await tool('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', `-p ${port}`]);
        started = true;
        break;
      } catch (error) {
        // Someone may have taken the port between our probe and the bind.
        if (attempt >= 2) throw error;
      }
    }
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    let databases = 0;
    return {
      url,
      port,
      dir,
      async newDatabase() {
        const name = `hs_test_${++databases}`;
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `postgresql://postgres@127.0.0.1:${port}/${name}`;
      },
      async stop() {
        process.removeListener('exit', stopSync);
        if (started) {
          started = false;
          await tool('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']).catch(() => undefined);
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    let detail = '';
    try {
      detail = (await run('tail', ['-n', '20', log])).stdout;
    } catch {
      // no log yet
    }
    stopSync();
    process.removeListener('exit', stopSync);
    throw new Error(`could not start PostgreSQL in ${dir}: ${String(error)}\n${detail}`, { cause: error });
  }
}
