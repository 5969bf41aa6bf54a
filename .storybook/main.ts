/**
 * Storybook for designers and portal developers: every element and state, no server. Works
 * offline: telemetry and the "what's new" notifications (both network calls) are off.
 * Vite settings (browser floor, `source` condition, loopback host) come from ../vite.config.ts.
 */
import { defineMain } from '@storybook/web-components-vite/node';

export default defineMain({
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: {
    name: '@storybook/web-components-vite',
    options: {},
  },
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  async viteFinal(config) {
    const { mergeConfig } = await import('vite');
    // Storybook's own manager and docs chunks are large by design; listing and gzipping every
    // chunk only slows the build and buries real warnings.
    return mergeConfig(config, {
      logLevel: 'warn',
      build: { chunkSizeWarningLimit: 4096, reportCompressedSize: false },
    });
  },
});
