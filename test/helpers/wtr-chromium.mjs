/**
 * Debian's Chromium, launched the way setup.md measured it works on these machines.
 */
import { chromeLauncher } from '@web/test-runner-chrome';

/** Where Debian's `chromium` package puts the browser. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Flags for headless test runs. `--no-sandbox` because CI runs as root; the resolver rule stops
 * Chromium from looking up Google hosts on a machine without internet; the fake media flags give
 * `getUserMedia` a 640×480 test pattern (the document camera in tests).
 */
export const chromiumFlags = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** A Web Test Runner browser launcher for Debian's Chromium. */
export function debianChromium() {
  return chromeLauncher({
    launchOptions: {
      executablePath: chromiumPath,
      // puppeteer adds `--headless=new` itself for `headless: true`; the flag is listed above too
      // so the list is complete for other launchers (playwright-core scripts).
      headless: true,
      args: chromiumFlags,
    },
  });
}
