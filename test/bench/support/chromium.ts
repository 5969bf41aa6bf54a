/**
 * Debian's Chromium for the browser benches, launched one way: the flags every bench shares
 * (loopback only, nothing in the background) plus what a bench needs on top.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags every browser bench uses. */
export const BENCH_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** Tabs measured side by side must not be throttled while in the background. */
export const NO_BACKGROUND_THROTTLING: readonly string[] = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Launches headless Chromium with {@link BENCH_FLAGS} and `extra`; says how to install it when missing. */
export function launchBenchChromium(extra: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)`);
  return chromium.launch({ executablePath: CHROMIUM, args: [...BENCH_FLAGS, ...extra], headless: true });
}
