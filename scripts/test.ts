/**
 * `npm test` (after the bootstrap in `pretest`): lint, typecheck, then the vitest projects in order —
 * unit, integration (real FerretDB + Temporal dev server), workflow (time-skipping server), browser
 * (real Chromium). Ends with one line `Tests: N passed, N failed` for CI.
 * `npm test -- unit integration` runs only the named projects (lint and typecheck always run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './stack/tool-paths';

const ALL = ['unit', 'integration', 'workflow', 'browser'] as const;
const asked = process.argv.slice(2).filter((a) => (ALL as readonly string[]).includes(a));
const projects = asked.length ? asked : [...ALL];
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
const t0 = Date.now();
const failedSteps: string[] = [];

function runStep(name: string, cmd: string, args: string[]): boolean {
  const s = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - s) / 1000).toFixed(1)} s ===`);
  if (!ok) failedSteps.push(name);
  return ok;
}

runStep('lint', bin('eslint'), ['--max-warnings', '0', '.']);
runStep('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);

mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
for (const project of projects) {
  const out = join(ROOT, 'artifacts', `vitest-${project}.json`);
  runStep(`${project} tests`, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
  }
}

const mins = ((Date.now() - t0) / 60_000).toFixed(1);
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\nWall time ${mins} min`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length || failed ? 1 : 0);
