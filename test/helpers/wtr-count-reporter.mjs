/**
 * A Web Test Runner reporter that counts the tests of the last run and
 *
 * - prints one plain closing line, `browser tests: N passed, N failed, N skipped`, for people and
 *   CI logs (WTR's own summary starts with a progress bar);
 * - writes `{ passed, failed, skipped, failures }` as JSON to `outputFile` (or
 *   `$HUISHEN_WTR_COUNTS`), for `test/run.mjs`.
 *
 * A test file that fails without reporting a failed test (an import error, a timeout, a browser
 * crash) counts as one failed test, so it can never be lost between the counts.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

function countSuite(suite, counts, file, path) {
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else {
      counts.failed += 1;
      counts.failures.push(`${file}: ${[...path, test.name].join(' > ')}`);
    }
  }
  for (const child of suite.suites) countSuite(child, counts, file, [...path, child.name]);
}

/** Passed, failed and skipped tests over `sessions`, and the names of the failed ones. */
export function countSessions(sessions, rootDir = process.cwd()) {
  const total = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const session of sessions) {
    const file = relative(rootDir, session.testFile);
    const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
    if (session.testResults) countSuite(session.testResults, counts, file, []);
    if (session.passed === false && counts.failed === 0) {
      counts.failed = 1;
      const reason = session.errors?.[0]?.message;
      counts.failures.push(`${file}${reason ? `: ${reason.split('\n')[0]}` : ''}`);
    }
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    total.failures.push(...counts.failures);
  }
  return total;
}

/**
 * @param {{ outputFile?: string, label?: string }} [options]
 * @returns {import('@web/test-runner').Reporter}
 */
export function countReporter(options = {}) {
  const outputFile = options.outputFile ?? process.env.HUISHEN_WTR_COUNTS;
  const label = options.label ?? 'browser tests';
  let last = { passed: 0, failed: 0, skipped: 0, failures: [] };
  let rootDir = process.cwd();
  return {
    start({ config }) {
      rootDir = config.rootDir;
    },
    onTestRunFinished({ sessions }) {
      last = countSessions(sessions, rootDir);
      if (outputFile) writeFileSync(outputFile, `${JSON.stringify(last)}\n`);
    },
    stop({ sessions }) {
      if (sessions.length > 0) last = countSessions(sessions, rootDir);
      if (outputFile) writeFileSync(outputFile, `${JSON.stringify(last)}\n`);
      // WTR prints its own progress and summary after the reporters stop; print on exit so this
      // plain line is the last one.
      const line = `${label}: ${last.passed} passed, ${last.failed} failed, ${last.skipped} skipped\n`;
      process.once('exit', () => process.stdout.write(line));
    },
  };
}
