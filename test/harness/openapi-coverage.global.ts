import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROUTES } from '../../engine/api/routes';
import { ROOT } from '../../scripts/stack/tool-paths';

declare module 'vitest' {
  export interface ProvidedContext {
    /** where each integration test file leaves the routes and statuses it saw (openapi-contract.setup.ts) */
    openapiRunDir: string;
  }
}

interface FileReport {
  file: string;
  responses: number;
  unmatched: number;
  seen: Record<string, Record<string, number>>;
  violations: number;
}

const INTEGRATION_DIR = join(ROOT, 'test', 'integration');

function integrationFiles(): string[] {
  return (readdirSync(INTEGRATION_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts')).map((f) => join(INTEGRATION_DIR, f));
}

/**
 * Integration global setup: a run directory where each test file leaves the routes and statuses its responses had
 * (openapi-contract.setup.ts). At the end of a full run, every route in ROUTES must have answered 2xx at least once;
 * routes that never did are printed and the run exits non-zero. A partial run (some files, or a name filter) only
 * prints the figures.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'allot-openapi-'));
  project.provide('openapiRunDir', dir);

  return () => {
    try {
      const reports = readdirSync(dir)
        .filter((f) => f.startsWith('seen-') && f.endsWith('.json'))
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as FileReport);
      if (!reports.length) return;
      const statuses = new Map<string, Set<number>>();
      for (const r of reports) for (const [id, s] of Object.entries(r.seen)) for (const code of Object.keys(s)) (statuses.get(id) ?? statuses.set(id, new Set()).get(id)!).add(Number(code));
      const ok = ROUTES.filter((r) => [...(statuses.get(r.id) ?? [])].some((s) => s >= 200 && s < 300));
      const never = ROUTES.filter((r) => !statuses.has(r.id));
      const no2xx = ROUTES.filter((r) => statuses.has(r.id) && !ok.includes(r));
      const responses = reports.reduce((n, r) => n + r.responses, 0);
      const violations = reports.reduce((n, r) => n + r.violations, 0);
      const reported = new Set(reports.map((r) => r.file));
      const missing = integrationFiles().filter((f) => !reported.has(f));
      const full = missing.length === 0 && !project.vitest.config.testNamePattern;
      const lines = [
        `OpenAPI contract: ${responses} responses checked in ${reports.length} files, ${violations} violation(s); ` +
          `routes answered 2xx: ${ok.length}/${ROUTES.length}`,
        ...never.map((r) => `  never called: ${r.id} (${r.method.toUpperCase()} ${r.path})`),
        ...no2xx.map((r) => `  never 2xx:    ${r.id} (${r.method.toUpperCase()} ${r.path}) — saw ${[...statuses.get(r.id)!].sort().join(', ')}`),
      ];
      if (!full) {
        lines.splice(1, lines.length, `  (partial run: ${missing.length ? `${missing.length} file(s) not run, e.g. ${relative(ROOT, missing[0]!)}` : 'test name filter'}; route coverage not enforced)`);
        console.log(lines.join('\n'));
      } else if (ok.length < ROUTES.length) {
        console.error(`\n✗ ${lines.join('\n')}\nEvery route must answer 2xx in some integration test (add it to test/integration/openapi-coverage.test.ts).\n`);
        process.exitCode = 1;
      } else console.log(`\n✓ ${lines.join('\n')}\n`);
    } finally {
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    }
  };
}
