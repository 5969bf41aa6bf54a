/**
 * The two-venue demo's process: the room server with the embedded LevelDB store (under
 * `demo/.data/`, git-ignored), the seeded fictional case, a LiveKit SFU when one is available,
 * and the demo pages served by Vite, all on 127.0.0.1.
 *
 *     node --conditions=source --import tsx demo/server.ts [--port 5173] [--server-port 5180] [--reset] [--no-livekit]
 *
 * `npm start` runs this through `demo/start.mjs`. Restarting keeps the session's data; `--reset`
 * deletes it first. The page asks `/api/session?as=<participant>` for a fresh room token: each
 * venue window is a separate connection with its own token, exactly as a portal would mint them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createFsBlobStore, createLevelDbStore, createRoomServer, createTokenVerifier, mintToken, type LivekitConfig } from '@huishen/server';
import { createServer as createVite, type Plugin } from 'vite';
import { DEMO_ROOM, PARTICIPANTS, participant } from './case.js';
import { seedDemoRoom } from './seed.js';

const DEMO_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(DEMO_DIR, '..');
const LIVEKIT_VERSION = 'v1.13.5';
/** The room server's port unless `--server-port` says otherwise. */
const DEFAULT_SERVER_PORT = 5180;
/** The LiveKit dev server's built-in key pair (`livekit-server --dev`). */
const LIVEKIT_DEV = { apiKey: 'devkey', apiSecret: 'secret' } as const;

/** What the demo page gets for one participant. */
export interface DemoSession {
  readonly serverUrl: string;
  readonly room: string;
  readonly token: string;
  readonly participant: (typeof PARTICIPANTS)[number];
  /** How the document camera can reach LiveKit, or why it cannot. */
  readonly livekit: { readonly available: true } | { readonly available: false; readonly reason: 'not-found' };
}

function log(line: string): void {
  process.stdout.write(`huishen demo: ${line}\n`);
}

/** The demo's signing secret, kept with its data so tokens survive a restart. */
async function demoSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** `livekit-server` from PATH, from `LIVEKIT_SERVER`, or as the tests build it. */
function findLivekitServer(): string | undefined {
  const candidates = [
    process.env['LIVEKIT_SERVER'],
    join(homedir(), '.cache', 'huishen', 'livekit', LIVEKIT_VERSION, 'server'),
    ...(process.env['PATH'] ?? '').split(':').map((dir) => join(dir, 'livekit-server')),
  ];
  return candidates.find((c): c is string => c !== undefined && c !== '' && existsSync(c));
}

/** LiveKit settings: `LIVEKIT_URL` (+ key and secret) if set, else a local `--dev` SFU if found. */
function startLivekit(): { config: LivekitConfig | undefined; child: ChildProcess | undefined } {
  const url = process.env['LIVEKIT_URL'];
  if (url) {
    const apiKey = process.env['LIVEKIT_API_KEY'] ?? LIVEKIT_DEV.apiKey;
    const apiSecret = process.env['LIVEKIT_API_SECRET'] ?? LIVEKIT_DEV.apiSecret;
    log(`LiveKit at ${url}`);
    return { config: { url, apiKey, apiSecret }, child: undefined };
  }
  const binary = findLivekitServer();
  if (!binary) {
    log('no livekit-server found: the document camera panel explains how to enable it');
    return { config: undefined, child: undefined };
  }
  const child = spawn(binary, ['--dev', '--bind', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', () => undefined);
  child.on('exit', (code) => {
    if (code !== null && code !== 0) log(`livekit-server exited with ${code}`);
  });
  log(`LiveKit SFU ${binary} on ws://127.0.0.1:7880`);
  return { config: { url: 'ws://127.0.0.1:7880', ...LIVEKIT_DEV }, child };
}

/** The `/api/session` endpoint of the demo page. */
function sessionApi(secret: string, serverUrl: string, livekit: boolean): Plugin {
  return {
    name: 'huishen-demo-session',
    configureServer(server) {
      server.middlewares.use('/api/session', (req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const who = participant(url.searchParams.get('as') ?? '');
        if (!who) {
          res.statusCode = 404;
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ error: 'unknown-participant', known: PARTICIPANTS.map((p) => p.id) }));
          return;
        }
        void mintToken(secret, { room: DEMO_ROOM, userId: who.id, name: who.name, venue: who.venue, role: who.role, ttlSeconds: 8 * 3600 }).then((token) => {
          const body: DemoSession = {
            serverUrl,
            room: DEMO_ROOM,
            token,
            participant: who,
            livekit: livekit ? { available: true } : { available: false, reason: 'not-found' },
          };
          res.setHeader('Content-Type', 'application/json');
          res.setHeader('Cache-Control', 'no-store');
          res.end(JSON.stringify(body));
        });
      });
    },
  };
}

const ASSET_TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.icc': 'application/vnd.iccprofile',
};

/**
 * pdf.js assets of both engines from node_modules, at `/pdfjs/` and `/pdfjs-v4/` — only the
 * folders pdf.js loads at run time; nothing comes from a CDN.
 */
function pdfjsAssets(): Plugin {
  const roots: Record<string, string> = { '/pdfjs/': join(ROOT, 'node_modules', 'pdfjs-dist'), '/pdfjs-v4/': join(ROOT, 'node_modules', 'pdfjs-dist-v4') };
  const folders = ['legacy/build/', 'cmaps/', 'standard_fonts/', 'wasm/', 'iccs/'];
  return {
    name: 'huishen-demo-pdfjs',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
        const prefix = Object.keys(roots).find((p) => path.startsWith(p));
        const rest = prefix ? path.slice(prefix.length) : '';
        if (!prefix || !folders.some((f) => rest.startsWith(f)) || rest.includes('..')) return next();
        const file = join(roots[prefix]!, rest);
        if (!existsSync(file)) return next();
        res.setHeader('Content-Type', ASSET_TYPES[extname(file)] ?? 'application/octet-stream');
        res.setHeader('Cache-Control', 'public, max-age=3600');
        createReadStream(file).pipe(res);
      });
    },
  };
}

/** Starts the demo; resolves with its page URL and a function that stops everything. */
export async function startDemo(
  options: { port?: number; serverPort?: number; reset?: boolean; dataDir?: string; livekit?: boolean } = {},
): Promise<{ url: string; serverUrl: string; close(): Promise<void> }> {
  const dataDir = options.dataDir ?? join(DEMO_DIR, '.data');
  if (options.reset) {
    await rm(dataDir, { recursive: true, force: true });
    log('reset: previous session data deleted');
  }
  await mkdir(dataDir, { recursive: true });
  const secret = await demoSecret(dataDir);
  const store = await createLevelDbStore(join(dataDir, 'rooms'));
  const blobs = createFsBlobStore(join(dataDir, 'blobs'));
  if (await seedDemoRoom(DEMO_ROOM, store, blobs)) log(`seeded the fictional case in room ${DEMO_ROOM}`);
  else log(`continuing the session in room ${DEMO_ROOM} (use --reset to start over)`);

  const livekit = options.livekit === false ? { config: undefined, child: undefined } : startLivekit();
  const rooms = createRoomServer({ store, blobs, authenticate: await createTokenVerifier({ secret }), livekit: livekit.config });
  // A fixed port, so that pages open across a restart of this process reconnect to it.
  const address = await rooms.listen(options.serverPort ?? DEFAULT_SERVER_PORT, '127.0.0.1').catch((error: unknown) => {
    throw new Error(`cannot listen on 127.0.0.1:${options.serverPort ?? DEFAULT_SERVER_PORT} for the room server (${String(error)}); pass --server-port`);
  });
  const serverUrl = `http://${address.host}:${address.port}`;

  const vite = await createVite({
    configFile: join(ROOT, 'vite.config.ts'),
    root: DEMO_DIR,
    server: { host: '127.0.0.1', port: options.port ?? 5173, strictPort: false },
    plugins: [sessionApi(secret, serverUrl, livekit.config !== undefined), pdfjsAssets()],
    logLevel: 'warn',
  });
  await vite.listen();
  const url = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${options.port ?? 5173}/`;
  return {
    url,
    serverUrl,
    async close() {
      await vite.close();
      await rooms.close();
      await store.close();
      livekit.child?.kill('SIGTERM');
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'server-port': { type: 'string' }, reset: { type: 'boolean', default: false }, 'no-livekit': { type: 'boolean', default: false } } });
  const portOf = (value: string | undefined, flag: string) => {
    if (value === undefined) return undefined;
    const port = Number(value);
    if (!(Number.isInteger(port) && port >= 0 && port < 65536)) throw new Error(`${flag} must be 0–65535`);
    return port;
  };
  const demo = await startDemo({ port: portOf(values.port, '--port'), serverPort: portOf(values['server-port'], '--server-port'), reset: values.reset, livekit: !values['no-livekit'] });
  log(`room server on ${demo.serverUrl}`);
  log(`open ${demo.url}  (both venues side by side; Ctrl+C to stop)`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void demo.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`huishen demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
