/**
 * Runs the real `huishen-server` CLI in a child process (through tsx, on the TypeScript sources),
 * for the crash and CLI tests. Only the PIDs started here are ever signalled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../packages/server/src/bin.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Resolves with the exit code (or signal name) once the process ended. */
  exited: Promise<number | string>;
  stderr(): string;
}

/** Runs `huishen-server <args>` to completion and returns its stdout. */
export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the server on a free port and resolves once it listens. */
export function startServerProcess(args: string[]): Promise<ServerProcess> {
  return startListeningProcess(BIN, ['--host', '127.0.0.1', '--port', '0', ...args]);
}

/**
 * Runs the TypeScript module `script` (through tsx, like the server) in a child process and
 * resolves once it printed `listening on http://127.0.0.1:<port>` on stdout. The bench uses it to
 * start the anchor relay exactly the way it starts ours.
 */
export function startListeningProcess(script: string, args: string[]): Promise<ServerProcess> {
  // HUISHEN_SERVER_NODE_ARGS adds Node flags to the server process (e.g. `--cpu-prof`) when investigating.
  const extra = process.env['HUISHEN_SERVER_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, '--conditions=source', '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        // Keep draining stdout (a full pipe would block the child), but stop collecting it.
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ child, port: Number(m[1]), url: `ws://127.0.0.1:${m[1]}`, exited, stderr: () => stderr });
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`${script} exited (${code}) before listening: ${stderr}`)));
  });
}
