/**
 * A node:test reporter that counts passed, failed and skipped tests and, at the end, writes
 * `{ passed, failed, skipped, failures }` as one JSON line to its destination. Used next to a
 * human-readable reporter:
 *
 *   node --test --test-reporter=spec --test-reporter-destination=stdout \
 *        --test-reporter=./test/helpers/node-count-reporter.mjs --test-reporter-destination=counts.json
 *
 * Counting follows node's own totals: every test (`test()`, `it()`, and subtests `t.test()`) is
 * one test, suites are not tests; `skip` and `todo` count as skipped. A test file that fails
 * without running tests (a syntax or import error) counts as one failed test; an empty file
 * that merely loads is not a test.
 */

function isFileLevel(data) {
  return data.nesting === 0 && data.file !== undefined && data.name === data.file;
}

export default async function* nodeCountReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    if (data.skip !== undefined || data.todo !== undefined) {
      counts.skipped += 1;
    } else if (event.type === 'test:pass') {
      if (!isFileLevel(data)) counts.passed += 1;
    } else {
      counts.failed += 1;
      counts.failures.push(data.file && !isFileLevel(data) ? `${data.file}: ${data.name}` : data.name);
    }
  }
  yield `${JSON.stringify(counts)}\n`;
}
