/**
 * A Web Test Runner plugin that starts the real Huishen room server (the `huishen-server` CLI from
 * the TypeScript sources, LevelDB and evidence store in a temporary folder) on 127.0.0.1, port 0,
 * for the whole browser run, and tells tests where it is:
 *
 * - `GET /__huishen__/room-server.json` → `{ url }` (the server's http:// base; ws:// for sockets);
 * - `GET /__huishen__/token?room=R&user=U&name=N&venue=V&role=ROLE` → a room token for it.
 *
 * Tests talk to it over real sockets from Chromium, so what they prove went through the server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';

const SECRET = 'wtr-room-server-secret-0123456789';

/**
 * @param {{ rootDir: string, extraArgs?: () => Promise<string[]> }} options `extraArgs` adds CLI
 *   flags, e.g. the LiveKit settings from `wtr-livekit.mjs`.
 */
export function roomServer({ rootDir, extraArgs }) {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let url = '';
  let dataDir = '';
  return {
    name: 'huishen-room-server',
    async serverStart() {
      dataDir = mkdtempSync(join(tmpdir(), 'huishen-wtr-server-'));
      const extra = extraArgs ? await extraArgs() : [];
      child = spawn(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', 'packages/server/src/bin.ts', '--host', '127.0.0.1', '--port', '0', '--data', dataDir, '--secret', SECRET, ...extra],
        { cwd: rootDir, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      url = await new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`room server did not start: ${out}`)), 60_000);
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`room server exited (${code}): ${out}`)));
      });
    },
    async serverStop() {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async serve(context) {
      if (context.path === '/__huishen__/room-server.json') {
        return { body: JSON.stringify({ url }), type: 'application/json' };
      }
      if (context.path === '/__huishen__/token') {
        const q = context.URL.searchParams;
        const token = await new SignJWT({ room: q.get('room'), name: q.get('name'), venue: q.get('venue'), role: q.get('role') })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setSubject(q.get('user') ?? '')
          .setIssuedAt()
          .setExpirationTime(Math.floor(Date.now() / 1000) + 3600)
          .sign(new TextEncoder().encode(SECRET));
        return { body: JSON.stringify({ token }), type: 'application/json' };
      }
      return undefined;
    },
  };
}
