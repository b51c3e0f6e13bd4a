// Lint, and the layers of architecture.md: shared/ is pure, renderer/ never imports main/,
// the backend never imports electron (only main/electron/ may).
const prettier = require('eslint-config-prettier');
const tseslint = require('typescript-eslint');

// Bare Node module names are matched exactly (a pattern "util" would also catch ../util/x).
const NODE_MODULES = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
];
const pattern = (group, message) => ({ group, message });
const nodePaths = (message) => NODE_MODULES.map((name) => ({ name, message }));

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'release/**',
      'artifacts/**',
      'scratch/**',
      'coverage/**',
    ],
  },
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodePaths('shared/ is pure: no Node built-ins.'),
          patterns: [
            pattern(['node:*'], 'shared/ is pure: no Node built-ins.'),
            pattern(
              ['electron', 'react', 'react-dom', 'antd'],
              'shared/ is pure: no Electron or UI.',
            ),
            pattern(
              ['**/main/**', '**/renderer/**', '../../main/*', '../../renderer/*'],
              'shared/ imports nothing above it.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodePaths('renderer/ runs in the browser sandbox.'),
          patterns: [
            pattern(
              ['**/main/**', '../main/*', '../../main/*'],
              'renderer/ never imports main/: call the API.',
            ),
            pattern(['electron', 'node:*'], 'renderer/ runs in the browser sandbox.'),
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              ['electron', 'electron/*'],
              'The backend never imports electron (only main/electron/ does).',
            ),
            pattern(['**/renderer/**'], 'main/ never imports renderer/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [pattern(['**/renderer/**'], 'main/ never imports renderer/.')] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
