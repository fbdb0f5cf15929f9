import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { getModels } from '../../engine/data/models';
import { listEntityReferences, type FlowDocument } from '../../engine/core/flow';
import { TEMPLATES } from '../../templates';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';
import { contractCaller, intakeBody } from './flows.fixtures';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let call: TestApi['call'];
let admin: string;
let manager: string;
let teams: Record<'east' | 'south' | 'growth', string>;
let poolId: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  db = await useTestDatabase('templates');
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn);
  call = contractCaller(api);
  [admin, manager] = await Promise.all([api.login('admin@allot.demo'), api.login('manager@allot.demo')]);
  const m = getModels(db.conn);
  const byName = new Map((await m.Team.find().lean()).map((t) => [t.nameEn, String(t._id)]));
  teams = { east: byName.get('Enterprise East') ?? '', south: byName.get('Channel South') ?? '', growth: byName.get('New-hire Growth') ?? '' };
  poolId = String((await m.Pool.findOne().lean())?._id);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('the template gallery', () => {
  it('lists every template with its words in both languages and the placeholders to bind', async () => {
    const r = await call<Json>('GET', '/api/templates', { token: manager, headers: { 'accept-language': 'en' } });
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(TEMPLATES.length);
    const tiered = r.body.items.find((t: Json) => t.id === 'tiered-by-value');
    expect(tiered).toMatchObject({ kind: 'allocation', trigger: 'customerCreated', label: 'Tiered by value', placeholders: { team: ['senior', 'core', 'rookies'], pool: ['pool-main'], rep: [] } });
    expect(tiered.name['zh-CN']).toBe('按价值分层分配');
    expect(tiered.highlights.length).toBeGreaterThan(0);
  });

  it('previews what an allocation template does to its example data', async () => {
    const r = await call<Json>('GET', '/api/templates/tiered-by-value', { token: manager });
    expect(r.status).toBe(200);
    const { report, expectations } = r.body.preview;
    expect(expectations).toEqual({ met: true, problems: [] });
    expect(report.violations.total).toBe(0);
    expect(report.customers).toBe(r.body.example.customers);
    expect(report.paths).toHaveLength(report.customers);
    expect(report.reps.find((x: Json) => x.repId === 'sen-fin').byGrade.map((g: Json) => g.grade)).toContain('A');
    expect(r.body.document.nodes.find((n: Json) => n.id === 'toSenior').params.candidateTeams).toEqual(['senior']);
    expect(r.body.example.teams.map((t: Json) => t.id)).toEqual(['senior', 'core', 'rookies']);
  });

  it('previews a follow-up template as timelines of its example scenarios', async () => {
    const r = await call<Json>('GET', '/api/templates/sla-ladder', { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.preview.report).toBeNull();
    expect(r.body.preview.expectations.met).toBe(true);
    const s = r.body.preview.scenarios[0];
    expect(s.entries[0].cause).toBe('started');
    expect(s.entries.flatMap((e: Json) => e.actions.map((a: Json) => a.kind))).toContain('remind');
    expect((await call<Json>('GET', '/api/templates/no-such-template', { token: admin })).status).toBe(404);
    expect((await call<Json>('GET', '/api/templates/Bad_Id', { token: admin })).status).toBe(400);
  });
});

describe('installing templates', () => {
  const seededTeams = () => [teams.east, teams.south, teams.growth];

  it.each(TEMPLATES.filter((t) => t.meta.kind === 'allocation').map((t) => [t.meta.id] as const))('%s installs as a valid draft once its teams are bound', async (id) => {
    const gallery = await call<Json>('GET', `/api/templates/${id}`, { token: admin });
    const placeholders: string[] = gallery.body.placeholders.team;
    const team = Object.fromEntries(placeholders.map((p, i) => [p, seededTeams()[i % 3]]));
    const r = await call<Json>('POST', `/api/templates/${id}/install`, { token: admin, body: { bindings: { team } } });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
    expect(r.body.unbound).toEqual([]);
    expect(r.body.validation, JSON.stringify(r.body.validation.errors.slice(0, 3))).toMatchObject({ valid: true, errors: [] });
    expect(r.body.bound.filter((b: Json) => b.kind === 'pool')).toEqual(gallery.body.placeholders.pool.map((p: string) => ({ kind: 'pool', placeholder: p, id: poolId, defaulted: true })));
    expect(r.body.flow).toMatchObject({ templateId: id, kind: 'allocation', revision: 0, latestVersion: 0 });
    expect(r.body.flow.document.id).toBe(r.body.flow.id);
    // every team and pool the draft names is one of this organisation's
    const refs = listEntityReferences(r.body.flow.document as FlowDocument);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect([...seededTeams(), poolId], `${ref.kind} ${ref.id} at ${ref.pointer}`).toContain(ref.id);
    const pub = await call<Json>('POST', `/api/flows/${r.body.flow.id}/publish`, { token: admin, body: { note: `from ${id}` } });
    expect(pub.status, JSON.stringify(pub.body).slice(0, 300)).toBe(201);
  });

  it('leaves unbound teams to the admin: listed in the answer and named by validation', async () => {
    const r = await call<Json>('POST', '/api/templates/tiered-by-value/install', { token: admin, body: { name: '分层（待绑定）', bindings: { team: { senior: teams.east } } } });
    expect(r.status).toBe(201);
    expect(r.body.flow.name).toBe('分层（待绑定）');
    expect(r.body.unbound).toEqual([
      { kind: 'team', placeholder: 'core', nodeIds: ['toCore'] },
      { kind: 'team', placeholder: 'rookies', nodeIds: ['toNewHires'] },
    ]);
    const unknown = r.body.validation.errors.filter((e: Json) => e.code === 'FLOW_UNKNOWN_TEAM');
    expect(unknown.map((e: Json) => e.nodeId).sort()).toEqual(['toCore', 'toNewHires']);
    const v = await call<Json>('GET', `/api/flows/${r.body.flow.id}/validation`, { token: admin });
    expect(v.body.errors.filter((e: Json) => e.code === 'FLOW_UNKNOWN_TEAM')).toHaveLength(2);
    expect((await call<Json>('POST', `/api/flows/${r.body.flow.id}/publish`, { token: admin, body: {} })).status).toBe(400);
  });

  it('refuses bad bindings and stores nothing', async () => {
    const m = getModels(db.conn);
    const before = await m.Flow.countDocuments();
    const cases: unknown[] = [
      { bindings: { team: { nope: teams.east } } },
      { bindings: { team: { senior: '0123456789abcdef01234567' } } },
      { bindings: { team: { senior: 'not-an-id' } } },
      { bindings: { pool: { 'pool-main': teams.east } } },
      { bindings: { user: {} } },
      { unknown: 1 },
      '{"bindings":{"team":{"__proto__":"0123456789abcdef01234567"}}}',
    ];
    for (const body of cases) {
      const r = await call<Json>('POST', '/api/templates/tiered-by-value/install', { token: admin, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect(({} as Json).senior).toBeUndefined();
    expect(await m.Flow.countDocuments()).toBe(before);
    expect((await call<Json>('POST', '/api/templates/tiered-by-value/install', { token: manager, body: {} })).status).toBe(403);
    expect((await call<Json>('POST', '/api/templates/nope/install', { token: admin, body: {} })).status).toBe(404);
  });

  it('installs follow-up templates with their pool bound to the default pool', async () => {
    const r = await call<Json>('POST', '/api/templates/pool-recycling/install', { token: admin, body: {} });
    expect(r.status).toBe(201);
    expect(r.body.flow).toMatchObject({ kind: 'followUp', trigger: 'customerAssigned' });
    expect(r.body.validation.valid).toBe(true);
    expect(await getModels(db.conn).AuditLog.countDocuments({ action: 'templates.install', 'target.id': r.body.flow.id })).toBe(1);
  });
});

describe('the README walkthrough: install tiered-by-value, bind its teams, publish, activate, intake', () => {
  it('assigns each new customer as the flow says, with a readable reason', async () => {
    const refs = await call<Json>('GET', '/api/org/refs', { token: admin });
    const id = (nameEn: string) => refs.body.teams.find((t: Json) => t.nameEn === nameEn).id as string;
    const install = await call<Json>('POST', '/api/templates/tiered-by-value/install', {
      token: admin,
      body: { bindings: { team: { senior: id('Enterprise East'), core: id('Channel South'), rookies: id('New-hire Growth') } } },
    });
    expect(install.body.validation.valid).toBe(true);
    const version = await call<Json>('POST', `/api/flows/${install.body.flow.id}/publish`, { token: admin, body: { note: 'README walkthrough' } });
    const act = await call<Json>('POST', `/api/flow-versions/${version.body.id}/activate`, { token: admin });
    expect(act.status).toBe(200);

    const m = getModels(db.conn);
    const cases = [
      { body: intakeBody({ estimatedValue: 800_000, size: 'large', source: 'referral', industry: 'finance' }), grade: 'A', team: teams.east },
      { body: intakeBody({ estimatedValue: 200_000, size: 'large', source: 'referral', industry: 'retail' }), grade: 'B', team: teams.south },
      { body: intakeBody({ estimatedValue: 5_000, size: 'small', source: 'web', industry: 'retail' }), grade: 'D', team: teams.growth },
    ];
    for (const c of cases) {
      const r = await call<Json>('POST', '/api/customers', { token: admin, body: c.body });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ outcome: 'assigned', grade: c.grade });
      const owner = await m.Rep.findById(r.body.ownerId).lean();
      expect(String(owner?.teamId)).toBe(c.team);
      if (c.grade === 'D') expect(owner?.isNewHire).toBe(true);
      const event = await m.AssignmentEvent.findOne({ customerId: r.body.customerId }).lean();
      expect(event?.why.en.length).toBeGreaterThan(10);
      expect(event?.path).toEqual(expect.arrayContaining(['start', 'score', 'byGrade']));
    }
  });
});
