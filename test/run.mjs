#!/usr/bin/env node
/**
 * `npm test`: every check the repository has, in one command, ending with one plain line
 *
 *   tests: N passed, N failed, N skipped
 *
 * and a non-zero exit code when anything failed.
 *
 * Steps, in order (each prints its own output as it runs):
 *
 *   typecheck  `npm run typecheck` (tsc -b)                      counts as one test
 *   lint       `npm run lint` (ESLint)                           counts as one test
 *   node       node:test over test/{model,server,demo,e2e}/*.test.ts, through tsx with the
 *              `source` condition, one file at a time            counts every test
 *   browser    Web Test Runner over test/elements in Debian's Chromium
 *                                                                counts every test
 *   old-engine Web Test Runner over test/old-engine in a real Chromium 103 (the browser floor,
 *              from the npm package @sparticuz/chromium)          counts every test
 *   storybook  `npm run build-storybook` (element manifest, then a static build)
 *                                                                counts as one test
 *
 * Usage: node test/run.mjs [step|group ...]
 *   no argument: everything; groups: `static` = typecheck lint storybook, `all`.
 *   e.g. `node test/run.mjs browser`, `node test/run.mjs node`, `node test/run.mjs lint node`.
 *
 * Counting: a second node:test reporter (helpers/node-count-reporter.mjs) and a WTR reporter
 * (helpers/wtr-count-reporter.mjs) write their counts to files in a temporary directory. A step
 * whose process fails without a counted failure (a crash, a missing counts file) adds one failed
 * test, so nothing that failed can end up as "0 failed".
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLivekit } from './helpers/livekit.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromiumPath = '/usr/bin/chromium';
const cjkFontDir = '/usr/share/fonts/opentype/noto';
const installHint = 'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk';

/** Directories whose `*.test.ts` files run under node:test (Node 20's --test does not glob). */
const nodeTestDirs = ['test/model', 'test/server', 'test/demo', 'test/e2e'];

/**
 * The longest a node:test test may take before it is cancelled as hung. Node runs each file as
 * a test too, so this also bounds a file whose process does not exit (a server or socket left
 * open): without it such a file hangs `npm test` forever. The slowest test today takes ~30 s.
 */
const nodeTestTimeoutMs = 120_000;

const env = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  PUPPETEER_SKIP_DOWNLOAD: '1',
  STORYBOOK_DISABLE_TELEMETRY: '1',
};

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** @typedef {{ passed: number, failed: number, skipped: number, failures: string[] }} Counts */

/** @returns {Counts} */
const none = () => ({ passed: 0, failed: 0, skipped: 0, failures: [] });

/** Set on Ctrl-C: the running step's processes get the signal too; no further step starts. */
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
});
process.on('SIGTERM', () => {
  interrupted = true;
});

/** Runs `command` with inherited output; resolves to its exit code (signals count as failure). */
function run(command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`cannot start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** A step that is one test: passes when the command exits 0. */
function oneTest(name, command, args) {
  return async () => {
    const code = await run(command, args);
    return code === 0
      ? { ...none(), passed: 1 }
      : { ...none(), failed: 1, failures: [`${name} (exit code ${code})`] };
  };
}

/** Reads a counts file; a missing or broken file means the run did not finish. */
function readCounts(file) {
  try {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const parsed = JSON.parse(lines[lines.length - 1] ?? '');
    return {
      passed: Number(parsed.passed) || 0,
      failed: Number(parsed.failed) || 0,
      skipped: Number(parsed.skipped) || 0,
      failures: Array.isArray(parsed.failures) ? parsed.failures.map(String) : [],
    };
  } catch {
    return undefined;
  }
}

/** Combines a counted run with its exit code (see the module comment). */
function settle(name, counts, code) {
  if (!counts) {
    return { ...none(), failed: 1, failures: [`${name}: finished without writing counts (exit code ${code})`] };
  }
  if (code !== 0 && counts.failed === 0) {
    return { ...counts, failed: 1, failures: [`${name}: exited with code ${code} without a failed test`] };
  }
  return counts;
}

function findNodeTestFiles() {
  const files = [];
  for (const dir of nodeTestDirs) {
    const absolute = join(root, dir);
    if (!existsSync(absolute)) continue;
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.test.ts')) files.push(`${dir}/${entry.name}`);
    }
  }
  return files.sort();
}

async function nodeTests(workDir) {
  const files = findNodeTestFiles();
  if (files.length === 0) {
    console.log(`no *.test.ts files in ${nodeTestDirs.join(', ')}`);
    return none();
  }
  const countsFile = join(workDir, 'node-counts.json');
  const code = await run(process.execPath, [
    '--conditions=source',
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    `--test-timeout=${nodeTestTimeoutMs}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'test/helpers/node-count-reporter.mjs')}`,
    `--test-reporter-destination=${countsFile}`,
    ...files,
  ]);
  return settle('node tests', readCounts(countsFile), code);
}

async function browserTests(workDir) {
  const countsFile = join(workDir, 'browser-counts.json');
  const code = await run(
    process.execPath,
    [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'test/web-test-runner.config.mjs'],
    { HUISHEN_WTR_COUNTS: countsFile },
  );
  return settle('browser tests', readCounts(countsFile), code);
}

async function oldEngineTests(workDir) {
  const countsFile = join(workDir, 'old-engine-counts.json');
  const code = await run(
    process.execPath,
    [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'test/web-test-runner.old-engine.config.mjs'],
    { HUISHEN_WTR_COUNTS: countsFile },
  );
  return settle('old-engine smoke tests', readCounts(countsFile), code);
}

/** @type {Record<string, { title: string, run: (workDir: string) => Promise<Counts> }>} */
const steps = {
  typecheck: { title: 'typecheck (tsc -b)', run: oneTest('typecheck', npm, ['run', '--silent', 'typecheck']) },
  lint: { title: 'lint (ESLint)', run: oneTest('lint', npm, ['run', '--silent', 'lint']) },
  node: { title: 'node tests (node:test)', run: nodeTests },
  browser: { title: 'browser tests (Web Test Runner, Chromium)', run: browserTests },
  'old-engine': { title: 'old-engine smoke tests (Web Test Runner, Chromium 103 from @sparticuz/chromium)', run: oldEngineTests },
  storybook: {
    title: 'static Storybook build (manifest + storybook build)',
    run: oneTest('storybook build', npm, ['run', '--silent', 'build-storybook']),
  },
};

const groups = {
  all: Object.keys(steps),
  static: ['typecheck', 'lint', 'storybook'],
};

function selectSteps(args) {
  if (args.length === 0) return groups.all;
  const selected = new Set();
  for (const arg of args) {
    const names = groups[arg] ?? (arg in steps ? [arg] : undefined);
    if (!names) {
      console.error(`unknown step "${arg}"; steps: ${Object.keys(steps).join(', ')}; groups: ${Object.keys(groups).join(', ')}`);
      process.exit(2);
    }
    for (const name of names) selected.add(name);
  }
  return groups.all.filter((name) => selected.has(name)); // always in the canonical order
}

/** Makes sure Debian's Chromium (and CJK fonts) are there; installs them when we are root. */
function ensureChromium() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push('chromium');
  if (!existsSync(cjkFontDir)) missing.push('fonts-noto-cjk');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    if (missing.includes('chromium')) {
      console.error(`Browser tests need Chromium at ${chromiumPath}. Install it with:\n\n  ${installHint}\n`);
      process.exit(1);
    }
    console.warn(`warning: fonts-noto-cjk is missing; Chinese text will not render in screenshots. Install it with:\n  ${installHint}`);
    return;
  }
  console.log(`installing ${missing.join(' ')} (apt-get)`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed. Install by hand:\n\n  ${installHint}\n`);
      process.exit(1);
    }
  }
  if (!existsSync(chromiumPath)) {
    console.error(`${chromiumPath} is still missing after apt-get install chromium.`);
    process.exit(1);
  }
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  const selected = selectSteps(process.argv.slice(2));
  if (!existsSync(join(root, 'node_modules/.bin/tsc'))) {
    // A fresh clone: install exactly what the lockfile says, then go on.
    console.log('node_modules is missing: running npm ci');
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env });
    if (result.status !== 0 || !existsSync(join(root, 'node_modules/.bin/tsc'))) {
      console.error('npm ci failed; install the dependencies with `npm ci` and run `npm test` again.');
      process.exit(1);
    }
  }
  if (selected.includes('browser')) ensureChromium();
  if (selected.includes('browser')) {
    // The document camera tests need a real LiveKit SFU: build it with Go when missing (cached
    // outside the repository); without Go they skip and say how to install it.
    const livekit = ensureLivekit({ build: true, log: (line) => console.log(line) });
    if ('reason' in livekit) console.warn(`LiveKit: ${livekit.reason}`);
  }

  const workDir = mkdtempSync(join(tmpdir(), 'huishen-test-'));
  const results = [];
  const started = Date.now();
  try {
    for (const name of selected) {
      if (interrupted) break;
      const step = steps[name];
      console.log(`\n━━ ${step.title} ━━`);
      const stepStarted = Date.now();
      const counts = await step.run(workDir);
      const ms = Date.now() - stepStarted;
      results.push({ name, counts, ms });
      console.log(`━━ ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds(ms)})`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const total = none();
  console.log('\nsummary');
  for (const { name, counts, ms } of results) {
    console.log(
      `  ${name.padEnd(10)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(4)} failed ${String(counts.skipped).padStart(4)} skipped  ${seconds(ms).padStart(8)}`,
    );
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    total.failures.push(...counts.failures);
  }
  console.log(`  ${'total'.padEnd(10)} ${' '.repeat(41)} ${seconds(Date.now() - started).padStart(8)}`);
  if (total.failures.length > 0) {
    console.log('\nfailed:');
    for (const failure of total.failures) console.log(`  - ${failure.startsWith(root) ? relative(root, failure) : failure}`);
  }
  if (interrupted) {
    console.log(`\ninterrupted; not run: ${selected.slice(results.length).join(', ') || 'nothing'}`);
    total.failed += 1;
  }
  console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exitCode = interrupted ? 130 : total.failed > 0 ? 1 : 0;
}

await main();
