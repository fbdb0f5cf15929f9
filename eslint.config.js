// @ts-check
import tseslint from 'typescript-eslint';

/** Modules the pure core may never import: database, HTTP, Temporal, Node built-ins, process spawning. */
const IO_MODULES = [
  'mongoose', 'mongodb', 'express', 'express-*', 'helmet', 'http', 'https', 'net', 'dgram', 'undici', 'axios',
  '@temporalio/*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'stream',
  'events', 'process', 'timers', 'timers/*', 'perf_hooks', 'node:*', 'iconv-lite', 'csv-parse', 'csv-parse/*',
  'csv-stringify', 'csv-stringify/*', 'json-rules-engine', 'react', 'react-dom',
];
/** Layers outside the pure core, by path. */
const IO_LAYERS = ['**/engine/data/**', '**/engine/services/**', '**/engine/api/**', '**/engine/temporal/**', '**/workflows/**', '**/designer/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', 'data/**', 'designer/dist/**', 'artifacts/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The pure core: flow schema, node catalog, conditions, strategies, scoring, interpreter, simulation.
    files: ['engine/core/**/*.ts'],
    ignores: ['engine/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: IO_MODULES, message: 'The pure core imports no database, HTTP, Temporal, Node built-in or I/O library.' },
            { group: IO_LAYERS, message: 'The pure core never imports the I/O layers.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The pure core reads no process state; pass values in.' },
        { name: 'setTimeout', message: 'The pure core has no clock or timers.' },
        { name: 'setInterval', message: 'The pure core has no clock or timers.' },
        { name: 'performance', message: 'The pure core has no clock; pass `now` in.' },
        { name: 'fetch', message: 'The pure core does no I/O.' },
        { name: 'require', message: 'The pure core uses static imports only.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The pure core has no clock: take `now` as a parameter.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The pure core has no clock: `new Date()` reads it. Take `now` as a parameter.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'The pure core is deterministic: pass a seeded random source.' },
        { selector: 'ImportExpression', message: 'The pure core uses static imports only.' },
      ],
    },
  },
  {
    // Workflow code: deterministic, imports activity types only.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['mongoose', 'express', 'node:*', 'fs', 'path', 'os', 'crypto', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '**/engine/data/**', '**/engine/services/**', '**/engine/api/**'], message: 'Workflow code is deterministic: only @temporalio/workflow, the pure core and activity *types*.' },
            { group: ['**/engine/temporal/**'], allowTypeImports: true, message: 'Import activity types only (import type).' },
          ],
        },
      ],
    },
  },
);
