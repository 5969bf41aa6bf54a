/**
 * A real LiveKit SFU for tests and benchmarks: `livekit-server` v1.13.5 built with `go install`
 * into a cache outside the repository (setup.md), started on 127.0.0.1 on free ports with a
 * random API key, stopped after.
 *
 * - `livekitBinary()` — where the binary is (or `HUISHEN_LIVEKIT_BIN`);
 * - `ensureLivekit({ build })` — the binary, building it with Go when missing and `build` is set;
 *   otherwise `{ reason }` saying how to get it;
 * - `startLivekit()` — a running SFU: `{ url, apiKey, apiSecret, stop() }`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The LiveKit release the project pins (tag v1.13.5 needs Go 1.26, no `replace` directives). */
export const LIVEKIT_VERSION = 'v1.13.5';

/** Where the binary lives: `$HUISHEN_LIVEKIT_BIN`, else `~/.cache/huishen/livekit/<version>/server`. */
export function livekitBinary() {
  return process.env.HUISHEN_LIVEKIT_BIN || join(homedir(), '.cache', 'huishen', 'livekit', LIVEKIT_VERSION, 'server');
}

/** The command that builds the binary. */
export function livekitBuildCommand() {
  return `GOBIN=${dirname(livekitBinary())} go install github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`;
}

/**
 * Makes sure the binary exists. With `build: true` and Go on the PATH, builds it (several minutes
 * on a busy machine). Resolves `{ binary }` or `{ reason }` (a message saying how to install it).
 * @param {{ build?: boolean, log?: (line: string) => void }} [options]
 * @returns {{ binary: string } | { reason: string }}
 */
export function ensureLivekit({ build = false, log = () => {} } = {}) {
  const binary = livekitBinary();
  if (existsSync(binary)) return { binary };
  const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
  const how = `livekit-server is not built: install Go ≥ 1.26 and run \`${livekitBuildCommand()}\` (or set HUISHEN_LIVEKIT_BIN)`;
  if (!build || !hasGo) return { reason: hasGo ? how : `Go is not installed; ${how}` };
  log(`building livekit-server ${LIVEKIT_VERSION} with Go (cached in ${dirname(binary)})…`);
  mkdirSync(dirname(binary), { recursive: true });
  const result = spawnSync('go', ['install', `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`], {
    env: { ...process.env, GOBIN: dirname(binary) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !existsSync(binary)) return { reason: `building livekit-server failed (exit ${result.status}); ${how}` };
  return { binary };
}

/** A free TCP port on 127.0.0.1. */
function freeTcpPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A free UDP port on 127.0.0.1. */
function freeUdpPort() {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/**
 * Starts `livekit-server --dev` on 127.0.0.1 (HTTP/WebSocket, RTC over TCP and one UDP port, all
 * free ports) with a fresh random key. Rejects when the binary is missing or it does not start.
 * @returns {Promise<{ url: string, apiKey: string, apiSecret: string, httpUrl: string, stop(): Promise<void> }>}
 */
export async function startLivekit({ binary = livekitBinary(), timeoutMs = 30_000 } = {}) {
  if (!existsSync(binary)) throw new Error(`no livekit-server at ${binary}; build it with: ${livekitBuildCommand()}`);
  const [port, tcpPort, udpPort] = [await freeTcpPort(), await freeTcpPort(), await freeUdpPort()];
  const apiKey = `huishen-${randomBytes(4).toString('hex')}`;
  const apiSecret = randomBytes(24).toString('hex');
  const config = [
    `port: ${port}`,
    'rtc:',
    `  tcp_port: ${tcpPort}`,
    `  udp_port: ${udpPort}`,
    '  use_external_ip: false',
    'keys:',
    `  ${apiKey}: ${apiSecret}`,
    'logging:',
    '  level: warn',
  ].join('\n');
  const child = spawn(binary, ['--dev', '--bind', '127.0.0.1', '--node-ip', '127.0.0.1', '--config-body', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-4000);
  });
  const httpUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`livekit-server exited (${child.exitCode}): ${log}`);
    try {
      const response = await fetch(httpUrl);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`livekit-server did not start in ${timeoutMs} ms: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl,
    apiKey,
    apiSecret,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
