/**
 * Web Test Runner runs browser tests with Mocha's BDD interface as page globals. The repository
 * has no `@types/mocha` (and the test project also holds node:test files, where a global `it`
 * type would hide a missing import), so browser tests import typed handles from here instead:
 *
 * ```ts
 * import { describe, it } from './support/mocha.js';
 * ```
 */

/** A test or hook body: synchronous, or returning a promise Mocha waits for. */
export type MochaBody = () => void | PromiseLike<unknown>;

/** The parts of Mocha's BDD interface the browser tests use. */
export interface MochaBdd {
  describe(title: string, body: () => void): void;
  it(title: string, body: MochaBody): void;
  before(body: MochaBody): void;
  after(body: MochaBody): void;
  beforeEach(body: MochaBody): void;
  afterEach(body: MochaBody): void;
}

const bdd = globalThis as unknown as Partial<MochaBdd>;
if (typeof bdd.describe !== 'function') {
  throw new Error('Mocha globals are missing: browser tests run under Web Test Runner (npm run test:browser).');
}

export const { describe, it, before, after, beforeEach, afterEach } = bdd as MochaBdd;
