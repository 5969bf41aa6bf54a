#!/usr/bin/env node
// `npm start`: the main job — the two-venue demo with the embedded room server (demo/server.ts).
// It installs the npm dependencies itself on a fresh clone and says what is missing when it
// cannot. Arguments after `--` go to the demo: `npm start -- --reset` starts the session over,
// `npm start -- --port 8080` picks the page's port.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PUPPETEER_SKIP_DOWNLOAD: '1' };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) {
    console.error(`huishen: could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`huishen: Node.js 20.19 or newer is needed (this is ${process.versions.node}).`);
  process.exit(1);
}
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('huishen: installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(root, 'demo', 'server.ts'), ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
