import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { getModels } from '../../engine/data/models';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';
import { assignFlowDocument, contractCaller, unfinishedFlowDocument } from './flows.fixtures';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let call: TestApi['call'];
let admin: string;
let manager: string;
let rep: string;
let teamIds: string[];
let east: string;
let poolId: string;
let draftId: string;
let activeVersionId: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function draftWith(document: unknown, name = 'sim'): Promise<string> {
  const f = await call<Json>('POST', '/api/flows', { token: admin, body: { name, kind: 'allocation', trigger: 'customerCreated', document } });
  expect(f.status, JSON.stringify(f.body)).toBe(201);
  return f.body.id;
}

/** Everything a simulation must not touch. */
async function snapshot() {
  const m = getModels(db.conn);
  const customers = await m.Customer.find({}, { ownerId: 1, status: 1, poolId: 1, score: 1, grade: 1 }).sort({ _id: 1 }).lean();
  const reps = await m.Rep.find({}, { openCount: 1, todayCount: 1 }).sort({ _id: 1 }).lean();
  return {
    customers: JSON.stringify(customers),
    reps: JSON.stringify(reps),
    events: await m.AssignmentEvent.countDocuments(),
    states: await m.AllocationState.countDocuments(),
    keys: await m.ContactKey.countDocuments(),
  };
}

const sampleRecords = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `s${i + 1}`,
    name: `样本客户 ${i + 1}`,
    industry: ['finance', 'retail', 'software'][i % 3],
    estimatedValue: (i % 10) * 100_000,
    region: 'east',
  }));

beforeAll(async () => {
  db = await useTestDatabase('flowsim');
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn);
  call = contractCaller(api);
  [admin, manager, rep] = await Promise.all([api.login('admin@allot.demo'), api.login('manager@allot.demo'), api.login('rep@allot.demo')]);
  const m = getModels(db.conn);
  const teams = await m.Team.find().lean();
  teamIds = teams.map((t) => String(t._id));
  east = String(teams.find((t) => t.nameEn === 'Enterprise East')?._id);
  poolId = String((await m.Pool.findOne().lean())?._id);
  // the active version: everything to the east team; the draft: round robin over every team
  const activeFlow = await draftWith(assignFlowDocument({ teamIds: [east], poolId, strategy: 'leastLoaded' }), 'active');
  const pub = await call<Json>('POST', `/api/flows/${activeFlow}/publish`, { token: admin, body: {} });
  activeVersionId = pub.body.id;
  await call('POST', `/api/flow-versions/${activeVersionId}/activate`, { token: admin });
  draftId = await draftWith(assignFlowDocument({ teamIds, poolId }), 'draft');
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('simulating a draft over the current customers', () => {
  it('reports per rep, fairness, unassigned and paths beside the active version, and writes nothing', async () => {
    const before = await snapshot();
    const total = await getModels(db.conn).Customer.countDocuments();
    const r = await call<Json>('POST', `/api/flows/${draftId}/simulate`, { token: manager, body: { source: 'current', compareWithActive: true } });
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    const { draft, active } = r.body;
    expect(r.body.customers).toBe(total);
    for (const side of [draft, active]) {
      const o = side.outcomes;
      expect(o.assigned + o.pool + o.duplicate + o.unassigned).toBe(total);
      expect(side.violations.total).toBe(0);
      expect(side.reps.reduce((s: number, x: Json) => s + x.count, 0)).toBe(o.assigned);
      for (const x of side.reps) expect(x.byGrade.reduce((s: number, g: Json) => s + g.count, 0)).toBe(x.count);
      expect(side.grades.reduce((s: number, g: Json) => s + g.assigned + g.pool + g.duplicate + g.unassigned, 0)).toBe(total);
      const activeCounts = side.reps.filter((x: Json) => x.status === 'active').map((x: Json) => x.count);
      expect(side.fairness.spread).toBe(Math.max(...activeCounts) - Math.min(...activeCounts));
      expect(side.fairness.gini).toBeGreaterThanOrEqual(0);
      expect(side.fairness.gini).toBeLessThan(1);
      expect(side.pools.reduce((s: number, p: Json) => s + p.count, 0)).toBe(o.pool);
      for (const x of side.reps) expect(x.openCount).toBeLessThanOrEqual(x.capacity);
    }
    expect(draft).toMatchObject({ side: 'draft', flowId: draftId, versionId: null });
    expect(active).toMatchObject({ side: 'active', versionId: activeVersionId, version: 1 });
    // the draft spreads over three teams, the active version keeps everything in one
    expect(draft.teams.length).toBe(3);
    expect(active.teams.map((t: Json) => t.teamId)).toEqual([east]);
    expect(draft.outcomes.assigned).toBeGreaterThan(active.outcomes.assigned);
    expect(r.body.differences.total).toBeGreaterThan(0);
    // weights: every active rep has a target, the targets sum to 1
    const targets = draft.reps.filter((x: Json) => x.status === 'active').reduce((s: number, x: Json) => s + x.weightTarget, 0);
    expect(targets).toBeCloseTo(1, 6);
    // paths: the first 200 customers, each starting at the trigger, with each node's output and words
    expect(draft.paths).toHaveLength(200);
    expect(draft.pathsTruncated).toBe(true);
    const path = draft.paths[0];
    expect(path.steps[0]).toMatchObject({ nodeId: 'start', type: 'trigger', output: 'next' });
    expect(path.steps.map((s: Json) => s.nodeId)).toContain('assign');
    expect(path.why.en.length).toBeGreaterThan(0);
    const pooled = draft.paths.find((p: Json) => p.outcome === 'pool');
    if (pooled) expect(pooled.steps.map((s: Json) => s.nodeId)).toEqual(['start', 'score', 'assign', 'pool']);
    expect(await snapshot()).toEqual(before);
  });

  it('respects limit, paths and compareWithActive: false', async () => {
    const r = await call<Json>('POST', `/api/flows/${draftId}/simulate`, { token: admin, body: { source: 'current', compareWithActive: false, limit: 40, paths: 5 } });
    expect(r.status).toBe(200);
    expect(r.body.customers).toBe(40);
    expect(r.body.active).toBeNull();
    expect(r.body.draft.paths).toHaveLength(5);
    expect(r.body.differences).toEqual({ total: 0, items: [] });
  });
});

describe('simulating over a sample', () => {
  it('runs a JSON sample', async () => {
    const r = await call<Json>('POST', `/api/flows/${draftId}/simulate`, { token: admin, body: { source: 'sample', sample: sampleRecords(12), compareWithActive: true } });
    expect(r.status).toBe(200);
    expect(r.body.customers).toBe(12);
    expect(r.body.draft.paths.map((p: Json) => p.customerId)).toEqual(sampleRecords(12).map((s) => s.id));
    expect(r.body.draft.paths[0].name).toBe('样本客户 1');
    expect(r.body.draft.violations.total).toBe(0);
  });

  it('runs an uploaded CSV with Chinese headers, and a GBK one', async () => {
    const csv = '名称,行业,预计金额,省份\n甲公司,finance,800000,上海\n乙公司,retail,20000,广东\n丙公司,software,300000,北京\n';
    const r = await call<Json>('POST', `/api/flows/${draftId}/simulate/upload?compareWithActive=false`, { token: manager, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(r.body.customers).toBe(3);
    expect(r.body.draft.paths.map((p: Json) => p.name)).toEqual(['甲公司', '乙公司', '丙公司']);
    expect(r.body.draft.paths[0].grade).toBe('A');
    const { default: iconv } = await import('iconv-lite');
    const gbk = await fetch(`${api.baseUrl}/api/flows/${draftId}/simulate/upload?format=csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: new Uint8Array(iconv.encode(csv, 'gbk')),
    });
    expect(gbk.status).toBe(200);
    expect(((await gbk.json()) as Json).draft.paths[1].name).toBe('乙公司');
  });

  it('runs a large sample as a job with progress, the report in its result', async () => {
    const big = sampleRecords(2_500);
    const r = await call<Json>('POST', `/api/flows/${draftId}/simulate/upload`, { token: manager, body: JSON.stringify(big), headers: { 'content-type': 'application/json' } });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(202);
    expect(r.body.total).toBe(5_000);
    const url = r.body.statusUrl as string;
    let job: Json = {};
    for (let i = 0; i < 240; i++) {
      job = (await call<Json>('GET', url, { token: manager })).body;
      if (job.status !== 'running') break;
      await new Promise((res) => setTimeout(res, 250));
    }
    expect(job.status, job.error).toBe('succeeded');
    expect(job.progress).toBe(1);
    expect(job.report.customers).toBe(2_500);
    expect(job.report.draft.violations.total).toBe(0);
    const o = job.report.draft.outcomes;
    expect(o.assigned + o.pool + o.duplicate + o.unassigned).toBe(2_500);
    expect(job.report.active.versionId).toBe(activeVersionId);
    const generic = await call<Json>('GET', `/api/jobs/${r.body.jobId}`, { token: manager });
    expect(generic.body).toMatchObject({ kind: 'simulation', status: 'succeeded', processed: 5_000, total: 5_000 });
    expect((await call<Json>('GET', url, { token: rep })).status).toBe(403);
    expect((await call<Json>('GET', url, { token: admin })).status).toBe(200);
  });
});

describe('what cannot be simulated', () => {
  it('refuses an invalid draft with its errors, a follow-up flow, and a bad sample', async () => {
    const invalid = await draftWith(unfinishedFlowDocument({ teamIds, poolId }), 'invalid');
    const r = await call<Json>('POST', `/api/flows/${invalid}/simulate`, { token: admin, body: { source: 'current' }, headers: { 'accept-language': 'en' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('FLOW_INVALID');
    expect(r.body.error.message).toMatch(/cannot be simulated/);
    expect(r.body.error.details.some((d: Json) => d.nodeId === 'assign')).toBe(true);

    const fu = await call<Json>('POST', '/api/flows', { token: admin, body: { name: 'fu', kind: 'followUp', trigger: 'customerAssigned' } });
    const nf = await call<Json>('POST', `/api/flows/${fu.body.id}/simulate`, { token: admin, body: { source: 'current' } });
    expect(nf.status).toBe(400);
    expect(nf.body.error.code).toBe('FLOW_NOT_SIMULABLE');

    const bad = await call<Json>('POST', `/api/flows/${draftId}/simulate`, { token: admin, body: { source: 'sample', sample: [{ name: 'ok' }, 'not a customer'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('/body/sample/1');
    const missing = await call<Json>('POST', `/api/flows/${draftId}/simulate`, { token: admin, body: { source: 'sample' } });
    expect(missing.status).toBe(400);
    const dup = await call<Json>('POST', `/api/flows/${draftId}/simulate`, { token: admin, body: { source: 'sample', sample: [{ id: 'a' }, { id: 'a' }] } });
    expect(dup.status).toBe(400);
    const csv = await call<Json>('POST', `/api/flows/${draftId}/simulate/upload`, { token: admin, body: 'a,b\n1,2,3\n', headers: { 'content-type': 'text/csv' } });
    expect(csv.status).toBe(400);
    const empty = await call<Json>('POST', `/api/flows/${draftId}/simulate/upload`, { token: admin, body: '', headers: { 'content-type': 'text/csv' } });
    expect(empty.status).toBe(400);
    const proto = await call<Json>('POST', `/api/flows/${draftId}/simulate`, { token: admin, body: '{"source":"sample","sample":[{"name":"p","__proto__":{"polluted":1}}]}' });
    expect(proto.status).toBe(200);
    expect(({} as Json).polluted).toBeUndefined();
    expect((await call<Json>('POST', `/api/flows/${draftId}/simulate`, { token: rep, body: { source: 'current' } })).status).toBe(403);
  });
});
