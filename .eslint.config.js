// ESLint for the whole repository (run as `eslint --config .eslint.config.js .`; the file is a
// dotfile so the top level stays short). Syntax-level rules only, no type information: lint must
// stay fast, and `tsc -b` already checks types.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import compat from 'eslint-plugin-compat';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const testFunctions = ['describe', 'it', 'test', 'suite', 'context'];

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/storybook-static/',
    '**/custom-elements.json',
    '**/*.tsbuildinfo',
    '**/coverage/',
    '**/test-output/',
    '**/.huishen-data/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'huishen/globals-node',
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'huishen/globals-browser',
    files: ['packages/elements/**', 'stories/**', '.storybook/**', 'test/elements/**', 'demo/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'huishen/globals-mocha',
    files: ['test/elements/**'],
    languageOptions: { globals: { ...globals.mocha } },
  },

  {
    name: 'huishen/style',
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },

  {
    // A focused or skipped test left in by accident silently shrinks the suite. Skip a test
    // conditionally with `t.skip()` / `{ skip: reason }` (node:test) and say why.
    name: 'huishen/no-focused-or-skipped-tests',
    files: ['test/**', '**/*.test.*'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...testFunctions.flatMap((object) => [
          { object, property: 'only', message: 'Do not commit focused tests (.only).' },
          { object, property: 'skip', message: 'Do not commit skipped tests (.skip); use a runtime skip with a reason.' },
        ]),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.name=/^(${testFunctions.join('|')})$/] > ObjectExpression > Property[key.name='only']`,
          message: 'Do not commit focused tests ({ only: true }).',
        },
        {
          selector: 'CallExpression[callee.name=/^(fdescribe|fit|xdescribe|xit)$/]',
          message: 'Do not commit focused or skipped tests.',
        },
      ],
    },
  },

  {
    // The browser floor (issue 11): Chromium 103 and Firefox ESR 115, from `browserslist` in
    // package.json. eslint-plugin-compat flags web APIs the floor lacks; the rules below catch
    // what it cannot see: CSS inside Lit `css` literals (Vite does not lower it) and a few methods
    // whose receiver type a syntax-only linter cannot know.
    name: 'huishen/browser-floor',
    files: ['packages/elements/src/**'],
    plugins: { compat },
    rules: {
      'compat/compat': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'Promise', property: 'withResolvers', message: 'Promise.withResolvers needs Chromium 119; the floor is 103.' },
        { property: 'getComposedRanges', message: 'Selection.getComposedRanges needs Chromium 137; the floor is 103.' },
        { object: 'Array', property: 'fromAsync', message: 'Array.fromAsync needs Chromium 121; the floor is 103.' },
        { property: 'toSorted', message: 'Array.prototype.toSorted needs Chromium 110; the floor is 103.' },
        { property: 'toReversed', message: 'Array.prototype.toReversed needs Chromium 110; the floor is 103.' },
        { property: 'toSpliced', message: 'Array.prototype.toSpliced needs Chromium 110; the floor is 103.' },
        { object: 'Object', property: 'groupBy', message: 'Object.groupBy needs Chromium 117; the floor is 103.' },
        { object: 'Map', property: 'groupBy', message: 'Map.groupBy needs Chromium 117; the floor is 103.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "TaggedTemplateExpression[tag.name='css'] TemplateElement[value.raw=/:state\\(/]",
          message: 'CSS custom states (:state()) need Chromium 125; the floor is 103. Reflect an attribute instead.',
        },
        {
          selector: "TaggedTemplateExpression[tag.name='css'] TemplateElement[value.raw=/&/]",
          message: 'CSS nesting needs Chromium 120 and Vite does not lower CSS inside css``; the floor is 103. Write flat selectors.',
        },
        {
          selector: "TaggedTemplateExpression[tag.name='css'] TemplateElement[value.raw=/@container|:has\\(/]",
          message: '@container and :has() need Chromium 105; the floor is 103.',
        },
      ],
    },
  },

  {
    // The IE-engine notice runs where nothing else of ours can: ECMAScript 5, a classic script.
    name: 'huishen/floor-legacy-es5',
    files: ['packages/elements/src/floor/floor-legacy.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: { ...globals.browser } },
  },
);
