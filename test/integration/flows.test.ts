import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { getModels } from '../../engine/data/models';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';
import { assignFlowDocument, contractCaller, intakeBody, unfinishedFlowDocument } from './flows.fixtures';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let call: TestApi['call'];
let admin: string;
let manager: string;
let rep: string;
let teams: Record<'east' | 'south' | 'growth', string>;
let poolId: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  db = await useTestDatabase('flows');
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn);
  call = contractCaller(api);
  [admin, manager, rep] = await Promise.all([api.login('admin@allot.demo'), api.login('manager@allot.demo'), api.login('rep@allot.demo')]);
  const m = getModels(db.conn);
  const byName = new Map((await m.Team.find().lean()).map((t) => [t.nameEn, String(t._id)]));
  teams = { east: byName.get('Enterprise East') ?? '', south: byName.get('Channel South') ?? '', growth: byName.get('New-hire Growth') ?? '' };
  poolId = String((await m.Pool.findOne().lean())?._id);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const teamOf = async (repId: string) => String((await getModels(db.conn).Rep.findById(repId).lean())?.teamId);

async function newDraft(name: string, extra: Json = {}): Promise<Json> {
  const r = await call<Json>('POST', '/api/flows', { token: admin, body: { name, kind: 'allocation', trigger: 'customerCreated', ...extra } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function save(id: string, revision: number, document: unknown, token = admin) {
  return call<Json>('PUT', `/api/flows/${id}`, { token, body: { revision, document } });
}

describe('the whole lifecycle: draft → refused publish → fix → v1 → activate → intake → v2 → rollback', () => {
  let flowId: string;
  let revision: number;
  let v1: Json;
  let v2: Json;

  it('creates a draft with a minimal valid document', async () => {
    const f = await newDraft('生命周期 Lifecycle');
    flowId = f.id;
    expect(f.revision).toBe(0);
    expect(f.latestVersion).toBe(0);
    expect(f.document.nodes.map((n: Json) => n.type)).toEqual(['trigger', 'end']);
    expect(f.document.id).toBe(flowId);
    const v = await call<Json>('GET', `/api/flows/${flowId}/validation`, { token: admin });
    expect(v.body.valid).toBe(true);
    expect(v.body.context.teams).toBe(3);
  });

  it('saves an unfinished draft (autosave never refuses on validation) and answers with its errors', async () => {
    const r = await save(flowId, 0, unfinishedFlowDocument({ teamIds: [teams.east], poolId }));
    expect(r.status).toBe(200);
    expect(r.headers.get('x-flow-revision')).toBe('1');
    revision = r.body.revision;
    expect(revision).toBe(1);
    expect(r.body.validation.valid).toBe(false);
    const codes = r.body.validation.errors.map((e: Json) => `${e.code}@${e.nodeId}`);
    expect(codes).toContain('FLOW_OUTPUT_NOT_CONNECTED@assign');
    const unreachable = r.body.validation.errors.find((e: Json) => e.nodeId === 'pool');
    expect(unreachable.text['zh-CN'].length).toBeGreaterThan(0);
    expect(unreachable.text.en.length).toBeGreaterThan(0);
  });

  it('refuses to publish the invalid draft with the engine errors, and stores nothing', async () => {
    const r = await call<Json>('POST', `/api/flows/${flowId}/publish`, { token: admin, body: { note: 'too early' }, headers: { 'accept-language': 'en' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('FLOW_INVALID');
    expect(r.body.error.message).toMatch(/was not published/);
    const detail = r.body.error.details.find((d: Json) => d.code === 'FLOW_OUTPUT_NOT_CONNECTED');
    expect(detail).toMatchObject({ nodeId: 'assign', path: expect.stringMatching(/^\/document\/nodes\/2/) });
    const m = getModels(db.conn);
    expect(await m.FlowVersion.countDocuments({ flowId })).toBe(0);
    expect((await m.Flow.findById(flowId).lean())?.latestVersion).toBe(0);
  });

  it('publishes v1 once fixed, activates it, and intake assigns by it', async () => {
    const fixed = await save(flowId, revision, assignFlowDocument({ teamIds: [teams.east], poolId }));
    expect(fixed.body.validation).toMatchObject({ valid: true, errors: [] });
    revision = fixed.body.revision;
    const pub = await call<Json>('POST', `/api/flows/${flowId}/publish`, { token: admin, body: { note: '第一版 first' } });
    expect(pub.status).toBe(201);
    v1 = pub.body;
    expect(v1).toMatchObject({ version: 1, flowId, kind: 'allocation', trigger: 'customerCreated', note: '第一版 first', active: false });
    expect(v1.publishedBy.name).toBe('Allot Admin');
    // parseFlow filled the defaults into the frozen document
    expect(v1.document.nodes.find((n: Json) => n.id === 'assign').params.constraints).toBeDefined();
    const act = await call<Json>('POST', `/api/flow-versions/${v1.id}/activate`, { token: admin });
    expect(act.status).toBe(200);
    expect(act.body).toMatchObject({ trigger: 'customerCreated', versionId: v1.id, version: 1, previous: null, changed: true });
    const again = await call<Json>('POST', `/api/flow-versions/${v1.id}/activate`, { token: admin });
    expect(again.body.changed).toBe(false);

    const intake = await call<Json>('POST', '/api/customers', { token: admin, body: intakeBody() });
    expect(intake.status).toBe(201);
    expect(intake.body.outcome).toBe('assigned');
    expect(await teamOf(intake.body.ownerId)).toBe(teams.east);
  });

  it('v2 takes over new intakes once activated, while v1 stays readable and immutable', async () => {
    const r = await save(flowId, revision, assignFlowDocument({ teamIds: [teams.south], poolId, strategy: 'leastLoaded' }));
    revision = r.body.revision;
    const pub = await call<Json>('POST', `/api/flows/${flowId}/publish`, { token: admin, body: { note: 'south' } });
    v2 = pub.body;
    expect(v2.version).toBe(2);
    // published but not active yet: intake still uses v1
    const before = await call<Json>('POST', '/api/customers', { token: admin, body: intakeBody() });
    expect(await teamOf(before.body.ownerId)).toBe(teams.east);
    const act = await call<Json>('POST', `/api/flow-versions/${v2.id}/activate`, { token: admin });
    expect(act.body.previous).toEqual({ flowId, versionId: v1.id, version: 1 });
    for (let i = 0; i < 3; i++) {
      const after = await call<Json>('POST', '/api/customers', { token: admin, body: intakeBody() });
      expect(after.body.outcome).toBe('assigned');
      expect(await teamOf(after.body.ownerId)).toBe(teams.south);
    }
    const read = await call<Json>('GET', `/api/flow-versions/${v1.id}`, { token: manager });
    expect(read.status).toBe(200);
    expect(read.body.active).toBe(false);
    expect(read.body.document.nodes.find((n: Json) => n.id === 'assign').params.candidateTeams).toEqual([teams.east]);
    const m = getModels(db.conn);
    await expect(m.FlowVersion.updateOne({ _id: v1.id }, { $set: { note: 'changed' } })).rejects.toThrow(/append-only/);
    const put = await call<Json>('PUT', `/api/flow-versions/${v1.id}`, { token: admin, body: { note: 'x' } });
    expect(put.status).toBe(404);
    expect((await m.FlowVersion.findById(v1.id).lean())?.note).toBe('第一版 first');
  });

  it('diffs versions and the draft: changed param paths, identical documents', async () => {
    const d = await call<Json>('GET', `/api/flows/${flowId}/diff?from=${v1.id}&to=${v2.id}`, { token: manager });
    expect(d.status).toBe(200);
    expect(d.body.diff.nodes.changed).toEqual([{ id: 'assign', type: 'assign', paths: ['/params/candidateTeams/0', '/params/strategy'], truncated: false }]);
    expect(d.body.diff.nodes.added).toEqual([]);
    expect(d.body.diff.edges).toEqual({ added: [], removed: [] });
    expect(d.body.from).toMatchObject({ ref: v1.id, version: 1 });
    const same = await call<Json>('GET', `/api/flows/${flowId}/diff?from=active&to=${v2.id}`, { token: admin });
    expect(same.body.diff.identical).toBe(true);
    const draft = await call<Json>('GET', `/api/flows/${flowId}/diff?from=${v2.id}&to=draft`, { token: admin });
    // the draft has no defaults filled in: params the version gained by parsing show as changed, nothing added
    expect(draft.body.diff.nodes.added).toEqual([]);
    expect(draft.body.to).toMatchObject({ ref: 'draft', versionId: null });
    const bad = await call<Json>('GET', `/api/flows/${flowId}/diff?from=v1&to=draft`, { token: admin });
    expect(bad.status).toBe(400);
  });

  it('rolls back by republishing v1 as v3, which intake then uses', async () => {
    const pub = await call<Json>('POST', `/api/flows/${flowId}/publish`, { token: admin, body: { note: 'rollback to v1', fromVersionId: v1.id } });
    expect(pub.status).toBe(201);
    expect(pub.body.version).toBe(3);
    expect(pub.body.document).toEqual(v1.document);
    await call('POST', `/api/flow-versions/${pub.body.id}/activate`, { token: admin });
    const intake = await call<Json>('POST', '/api/customers', { token: admin, body: intakeBody() });
    expect(await teamOf(intake.body.ownerId)).toBe(teams.east);
    const versions = await call<Json>('GET', `/api/flows/${flowId}/versions`, { token: admin });
    expect(versions.body.items.map((v: Json) => [v.version, v.active])).toEqual([[3, true], [2, false], [1, false]]);
    const other = await newDraft('别的流程 Other');
    const foreign = await call<Json>('POST', `/api/flows/${other.id}/publish`, { token: admin, body: { fromVersionId: v1.id } });
    expect(foreign.status).toBe(404);
  });

  it('lists drafts with their versions, the active one per trigger, and the last editor', async () => {
    const r = await call<Json>('GET', '/api/flows', { token: manager });
    expect(r.status).toBe(200);
    const item = r.body.items.find((i: Json) => i.id === flowId);
    expect(item.versions.map((v: Json) => v.version)).toEqual([3, 2, 1]);
    expect(item.active).toMatchObject({ version: 3, flowId });
    expect(item.updatedBy.name).toBe('Allot Admin');
    expect(item.latestVersion).toBe(3);
    const row = r.body.triggers.find((t: Json) => t.trigger === 'customerCreated');
    // the draft's name follows its document's (the fixture's) unless PUT names it
    expect(row.active).toMatchObject({ flowId, version: 3, flowName: '测试分配 Test assign' });
    expect(row.kinds).toEqual(['allocation']);
  });

  it('audits publish, activate and save with small before/after digests', async () => {
    const m = getModels(db.conn);
    const publish = await m.AuditLog.findOne({ action: 'flows.publish', 'target.id': v2.id }).lean();
    expect(publish?.after).toMatchObject({ flowId, version: 2, note: 'south' });
    const activate = await m.AuditLog.find({ action: 'flowVersions.activate' }).sort({ at: 1 }).lean();
    expect(activate.map((a) => (a.after as Json).version)).toEqual([1, 1, 2, 3]);
    expect(activate[2]?.before).toEqual({ flowId, versionId: v1.id, version: 1 });
    const saves = await m.AuditLog.find({ action: 'flows.save', 'target.id': flowId }).lean();
    expect(saves.length).toBe(3);
    const last = saves.at(-1) as Json;
    expect(last.before.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(last.after).toMatchObject({ nodeCount: 5, revision: 3 });
    expect(JSON.stringify(last).length).toBeLessThan(2000);
  });

  it('refuses to archive a flow whose version is active', async () => {
    const r = await call<Json>('DELETE', `/api/flows/${flowId}`, { token: admin });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('FLOW_ACTIVE');
  });
});

describe('autosave, archive, duplicate', () => {
  it('a stale revision gets 409 with the current revision, and the newer save is kept', async () => {
    const f = await newDraft('自动保存 Autosave');
    const first = await save(f.id, 0, assignFlowDocument({ teamIds: [teams.east], poolId, name: 'first' }));
    expect(first.status).toBe(200);
    const stale = await save(f.id, 0, assignFlowDocument({ teamIds: [teams.south], poolId, name: 'stale' }));
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('REVISION_CONFLICT');
    expect(stale.headers.get('x-flow-revision')).toBe('1');
    expect(stale.body.error.details[0].path).toBe('/body/revision');
    const now = await call<Json>('GET', `/api/flows/${f.id}`, { token: admin });
    expect(now.body.document.name).toBe('first');
    expect(now.body.name).toBe('first');
    // two editors racing on the same revision: exactly one wins
    const race = await Promise.all([1, 2, 3].map((i) => save(f.id, 1, assignFlowDocument({ teamIds: [teams.east], poolId, name: `race ${i}` }))));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('archives a draft (gone from the list, no more saves), duplicates it as a new draft', async () => {
    const f = await newDraft('归档 Archive');
    const del = await call<Json>('DELETE', `/api/flows/${f.id}`, { token: admin });
    expect(del.status).toBe(200);
    expect(del.body.archivedAt).not.toBeNull();
    const list = await call<Json>('GET', '/api/flows', { token: admin });
    expect(list.body.items.some((i: Json) => i.id === f.id)).toBe(false);
    const all = await call<Json>('GET', '/api/flows?includeArchived=true', { token: admin });
    expect(all.body.items.some((i: Json) => i.id === f.id)).toBe(true);
    const put = await save(f.id, 1, f.document);
    expect(put.status).toBe(409);
    expect(put.body.error.code).toBe('FLOW_ARCHIVED');
    expect((await call<Json>('POST', `/api/flows/${f.id}/publish`, { token: admin, body: {} })).status).toBe(409);
    const dup = await call<Json>('POST', `/api/flows/${f.id}/duplicate`, { token: admin, body: {}, headers: { 'accept-language': 'en' } });
    expect(dup.status).toBe(201);
    expect(dup.body.name).toBe('归档 Archive (copy)');
    expect(dup.body.id).not.toBe(f.id);
    expect(dup.body.document.id).toBe(dup.body.id);
    expect(dup.body.document.nodes).toEqual(f.document.nodes);
    expect(dup.body.archivedAt).toBeNull();
  });

  it('two publishes at once get two different numbers', async () => {
    const f = await newDraft('并发发布 Concurrent');
    const rs = await Promise.all([1, 2, 3].map(() => call<Json>('POST', `/api/flows/${f.id}/publish`, { token: admin, body: {} })));
    expect(rs.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(rs.map((r) => r.body.version).sort()).toEqual([1, 2, 3]);
    expect((await getModels(db.conn).Flow.findById(f.id).lean())?.latestVersion).toBe(3);
  });
});

describe('kinds and triggers', () => {
  it('refuses a follow-up flow on an allocation trigger, and validation names a mismatched document', async () => {
    const r = await call<Json>('POST', '/api/flows', { token: admin, body: { name: 'x', kind: 'followUp', trigger: 'customerCreated' } });
    expect(r.status).toBe(400);
    const ok = await newDraft('跟进 Follow-up', { kind: 'followUp', trigger: 'customerAssigned' });
    expect(ok.kind).toBe('followUp');
    const doc = { ...ok.document, trigger: 'customerCreated', nodes: ok.document.nodes.map((n: Json) => (n.type === 'trigger' ? { ...n, params: { on: 'customerCreated' } } : n)) };
    const v = await call<Json>('POST', '/api/flows/validate', { token: manager, body: { document: doc } });
    expect(v.status).toBe(200);
    expect(v.body.errors.map((e: Json) => e.code)).toContain('FLOW_TRIGGER_KIND_MISMATCH');
    const pub = await call<Json>('POST', `/api/flows/${ok.id}/publish`, { token: admin, body: {} });
    expect(pub.status).toBe(201);
    const act = await call<Json>('POST', `/api/flow-versions/${pub.body.id}/activate`, { token: admin });
    expect(act.body.trigger).toBe('customerAssigned');
  });
});

describe('roles', () => {
  it('reps reach no flows route; managers read and validate but do not change, publish or activate', async () => {
    const f = await newDraft('权限 Roles');
    const pub = await call<Json>('POST', `/api/flows/${f.id}/publish`, { token: admin, body: {} });
    const id = f.id;
    const vid = pub.body.id;
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/flows'], ['POST', '/api/flows', { name: 'x', kind: 'allocation', trigger: 'customerCreated' }], ['GET', `/api/flows/${id}`],
      ['PUT', `/api/flows/${id}`, { revision: 0, document: f.document }], ['DELETE', `/api/flows/${id}`], ['POST', `/api/flows/${id}/duplicate`, {}],
      ['POST', '/api/flows/validate', { document: f.document }], ['GET', `/api/flows/${id}/validation`], ['POST', `/api/flows/${id}/publish`, {}],
      ['GET', `/api/flows/${id}/versions`], ['GET', `/api/flows/${id}/diff?from=draft&to=${vid}`], ['GET', `/api/flow-versions/${vid}`],
      ['POST', `/api/flow-versions/${vid}/activate`], ['POST', `/api/flows/${id}/simulate`, { source: 'current' }], ['GET', '/api/templates'],
      ['GET', '/api/templates/round-robin'], ['POST', '/api/templates/round-robin/install', {}], ['GET', '/api/catalog'], ['GET', '/api/schema/flow'],
      ['GET', '/api/facts'], ['GET', '/api/org/refs'],
    ];
    for (const [method, path, body] of routes) {
      const r = await call<Json>(method, path, { token: rep, body });
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    const writes = new Set(['POST /api/flows', `PUT /api/flows/${id}`, `DELETE /api/flows/${id}`, `POST /api/flows/${id}/duplicate`, `POST /api/flows/${id}/publish`, `POST /api/flow-versions/${vid}/activate`, 'POST /api/templates/round-robin/install']);
    for (const [method, path, body] of routes) {
      if (path.includes('/simulate')) continue;
      const r = await call<Json>(method, path, { token: manager, body });
      if (writes.has(`${method} ${path}`)) expect(r.status, `${method} ${path}`).toBe(403);
      else expect(r.status, `${method} ${path}`).toBe(200);
    }
    expect((await getModels(db.conn).Flow.findById(id).lean())?.revision).toBe(0);
    expect((await call('GET', '/api/flows')).status).toBe(401);
  });

  it('API tokens: flows:read reads, flows:write publishes and activates, intake reaches neither', async () => {
    const mint = async (scopes: string[]) => (await call<Json>('POST', '/api/tokens', { token: admin, body: { name: scopes.join('+'), scopes } })).body.token as string;
    const [read, write, intake] = await Promise.all([mint(['flows:read']), mint(['flows:write']), mint(['intake'])]);
    const f = await newDraft('令牌 Token');
    expect((await call('GET', `/api/flows/${f.id}`, { token: read })).status).toBe(200);
    expect((await call('POST', `/api/flows/${f.id}/publish`, { token: read, body: {} })).status).toBe(403);
    expect((await call('GET', '/api/flows', { token: intake })).status).toBe(403);
    const pub = await call<Json>('POST', `/api/flows/${f.id}/publish`, { token: write, body: { note: 'by token' } });
    expect(pub.status).toBe(201);
    expect(pub.body.publishedBy).toBeNull();
    const audit = await getModels(db.conn).AuditLog.findOne({ action: 'flows.publish', 'target.id': pub.body.id }).lean();
    expect(audit?.actor.kind).toBe('apiToken');
  });
});

describe('catalog for the designer', () => {
  it('serves the node catalog, the document schema, facts with operators, and org refs', async () => {
    const cat = await call<Json>('GET', '/api/catalog?locale=en', { token: manager });
    expect(cat.body.nodes).toHaveLength(17);
    expect(cat.body.nodes.find((n: Json) => n.type === 'assign').label).toBe('Assign');
    expect(cat.body.triggers.find((t: Json) => t.trigger === 'customerAssigned').kinds).toEqual(['followUp']);
    const zh = await call<Json>('GET', '/api/catalog', { token: manager, headers: { 'accept-language': 'zh-CN' } });
    expect(zh.body.locale).toBe('zh-CN');
    const schema = await call<Json>('GET', '/api/schema/flow', { token: admin });
    expect(schema.body.$schema).toMatch(/2020-12/);
    expect(schema.body.properties.nodes.items.oneOf).toHaveLength(17);
    const facts = await call<Json>('GET', '/api/facts?locale=en', { token: admin });
    const value = facts.body.facts.find((f: Json) => f.name === 'estimatedValue');
    expect(value).toMatchObject({ type: 'number', label: 'Estimated value' });
    expect(value.operators).toContain('between');
    expect(value.operators).not.toContain('startsWith');
    expect(facts.body.operatorsByType.string).toContain('startsWith');
    expect(facts.body.operators.find((o: Json) => o.name === 'in').labels['zh-CN'].length).toBeGreaterThan(0);
    const refs = await call<Json>('GET', '/api/org/refs', { token: manager });
    expect(refs.body.teams).toHaveLength(3);
    expect(refs.body.reps).toHaveLength(15);
    expect(refs.body.pools).toEqual([expect.objectContaining({ id: poolId })]);
  });
});

describe('bad input: 4xx, nothing stored', () => {
  let f: Json;
  beforeAll(async () => {
    f = await newDraft('坏输入 Bad input');
  });

  const unchanged = async () => {
    const stored = await getModels(db.conn).Flow.findById(f.id).lean();
    expect(stored?.revision).toBe(0);
    expect(stored?.document).toEqual(f.document);
  };

  it('refuses junk documents', async () => {
    for (const junk of ['a string', 42, null, [], { nodes: 'x', edges: [] }, { nodes: [1], edges: [] }, { nodes: [], edges: [], 'a.b': 1 }, { nodes: [], edges: [], x: { $where: 'sleep(1)' } }]) {
      const r = await save(f.id, 0, junk);
      expect(r.status, JSON.stringify(junk)).toBe(400);
      expect(['FLOW_UNSTORABLE', 'VALIDATION_FAILED']).toContain(r.body.error.code);
    }
    const deep: Json = { nodes: [], edges: [] };
    let cur = deep;
    for (let i = 0; i < 80; i++) cur = cur.x = {};
    const r = await save(f.id, 0, deep);
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].code).toBe('FLOW_TOO_DEEP');
    await unchanged();
  });

  it('refuses prototype keys without polluting anything', async () => {
    const raw = `{"revision":0,"document":{"nodes":[],"edges":[],"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}`;
    const r = await call<Json>('PUT', `/api/flows/${f.id}`, { token: admin, body: raw });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: Json) => d.code)).toContain('FLOW_FORBIDDEN_KEY');
    expect(({} as Json).polluted).toBeUndefined();
    const top = await call<Json>('POST', '/api/flows', { token: admin, body: '{"name":"p","kind":"allocation","trigger":"customerCreated","__proto__":{"x":1}}' });
    expect(top.status).toBe(400);
    await unchanged();
  });

  it('answers 413 to a 5 MB body, 400 to unknown fields and wrong types', async () => {
    const big = { revision: 0, document: { nodes: [], edges: [], filler: 'x'.repeat(5 * 1024 * 1024) } };
    const r = await call<Json>('PUT', `/api/flows/${f.id}`, { token: admin, body: big });
    expect(r.status).toBe(413);
    expect((await save(f.id, -1, f.document)).status).toBe(400);
    expect((await call<Json>('PUT', `/api/flows/${f.id}`, { token: admin, body: { revision: 0, document: f.document, extra: 1 } })).status).toBe(400);
    expect((await call<Json>('POST', '/api/flows', { token: admin, body: { name: '', kind: 'allocation', trigger: 'customerCreated' } })).status).toBe(400);
    expect((await call<Json>('POST', '/api/flows', { token: admin, body: { name: 'x', kind: 'allocation', trigger: 'nope' } })).status).toBe(400);
    expect((await call<Json>('GET', '/api/flows/not-an-id', { token: admin })).status).toBe(400);
    expect((await call<Json>('GET', '/api/flows/0123456789abcdef01234567', { token: admin })).status).toBe(404);
    expect((await call<Json>('POST', '/api/flow-versions/0123456789abcdef01234567/activate', { token: admin })).status).toBe(404);
    await unchanged();
  });

  it('validates junk without storing it', async () => {
    const count = await getModels(db.conn).Flow.countDocuments();
    const v = await call<Json>('POST', '/api/flows/validate', { token: admin, body: { document: 42 } });
    expect(v.status).toBe(200);
    expect(v.body.valid).toBe(false);
    expect(v.body.errors[0].code).toBe('FLOW_NOT_OBJECT');
    expect(await getModels(db.conn).Flow.countDocuments()).toBe(count);
  });
});
