// Flat ESLint config. The import boundaries of docs/architecture.md are enforced here, not by memory.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'worker_threads', 'stream'];

export default tseslint.config(
  {
    ignores: [
      'out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**', 'docs/**', '.tmp/**',
      // The build bundles each Vite config to a short-lived file beside it (electron.vite.config.mts.<time>-<hash>.mjs,
      // vite.cli.config.mts.timestamp-<time>-<hash>.mjs) and deletes it; CI lints while it builds, so never read them.
      '**/*.{ts,mts,cts,js,mjs,cjs}.*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', '*.cjs', 'scripts/*.mjs', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Config files are the one place a default export is the tools' convention.
    files: ['*.config.ts', '*.config.mts', 'eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // shared/: the contract and domain types, imported by both sides; only zod.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$)(?!\\.{1,2}/)', message: 'shared/ imports only zod and its own files.' },
            { group: ['../electron/**', '../renderer/**', '../../electron/**', '../../renderer/**'], message: 'shared/ must not import from electron/ or renderer/.' },
          ],
        },
      ],
    },
  },
  {
    // core/ and cli/: plain Node, never Electron.
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core/ and cli/ never import electron: only electron/main and electron/preload do.' }],
          patterns: [
            { group: ['electron/*'], message: 'core/ and cli/ never import electron.' },
            { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'core/ must not reach into the shell or the UI.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks only to the typed Api.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks only to the typed Api.' },
            { name: 'better-sqlite3', message: 'The renderer talks only to the typed Api.' },
            ...nodeBuiltins.filter((m) => !m.includes('*')).map((name) => ({ name, message: 'No Node built-ins in the renderer.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'No Node built-ins in the renderer.' },
            { group: ['@aws-sdk/*', '@smithy/*'], message: 'The renderer never talks to AWS.' },
            { group: ['electron/**', '**/electron/**'], message: 'The renderer talks only to the typed Api.' },
          ],
        },
      ],
    },
  },
  {
    // One entry point for opening external links: electron/main/external-links.ts.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/external-links.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'shell', property: 'openExternal', message: 'Use openExternalSafely() from electron/main/external-links.ts.' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
