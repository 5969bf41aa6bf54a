/**
 * Storybook for designers and portal developers: every element and state, no server. Works
 * offline: telemetry and the "what's new" notifications (both network calls) are off.
 * Vite settings (browser floor, `source` condition, loopback host) come from ../vite.config.ts.
 */
import { defineMain } from '@storybook/web-components-vite/node';

export default defineMain({
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // pdf.js assets for <hs-evidence-viewer> (configurePdfjs in its stories): only the folders
  // pdf.js loads at run time, of both engines; nothing comes from a CDN.
  staticDirs: [
    { from: '../node_modules/pdfjs-dist/legacy/build', to: '/pdfjs/legacy/build' },
    { from: '../node_modules/pdfjs-dist/cmaps', to: '/pdfjs/cmaps' },
    { from: '../node_modules/pdfjs-dist/standard_fonts', to: '/pdfjs/standard_fonts' },
    { from: '../node_modules/pdfjs-dist/wasm', to: '/pdfjs/wasm' },
    { from: '../node_modules/pdfjs-dist/iccs', to: '/pdfjs/iccs' },
    { from: '../node_modules/pdfjs-dist-v4/legacy/build', to: '/pdfjs-v4/legacy/build' },
    { from: '../node_modules/pdfjs-dist-v4/cmaps', to: '/pdfjs-v4/cmaps' },
    { from: '../node_modules/pdfjs-dist-v4/standard_fonts', to: '/pdfjs-v4/standard_fonts' },
  ],
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
