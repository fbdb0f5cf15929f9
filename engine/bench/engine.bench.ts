/**
 * `npm run bench:engine` — the engine benchmark.
 * 1. Decisions: the 20-rule allocation flow (bench-flow.ts) with 50 reps over 100,000 generated customers
 *    (seeded), each decision timed with process.hrtime.bigint: decisions/s, p50, p99; with and without the
 *    full trace the assignment event stores. Node states evolve as in production (applyAllocationChange).
 * 2. Heap growth over the measured run, after warm-up and a forced GC.
 * 3. Baseline: the same 20 conditions through json-rules-engine `run()` per customer (5,000-customer sample),
 *    and the ratios: against the same 20 conditions compiled, and (strict) against a whole decision, which also
 *    scores, routes and assigns among 50 reps.
 * 4. The simulation of 100,000 customers × 50 reps.
 * Exit status 1 when a target is missed.
 */
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compileCondition } from '../core/conditions';
import type { Customer } from '../core/model/customer.schema';
import type { NodeAllocationState } from '../core/model/rep.schema';
import type { AllocationEnv, Candidate } from '../core/nodes/node-definition';
import { prepareFlow, type PreparedFlow } from '../core/interpreter/prepare-flow';
import { runAllocation } from '../core/interpreter/run-allocation';
import { generateCustomers, generateOrg } from '../core/simulation/dataset.generator';
import { simulate } from '../core/simulation/simulate';
import { applyAllocationChange, emptyNodeState } from '../core/strategies/node-state';
import { BENCH_CONDITIONS, benchFlow } from './bench-flow';
import { makeJreEngineFor } from './conditions-baseline';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const NOW = Date.UTC(2025, 0, 6, 2, 0);
const CUSTOMERS = 100_000;
const REPS = 50;
const WARMUP = 20_000;
const BASELINE_SAMPLE = 5_000;
const TARGET = { p50Us: 5, ratio: 30, heapMb: 5, simulationS: 5 };

const org = generateOrg({ count: REPS, seed: 7, teams: 5 });
const customers = generateCustomers({ count: CUSTOMERS, seed: 42, now: NOW });
const prepared = prepareFlow(benchFlow());

function freshEnv(p: PreparedFlow): AllocationEnv {
  const reps: Candidate[] = org.reps.map((rep) => ({ rep, load: { repId: rep.id, openCount: 0, todayCount: 0 } }));
  const nodeStates: Record<string, NodeAllocationState> = {};
  for (const n of p.nodes.values()) if (n.type === 'assign') nodeStates[`${p.id}:${n.id}`] = emptyNodeState(`${p.id}:${n.id}`);
  return { now: NOW, flowId: p.id, flowVersion: p.version, reps, teams: org.teams, pools: org.pools, nodeStates, existing: [], excludeRepIds: [] };
}

interface Timing {
  perSecond: number;
  p50: number;
  p99: number;
  mean: number;
  assigned: number;
}

/** Times every decision; applies each decision's state change and load increment outside the timed region. */
function timeDecisions(list: readonly Customer[], trace: boolean): Timing {
  const env = freshEnv(prepared);
  const loads = new Map(env.reps.map((c) => [c.rep.id, c.load]));
  const samples = new Float64Array(list.length);
  let assigned = 0;
  let total = 0n;
  for (let i = 0; i < list.length; i++) {
    const t0 = process.hrtime.bigint();
    const r = runAllocation(prepared, list[i] as Customer, env, { trace });
    const dt = process.hrtime.bigint() - t0;
    total += dt;
    samples[i] = Number(dt);
    for (const ch of r.allocationChanges) env.nodeStates[ch.nodeKey] = applyAllocationChange(env.nodeStates[ch.nodeKey] ?? emptyNodeState(ch.nodeKey), ch);
    if (r.ownerId !== undefined && r.outcome === 'assigned') {
      assigned++;
      const load = loads.get(r.ownerId);
      if (load) {
        load.openCount++;
        load.todayCount++;
      }
    }
  }
  samples.sort();
  const ns = Number(total);
  return {
    perSecond: list.length / (ns / 1e9),
    p50: (samples[Math.floor(list.length * 0.5)] ?? 0) / 1000,
    p99: (samples[Math.floor(list.length * 0.99)] ?? 0) / 1000,
    mean: ns / list.length / 1000,
    assigned,
  };
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function main(): Promise<void> {
  console.log(`Allot engine benchmark · node ${process.version} · ${CUSTOMERS.toLocaleString('en-US')} customers × ${REPS} reps · flow ${prepared.id} (${prepared.nodes.size} nodes, ${BENCH_CONDITIONS.length} conditions)`);
  // other processes on the machine inflate every figure: say how busy it was
  console.log(`${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}) · load average at start ${loadavg().map((x) => x.toFixed(2)).join(' / ')}\n`);

  // each mode is warmed up with its own workload (JIT), as a process runs one of them: the simulation lean,
  // the service with full traces; the heap is measured around the lean run, after warm-up and a full GC
  timeDecisions(customers.slice(0, WARMUP), false);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const lean = timeDecisions(customers, false);
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  timeDecisions(customers.slice(0, WARMUP), true);
  const full = timeDecisions(customers, true);

  // the compiled conditions alone, for the like-for-like ratio
  const compiled = BENCH_CONDITIONS.map((c) => compileCondition(c));
  const sample = customers.slice(0, BASELINE_SAMPLE);
  let sink = 0;
  for (const c of sample) for (const k of compiled) if (k.test({ customer: c, now: NOW })) sink++;
  let t0 = process.hrtime.bigint();
  for (let rep = 0; rep < 5; rep++) for (const c of sample) for (const k of compiled) if (k.test({ customer: c, now: NOW })) sink++;
  const compiledUs = Number(process.hrtime.bigint() - t0) / 1000 / (sample.length * 5);

  const baseline = makeJreEngineFor(BENCH_CONDITIONS);
  for (const c of sample.slice(0, 500)) await baseline.run({ customer: c, now: NOW });
  const jreSamples = new Float64Array(sample.length);
  let jreTotal = 0;
  for (let i = 0; i < sample.length; i++) {
    const t = process.hrtime.bigint();
    const out = await baseline.run({ customer: sample[i] as Customer, now: NOW });
    const dt = Number(process.hrtime.bigint() - t);
    jreSamples[i] = dt;
    jreTotal += dt;
    sink += out.filter(Boolean).length;
  }
  jreSamples.sort();
  const jreUs = jreTotal / 1000 / sample.length;
  const jreP50 = (jreSamples[Math.floor(sample.length / 2)] ?? 0) / 1000;

  // the simulation of 100k × 50
  gc();
  t0 = process.hrtime.bigint();
  const report = simulate(prepared, { customers, reps: org.reps, teams: org.teams, pools: org.pools, now: NOW });
  const simulationS = Number(process.hrtime.bigint() - t0) / 1e9;

  const ratio = jreUs / lean.mean;
  const ratioP50 = jreP50 / lean.p50;
  const rows: [string, string, string, boolean | undefined][] = [
    ['decisions / s (lean: no trace detail)', Math.round(lean.perSecond).toLocaleString('en-US'), '', undefined],
    ['p50 µs / decision (lean)', lean.p50.toFixed(2), `≤ ${TARGET.p50Us}`, lean.p50 <= TARGET.p50Us],
    ['p99 µs / decision (lean)', lean.p99.toFixed(2), '', undefined],
    ['decisions / s (full trace)', Math.round(full.perSecond).toLocaleString('en-US'), '', undefined],
    ['p50 µs / decision (full trace)', full.p50.toFixed(2), '', undefined],
    ['p99 µs / decision (full trace)', full.p99.toFixed(2), '', undefined],
    ['20 compiled conditions, µs / customer', compiledUs.toFixed(2), '', undefined],
    ['json-rules-engine run(), mean µs / customer', jreUs.toFixed(1), '', undefined],
    ['json-rules-engine run(), p50 µs / customer', jreP50.toFixed(1), '', undefined],
    ['ratio, same 20 conditions: JRE ÷ compiled', `${(jreUs / compiledUs).toFixed(0)}×`, `≥ ${TARGET.ratio}×`, jreUs / compiledUs >= TARGET.ratio],
    ['ratio, strict: JRE conditions ÷ whole decision (p50)', `${ratioP50.toFixed(0)}×`, `≥ ${TARGET.ratio}×`, ratioP50 >= TARGET.ratio],
    ['ratio, strict: JRE conditions ÷ whole decision (mean)', `${ratio.toFixed(0)}×`, '', undefined],
    ['heap growth over 100k decisions, MB', mb(heapAfter - heapBefore).toFixed(2), `≤ ${TARGET.heapMb}`, mb(heapAfter - heapBefore) <= TARGET.heapMb],
    ['simulation 100k × 50, s', simulationS.toFixed(2), `≤ ${TARGET.simulationS}`, simulationS <= TARGET.simulationS],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => r[2].length));
  console.log(`${'measure'.padEnd(w0)}  ${'value'.padStart(w1)}  ${'target'.padEnd(w2)}  ok`);
  console.log(`${'─'.repeat(w0)}  ${'─'.repeat(w1)}  ${'─'.repeat(w2)}  ──`);
  for (const [name, value, target, ok] of rows) console.log(`${name.padEnd(w0)}  ${value.padStart(w1)}  ${target.padEnd(w2)}  ${ok === undefined ? '' : ok ? '✓' : '✗'}`);
  console.log(`\noutcomes: assigned ${lean.assigned.toLocaleString('en-US')} of ${CUSTOMERS.toLocaleString('en-US')} · simulation: assigned ${report.outcomes.assigned.toLocaleString('en-US')}, pool ${report.outcomes.pool}, unassigned ${report.outcomes.unassigned}, violations ${report.violations.total}, Gini ${report.fairness.gini.toFixed(3)} · condition checksum ${sink}`);
  const missed = rows.filter((r) => r[3] === false).map((r) => r[0]);
  if (report.violations.total > 0) missed.push('simulation violations');
  if (missed.length > 0) {
    console.log(`\nMISSED: ${missed.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
