/**
 * `npm run bench:workflows` — lifecycle starts through the dispatcher, against a bare-workflow baseline.
 *
 * On an embedded stack of its own (FerretDB and the Temporal dev server in a temp directory, free ports):
 * 1. Baseline: N starts of `baselineEmpty` (a workflow that does nothing) from this process, 16 in flight,
 *    served by the production worker process — starts/s, and the time until all have completed.
 * 2. Lifecycles: N customers assigned with `lifecycle.needsStart` (the SLA-ladder flow active), then the
 *    production worker process with its dispatcher: time until the dispatcher has started all of them
 *    (starts/s), time until every lifecycle has run its first activity (pinned its flow version), and the
 *    worker's peak memory (RSS of the worker process tree).
 * Prints the figures and the ratio baseline ÷ lifecycle start rate. Bounded: ALLOT_BENCH_TIMEOUT_S
 * (default 600) stops a phase and reports what was reached. ALLOT_BENCH_LIFECYCLES sets N (default 5000).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import mongoose, { Types } from 'mongoose';
import slaLadder from '../../templates/sla-ladder/flow.json';
import { connectDatabase } from '../data/connect';
import { getModels, type Models } from '../data/models';
import { startFerretDb } from '../../scripts/stack/ferretdb.service';
import { ManagedProcess, waitUntil } from '../../scripts/stack/managed-process';
import { freePort } from '../../scripts/stack/ports';
import { startTemporalDev } from '../../scripts/stack/temporal.service';
import { NODE_BIN, ROOT, tsNodeArgs } from '../../scripts/stack/tool-paths';
import { WORKFLOWS_PATH } from '../temporal/allot-worker';

const N = Number(process.env.ALLOT_BENCH_LIFECYCLES ?? 5000);
const LIMIT_MS = Number(process.env.ALLOT_BENCH_TIMEOUT_S ?? 600) * 1000;
const IN_FLIGHT = 16;
const log = (line: string) => console.log(`[bench:workflows] ${line}`);

/** RSS (MB) and CPU time used so far (s) of a process and all its descendants (tsx runs the worker in a child node process). */
function treeStat(rootPid: number): { rssMb: number; cpuS: number } {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      cpu.set(Number(name), (Number(fields[11]) + Number(fields[12])) / 100); // utime + stime, clock ticks
    } catch {
      /* gone */
    }
  }
  let kb = 0;
  let cpuS = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop() as number;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
      cpuS += cpu.get(pid) ?? 0;
    } catch {
      /* gone */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { rssMb: kb / 1024, cpuS };
}
const treeRssMb = (pid: number) => treeStat(pid).rssMb;

/** CPU seconds each part of the stack used between two snapshots. */
function cpuSplit(procs: Record<string, number | undefined>, before?: Record<string, number>): Record<string, number> {
  const now: Record<string, number> = { bench: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 };
  for (const [k, pid] of Object.entries(procs)) now[k] = pid ? treeStat(pid).cpuS : 0;
  if (!before) return now;
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}
const showCpu = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');

async function seed(m: Models): Promise<void> {
  const teamId = new Types.ObjectId();
  const reps = Array.from({ length: 10 }, (_, i) => ({ _id: new Types.ObjectId(), name: `Bench rep ${i + 1}`, teamId, level: 3, capacity: 100_000, dailyCap: 10_000, status: 'active', timezone: 'Asia/Shanghai' }));
  await m.Team.create({ _id: teamId, name: 'Bench team', managerRepId: reps[0]!._id });
  await m.Rep.insertMany(reps);
  const pool = await m.Pool.create({ name: 'Bench pool', isDefault: true });
  const doc = JSON.parse(JSON.stringify(slaLadder).replace(/"pool-main"/g, JSON.stringify(String(pool._id)))) as Record<string, unknown>;
  const flow = await m.Flow.create({ name: 'SLA ladder', kind: 'followUp', trigger: 'customerAssigned', document: doc, latestVersion: 1 });
  const version = await m.FlowVersion.create({ flowId: flow._id, version: 1, name: 'SLA ladder', kind: 'followUp', trigger: 'customerAssigned', document: { ...doc, id: String(flow._id) } });
  await m.ActiveFlow.create({ trigger: 'customerAssigned', flowId: flow._id, flowVersionId: version._id, version: 1 });
  const now = Date.now();
  for (let i = 0; i < N; i += 500) {
    const batch = Array.from({ length: Math.min(500, N - i) }, (_, j) => {
      const owner = reps[(i + j) % reps.length]!;
      return { name: `Bench customer ${i + j + 1}`, status: 'assigned', ownerId: owner._id, teamId, assignedAt: new Date(now), lifecycle: { needsStart: true } };
    });
    await m.Customer.insertMany(batch);
  }
}

function workerProcess(env: NodeJS.ProcessEnv, dispatcher: boolean): ManagedProcess {
  return new ManagedProcess({
    name: dispatcher ? 'bench-worker' : 'bench-baseline-worker',
    command: NODE_BIN,
    args: tsNodeArgs(join(ROOT, 'engine/temporal/worker.ts')),
    cwd: ROOT,
    echo: process.env.ALLOT_BENCH_ECHO === '1',
    env: { ...env, ALLOT_DISPATCHER: dispatcher ? 'on' : 'off', ALLOT_SCHEDULES: 'off' },
  }).start();
}

const ready = (p: ManagedProcess) => waitUntil('worker', async () => p.lastLines(40).some((l) => l.includes('worker polling')), { timeoutMs: 120_000, proc: p, intervalMs: 200 });

async function main(): Promise<void> {
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'allot-bench-wf-'));
  const stops: Array<() => Promise<void>> = [];
  try {
    log(`${N} lifecycles; ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const [ferret, temporal] = await Promise.all([
      startFerretDb({ port: await freePort(), dataDir: join(tmp, 'ferretdb'), echo: false, name: 'bench-ferretdb' }),
      startTemporalDev({ port: await freePort(), dbFile: join(tmp, 'temporal.db'), headless: true, echo: false, name: 'bench-temporal' }),
    ]);
    stops.push(() => temporal.proc.stop(), () => ferret.proc.stop());
    const mongoUri = `${ferret.uri}/allot_bench`;
    const conn = await connectDatabase(mongoUri);
    stops.unshift(() => conn.close());
    const m = getModels(conn);
    const bundlePath = join(tmp, 'workflows.js');
    const [{ code }] = await Promise.all([bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } as never }), seed(m)]);
    writeFileSync(bundlePath, code);
    log(`stack up, ${N} customers seeded (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const connection = await Connection.connect({ address: temporal.address });
    stops.unshift(() => connection.close());
    const client = new Client({ connection });
    const env = { ...process.env, MONGODB_URI: mongoUri, TEMPORAL_ADDRESS: temporal.address, ALLOT_TASK_QUEUE: 'bench', ALLOT_WORKFLOW_BUNDLE: bundlePath };

    // 1. baseline: bare empty workflows
    const base = workerProcess(env, false);
    stops.unshift(() => base.stop());
    await ready(base);
    let basePeak = 0;
    const baseProcs = { temporal: temporal.proc.pid, ferretdb: ferret.proc.pid, worker: base.pid };
    const baseCpu0 = cpuSplit(baseProcs);
    const baseT0 = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < N && Date.now() - baseT0 < LIMIT_MS) {
          const i = next++;
          await client.workflow.start('baselineEmpty', { taskQueue: 'bench', workflowId: `baseline-${i}`, args: [] });
          if (i % 250 === 0) basePeak = Math.max(basePeak, treeRssMb(base.pid ?? 0));
        }
      }),
    );
    const baseIssued = Math.min(next, N);
    const baseStartS = (Date.now() - baseT0) / 1000;
    await waitUntil('baseline completed', async () => {
      basePeak = Math.max(basePeak, treeRssMb(base.pid ?? 0));
      return (await client.workflow.count(`WorkflowType = 'baselineEmpty' AND ExecutionStatus = 'Completed'`)).count >= baseIssued;
    }, { timeoutMs: LIMIT_MS, intervalMs: 1000 }).catch((e: Error) => log(`baseline: ${e.message}`));
    const baseDoneS = (Date.now() - baseT0) / 1000;
    const baseCpu = cpuSplit(baseProcs, baseCpu0);
    await base.stop();
    const baseRate = baseIssued / baseStartS;
    log(`baseline: ${baseIssued} empty workflows started in ${baseStartS.toFixed(1)} s = ${baseRate.toFixed(0)} starts/s; all completed after ${baseDoneS.toFixed(1)} s; worker peak RSS ${basePeak.toFixed(0)} MB`);
    log(`baseline CPU: ${showCpu(baseCpu)}`);

    // 2. lifecycles through the dispatcher
    const worker = workerProcess(env, true);
    stops.unshift(() => worker.stop());
    const spawned = Date.now();
    await ready(worker);
    const procs = { temporal: temporal.proc.pid, ferretdb: ferret.proc.pid, worker: worker.pid };
    const cpu0 = cpuSplit(procs);
    const t0 = Date.now();
    log(`worker with dispatcher up in ${((t0 - spawned) / 1000).toFixed(1)} s; measuring from here`);
    let peak = 0;
    let dispatchedAt: number | undefined;
    let begunAt: number | undefined;
    let startedCount = 0;
    let begun = 0;
    // probes every 5 s while the dispatcher works (a visibility count; the database only after, a scan per look)
    while (Date.now() - t0 < LIMIT_MS && begunAt === undefined) {
      await new Promise((r) => setTimeout(r, 5000));
      peak = Math.max(peak, treeRssMb(worker.pid ?? 0));
      if (dispatchedAt === undefined) {
        startedCount = (await client.workflow.count(`WorkflowType = 'customerLifecycle'`)).count;
        if (startedCount >= N) dispatchedAt = Date.now();
      } else {
        begun = await m.Customer.countDocuments({ 'lifecycle.flowVersionId': mongoose.trusted({ $exists: true }) });
        if (begun >= N) begunAt = Date.now();
      }
    }
    const dispatchS = ((dispatchedAt ?? Date.now()) - t0) / 1000;
    const dispatched = Math.min(startedCount, N);
    const rate = dispatched / dispatchS;
    const begunS = ((begunAt ?? Date.now()) - t0) / 1000;
    const running = (await client.workflow.count(`WorkflowType = 'customerLifecycle' AND ExecutionStatus = 'Running'`)).count;
    log(`lifecycles: ${dispatched}/${N} started by the dispatcher in ${dispatchS.toFixed(1)} s = ${rate.toFixed(0)} starts/s`);
    log(`lifecycles: ${begun}/${N} had run their first activity after ${begunS.toFixed(1)} s; ${running} running; worker peak RSS ${peak.toFixed(0)} MB`);
    log(`lifecycles CPU: ${showCpu(cpuSplit(procs, cpu0))}`);
    log(`ratio: baseline ${baseRate.toFixed(0)} starts/s ÷ lifecycles ${rate.toFixed(0)} starts/s = ${(baseRate / rate).toFixed(2)}`);
    if (dispatchedAt === undefined || begunAt === undefined) log(`stopped at the time limit (${LIMIT_MS / 1000} s)`);
    log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('[bench:workflows] failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
