/**
 * The shared real-world PDFs (../shared/fixtures/pdf, see its SOURCES.md), as the Web Test
 * Runner config serves them under /__fixtures__/, and the pdf.js assets the tests configure.
 */
import { configurePdfjs, pdfjsAssetsAt, type PdfjsEngineChoice } from '@huishen/elements';

interface FixturesInfo {
  readonly available: boolean;
  readonly base: string | null;
  readonly dir: string;
}

let info: Promise<FixturesInfo> | undefined;

/** Whether the shared fixtures are there, and where they are served. */
export function fixturesInfo(): Promise<FixturesInfo> {
  info ??= fetch('/__huishen__/fixtures.json').then((r) => r.json() as Promise<FixturesInfo>);
  return info;
}

/**
 * The URL of a fixture (`pdf/cjk/issue2128r.pdf`), or `undefined` when the folder is absent; the
 * caller then skips with {@link skipMessage}.
 */
export async function fixtureUrl(path: string): Promise<string | undefined> {
  const { base } = await fixturesInfo();
  return base ? `${base}${path}` : undefined;
}

/** Why a fixture test skipped. */
export async function skipMessage(): Promise<string> {
  const { dir } = await fixturesInfo();
  return `shared fixtures not found at ${dir}: skipped (see /work/shared/fixtures/SOURCES.md)`;
}

/** Serves pdf.js from the repository's node_modules, as the tests and Storybook do. */
export function configureTestPdfjs(engine: PdfjsEngineChoice = 'auto'): void {
  configurePdfjs({
    ...pdfjsAssetsAt(new URL('/node_modules/pdfjs-dist/', location.href).href, new URL('/node_modules/pdfjs-dist-v4/', location.href).href),
    engine,
  });
}

/** The Mocha test context, as far as fixture tests use it. */
export interface TestContext {
  skip(): never;
  timeout(ms: number): void;
}

/**
 * The URL of a fixture, or skips the running test with a clear message when the shared fixtures
 * folder is absent. Call as `await fixtureOrSkip(this, 'pdf/cjk/issue2128r.pdf')` inside a
 * `function` test body.
 */
export async function fixtureOrSkip(runner: TestContext, path: string): Promise<string> {
  const url = await fixtureUrl(path);
  if (url) return url;
  console.warn(await skipMessage());
  return runner.skip();
}
