#!/usr/bin/env node
/**
 * The `huishen-server` command, the only module that reads argv and the environment.
 *
 *     huishen-server --host 127.0.0.1 --port 1234 --data ./.huishen-data --secret <s>
 *     huishen-server --postgres postgres://… --secret <s>
 *     huishen-server token --secret <s> --room R --user U --name N --venue V --role ROLE --ttl 3600
 *
 * Server flags: `--public-key <pem file>` or `--jwks <json file>` verify portal-minted ES256/EdDSA
 * tokens instead of `--secret`; `--blobs <dir>` (default `<data>/blobs`); `--livekit-url`,
 * `--livekit-key`, `--livekit-secret`; `--limit name=value` (repeatable, see `Limits`);
 * `--verbose`. Environment fallbacks: HUISHEN_SECRET, HUISHEN_POSTGRES_URL, LIVEKIT_URL,
 * LIVEKIT_API_KEY, LIVEKIT_API_SECRET. SIGTERM/SIGINT shut down gracefully.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Role } from '@huishen/model';
import { createTokenVerifier, mintToken, type Authenticate } from './auth.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { consoleLogger } from './metrics.js';
import type { RoomStore } from './persistence/types.js';

// Kept here rather than imported so that `huishen-server token` starts fast (no yjs, no stores).
const ROLES = ['chair', 'presenter', 'member', 'recorder', 'observer'];

function fail(message: string): never {
  process.stderr.write(`huishen-server: ${message}\n`);
  process.exit(2);
}

async function tokenCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      secret: { type: 'string' },
      room: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      venue: { type: 'string' },
      role: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const secret = values.secret ?? process.env['HUISHEN_SECRET'];
  if (!secret) fail('token needs --secret (or HUISHEN_SECRET)');
  const { room, user, name, venue, role } = values;
  if (!room || !user || !name || !venue || !role) fail('token needs --room, --user, --name, --venue and --role');
  if (!(ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  const ttl = Number(values.ttl);
  if (!(ttl > 0)) fail('--ttl must be a positive number of seconds');
  process.stdout.write((await mintToken(secret, { room, userId: user, name, venue, role: role as Role, ttlSeconds: ttl })) + '\n');
}

function parseLimits(pairs: string[]): Partial<Limits> {
  const limits: Partial<Limits> = {};
  for (const pair of pairs) {
    const [key, raw] = pair.split('=');
    if (!key || raw === undefined || !(key in DEFAULT_LIMITS)) fail(`unknown limit ${pair}; known: ${Object.keys(DEFAULT_LIMITS).join(', ')}`);
    limits[key as keyof Limits] = Number(raw);
  }
  return limits;
}

async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '1234' },
      data: { type: 'string', default: './.huishen-data' },
      postgres: { type: 'string' },
      secret: { type: 'string' },
      'public-key': { type: 'string' },
      jwks: { type: 'string' },
      blobs: { type: 'string' },
      'livekit-url': { type: 'string' },
      'livekit-key': { type: 'string' },
      'livekit-secret': { type: 'string' },
      limit: { type: 'string', multiple: true, default: [] },
      verbose: { type: 'boolean', default: false },
    },
  });
  const env = process.env;
  const logger = consoleLogger(values.verbose);
  const secret = values.secret ?? env['HUISHEN_SECRET'];
  let authenticate: Authenticate;
  if (values['public-key']) authenticate = await createTokenVerifier({ publicKeyPem: await readFile(values['public-key'], 'utf8') });
  else if (values.jwks) authenticate = await createTokenVerifier({ jwks: JSON.parse(await readFile(values.jwks, 'utf8')) as never });
  else if (secret) authenticate = await createTokenVerifier({ secret });
  else fail('one of --secret (or HUISHEN_SECRET), --public-key or --jwks is required');

  const data = resolve(values.data);
  const postgres = values.postgres ?? env['HUISHEN_POSTGRES_URL'];
  // Stores load lazily: pg and LevelDB are only paid for by the mode in use.
  const store: RoomStore = postgres
    ? await (await import('./persistence/postgres.js')).createPostgresStore(postgres)
    : await (await import('./persistence/leveldb.js')).createLevelDbStore(join(data, 'rooms'));
  const { createRoomServer } = await import('./server.js');
  const { createFsBlobStore } = await import('./blobs/fs.js');
  const blobs = createFsBlobStore(values.blobs ? resolve(values.blobs) : join(data, 'blobs'));
  const livekitUrl = values['livekit-url'] ?? env['LIVEKIT_URL'];
  const apiKey = values['livekit-key'] ?? env['LIVEKIT_API_KEY'];
  const apiSecret = values['livekit-secret'] ?? env['LIVEKIT_API_SECRET'];
  const livekit = livekitUrl && apiKey && apiSecret ? { url: livekitUrl, apiKey, apiSecret } : undefined;

  const server = createRoomServer({ store, authenticate, blobs, livekit, logger, limits: parseLimits(values.limit) });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0–65535');
  const address = await server.listen(port, values.host);
  process.stdout.write(`huishen-server listening on http://${address.host}:${address.port} (store: ${store.kind})\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    void server
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error('shutdown failed', { error: String(err) });
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

const [command, ...rest] = process.argv.slice(2);
const run = command === 'token' ? tokenCommand(rest) : serveCommand(command === 'serve' ? rest : process.argv.slice(2));
run.catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
