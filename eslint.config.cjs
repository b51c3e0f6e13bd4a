// Lint, and the layers of architecture.md: shared/ is pure, renderer/ never imports main/ nor
// Node or database packages, the backend never imports electron (only main/electron/ may), and
// workbench documents are written only through main/store/documentWriter.ts. Static imports are
// caught by no-restricted-imports, dynamic import() and require() by no-restricted-syntax.
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

// Node and database packages the renderer must not bundle (it calls the API instead).
const SERVER_PACKAGES = [
  'pouchdb*',
  'better-sqlite3',
  'leveldown',
  'level*',
  'express*',
  'exceljs',
  'docx',
];

// The same sources as esquery regular expressions (no "/" inside: esquery cannot escape it).
const NODE_SOURCE = `/^(node:.*|(${NODE_MODULES.join('|')})(\\W.*)?)$/`;
const ELECTRON_SOURCE = '/^electron(\\W.*)?$/';
const UI_SOURCE = '/^(react|react-dom|antd)(\\W.*)?$/';
const SERVER_SOURCE = '/^(pouchdb|better-sqlite3|leveldown|level|express|exceljs|docx)/';

/** `import('x')` and `require('x')` of a source matching `regex`. */
const dynamicLoads = (regex, message) => [
  { selector: `ImportExpression[source.value=${regex}]`, message },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=${regex}]`, message },
];

// Writes of workbench documents go through DocumentWriter; the raw batch (Store.write) is for
// the store itself, the backup import and the demo loader; PouchDB's handle for replication only.
const RAW_WRITE = [
  {
    selector: "CallExpression[callee.property.name='write'][callee.object.property.name='store']",
    message: 'Write documents through ctx.writer (main/store/documentWriter.ts).',
  },
  {
    selector: "CallExpression[callee.property.name='write'][callee.object.name='store']",
    message: 'Write documents through ctx.writer (main/store/documentWriter.ts).',
  },
  {
    selector:
      "CallExpression[callee.property.name='bulkWrite'][callee.object.property.name='store']",
    message: 'Write documents through ctx.writer.bulkPut (main/store/documentWriter.ts).',
  },
  {
    selector: "CallExpression[callee.property.name='bulkWrite'][callee.object.name='store']",
    message: 'Write documents through ctx.writer.bulkPut (main/store/documentWriter.ts).',
  },
];
const REPLICATION_HANDLE = [
  {
    selector: "CallExpression[callee.property.name='replicationHandle']",
    message: "PouchDB's handle is for the replicator only (main/sync/service.ts).",
  },
];
const NO_ELECTRON_LOADS = dynamicLoads(
  ELECTRON_SOURCE,
  'The backend never imports electron (only main/electron/ does).',
);

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
      'no-restricted-syntax': [
        'error',
        ...dynamicLoads(NODE_SOURCE, 'shared/ is pure: no Node built-ins.'),
        ...dynamicLoads(ELECTRON_SOURCE, 'shared/ is pure: no Electron or UI.'),
        ...dynamicLoads(UI_SOURCE, 'shared/ is pure: no Electron or UI.'),
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
            pattern(SERVER_PACKAGES, 'renderer/ never bundles Node or database packages.'),
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...dynamicLoads(NODE_SOURCE, 'renderer/ runs in the browser sandbox.'),
        ...dynamicLoads(ELECTRON_SOURCE, 'renderer/ runs in the browser sandbox.'),
        ...dynamicLoads(SERVER_SOURCE, 'renderer/ never bundles Node or database packages.'),
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
      'no-restricted-syntax': ['error', ...NO_ELECTRON_LOADS, ...RAW_WRITE, ...REPLICATION_HANDLE],
    },
  },
  {
    files: ['main/store/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_ELECTRON_LOADS] },
  },
  {
    files: ['main/api/handlers/backup.ts', 'main/demo/load.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_ELECTRON_LOADS, ...REPLICATION_HANDLE] },
  },
  {
    files: ['main/sync/service.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_ELECTRON_LOADS, ...RAW_WRITE] },
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
