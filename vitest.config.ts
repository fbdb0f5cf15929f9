import { defineConfig } from 'vitest/config';

/**
 * One config, four projects. `npm test` runs them in order (scripts/test.ts):
 * unit (pure, beside the code) → integration (real FerretDB + Temporal dev server) →
 * workflow (time-skipping server) → browser (real Chromium against the real server).
 */
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          pool: 'forks',
          include: ['engine/**/*.test.ts', 'templates/**/*.test.ts', 'test/unit/**/*.test.ts', 'designer/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          pool: 'forks',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/harness/global-setup.ts', 'test/harness/openapi-coverage.global.ts'],
          setupFiles: ['test/harness/quiet-temporal.ts', 'test/harness/openapi-contract.setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'workflow',
          pool: 'forks',
          include: ['test/workflow/**/*.test.ts'],
          globalSetup: ['test/harness/global-setup.ts'],
          setupFiles: ['test/harness/quiet-temporal.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'browser',
          pool: 'forks',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/harness/global-setup.ts'],
          setupFiles: ['test/harness/quiet-temporal.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
