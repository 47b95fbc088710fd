// ESLint flat config. The layer rules of ../shared/ARCHITECTURE.md are enforced here with
// `no-restricted-imports`: a renderer file importing `node:fs` or `better-sqlite3` fails lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'zlib', 'url', 'util', 'stream'];

/** Builds a `no-restricted-imports` rule from forbidden module patterns with the layer's reason. */
function forbid(layer, groups) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: groups.map(({ group, why }) => ({ group, message: `${layer}: ${why} (see ARCHITECTURE.md, Layers)` })),
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.nuanjing-demo/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-default-export': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid('shared/ is pure TypeScript', [
      { group: nodeBuiltins, why: 'no Node built-ins in shared/' },
      { group: ['electron', 'better-sqlite3', 'kysely', 'react', 'react-dom', 'antd'], why: 'no platform or UI packages in shared/' },
      { group: ['**/db/**', '**/electron/**', '**/renderer/**'], why: 'shared/ imports only shared/' },
    ]),
  },
  {
    files: ['db/**/*.ts'],
    rules: forbid('db/', [
      { group: ['electron', 'react', 'antd'], why: 'db/ never imports electron or UI' },
      { group: ['**/electron/**', '**/renderer/**'], why: 'db/ imports only shared/' },
    ]),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**'],
    rules: forbid('electron/ application code', [
      { group: ['electron'], why: 'only the shell files (main.ts, preload.ts, shell/) import electron' },
      { group: ['**/renderer/**', 'react', 'antd'], why: 'the main process never imports the renderer' },
    ]),
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**/*.ts'],
    rules: forbid('electron shell', [{ group: ['**/renderer/**', 'react', 'antd'], why: 'the main process never imports the renderer' }]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid('renderer/', [
      { group: nodeBuiltins, why: 'the renderer runs in a sandboxed browser page: no Node built-ins' },
      { group: ['electron', 'better-sqlite3', 'kysely', 'exceljs'], why: 'the renderer talks to the main process only through the typed client' },
      { group: ['**/db/**', '**/electron/**'], why: 'the renderer imports only shared/' },
    ]),
  },
  {
    files: ['db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
