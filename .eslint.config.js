// ESLint for the whole repository (run as `eslint --config .eslint.config.js .`; the file is a
// dotfile so the top level stays short). Syntax-level rules only, no type information: lint must
// stay fast, and `tsc -b` already checks types.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
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
);
