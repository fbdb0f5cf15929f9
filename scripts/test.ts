/**
 * `npm test` (after the bootstrap in `pretest`): lint, typecheck, then the vitest projects in order —
 * unit, integration (real FerretDB + Temporal dev server), workflow (time-skipping server), browser
 * (real Chromium). Ends with one line `Tests: N passed, N failed` for CI.
 * `npm test -- unit integration` runs only the named projects (lint and typecheck always run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
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
const failures: string[] = [];

interface VitestReport {
  numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
  testResults: { name: string; status: string; message?: string;
    assertionResults: { status: string; fullName: string; failureMessages?: string[] }[] }[];
}

/** The first line of a failure, short enough that the run's tail names what failed and why. */
const firstLine = (m: string | undefined) => (m ?? '').split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '';

function collectFailures(project: string, r: VitestReport): void {
  for (const file of r.testResults ?? []) {
    const rel = relative(ROOT, file.name);
    const failedTests = file.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failedTests) failures.push(`${project} · ${rel} › ${a.fullName}\n    ${firstLine(a.failureMessages?.[0])}`);
    if (file.status === 'failed' && !failedTests.length) failures.push(`${project} · ${rel} (file)\n    ${firstLine(file.message)}`);
  }
}
for (const project of projects) {
  const out = join(ROOT, 'artifacts', `vitest-${project}.json`);
  rmSync(out, { force: true }); // a run that dies before its report must not be counted from the last one
  runStep(`${project} tests`, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8')) as VitestReport;
    collectFailures(project, r);
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
  }
}

const mins = ((Date.now() - t0) / 60_000).toFixed(1);
if (failures.length) console.log(`\nFailed tests:\n${failures.map((f) => `  ${f}`).join('\n')}`);
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\nWall time ${mins} min`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length || failed ? 1 : 0);
