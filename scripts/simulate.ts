/**
 * `npm run simulate -- --flow <file> --customers <csv|json> --reps <json> [--json out.json]`
 * Runs an allocation flow over a dataset with the engine's simulation and prints per-rep counts by grade,
 * fairness, quotas, unassigned customers with their reasons and violations. Exit status: 0 ok, 1 when any
 * capacity / daily-cap / inactive-rep violation happened, 2 for bad input.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { prepareFlow } from '../engine/core/interpreter/prepare-flow';
import { simulate } from '../engine/core/simulation/simulate';
import { CliError } from '../engine/tools/cli-error';
import { readCustomersFile, readOrgFile } from '../engine/tools/dataset-files';
import { loadFlowFile } from '../engine/tools/flow-file';
import { createProgress } from '../engine/tools/progress-bar';
import { formatReport } from '../engine/tools/report-table';
import { parseSimulateArgs, SIMULATE_USAGE } from '../engine/tools/simulate-args';

function main(): number {
  const args = parseSimulateArgs(process.argv.slice(2), process.env);
  if (args === 'help') {
    console.log(SIMULATE_USAGE);
    return 0;
  }
  const now = args.now ?? Date.now();
  const org = readOrgFile(args.reps);
  const customers = readCustomersFile(args.customers, now);
  const flow = loadFlowFile(args.flow, org);
  const prepared = prepareFlow(flow.doc);

  const progress = createProgress(process.stderr, customers.length, { mode: args.progress });
  const started = performance.now();
  const report = simulate(prepared, {
    customers,
    reps: org.reps,
    teams: org.teams,
    pools: flow.pools,
    loads: org.loads,
    now,
    clock: args.clock,
    decisions: args.json !== undefined,
    traces: args.json !== undefined ? args.traces : 0,
    onProgress: (done) => progress.update(done),
    progressEvery: 500,
  });
  const elapsed = performance.now() - started;
  progress.finish();

  for (const w of flow.warnings) console.error(w);
  console.log(formatReport(report, args.locale, elapsed));
  if (args.json !== undefined) {
    try {
      writeFileSync(args.json, `${JSON.stringify({ ...report, elapsedMs: Math.round(elapsed) }, null, 2)}\n`);
    } catch (err) {
      throw new CliError(`Cannot write ${args.json}: ${(err as Error).message}`);
    }
    console.log(`\n${args.locale === 'en' ? 'Report written to' : '报告已写入'} ${args.json}`);
  }
  return report.violations.capacity + report.violations.dailyCap + report.violations.inactiveRep > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (err) {
  if (err instanceof CliError) {
    console.error(`simulate: ${err.message}`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
