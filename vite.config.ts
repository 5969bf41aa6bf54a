/**
 * The shared Vite configuration: Storybook's builder loads it from the repository root, and the
 * demo and any app bundle extend it.
 *
 * - `build.target` is the browser floor (Chromium 103, Firefox ESR 115; see setup.md), so the
 *   output runs on the procuratorate terminals, not only on current browsers.
 * - The `source` condition makes workspace packages resolve to their TypeScript sources, as in
 *   tests and type checking; published builds use `dist`.
 * - Dev and preview servers listen on 127.0.0.1 only.
 */
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  resolve: {
    conditions: ['source', ...defaultClientConditions],
  },
  build: {
    target: ['chrome103', 'firefox115'],
  },
  server: {
    host: '127.0.0.1',
    strictPort: false,
  },
  preview: {
    host: '127.0.0.1',
  },
});
