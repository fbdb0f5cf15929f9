import Ajv, { type ValidateFunction } from 'ajv';
import { CoreError } from '../common/core-error';
import { text } from '../common/localized';
import { CUSTOMER_FIELDS, CustomerSchema, type Customer } from '../model/customer.schema';
import { RepSchema, type Rep, type RepLoad } from '../model/rep.schema';
import type { PoolRef, TeamRef } from '../nodes/node-definition';

/**
 * Turns loosely written example data (JSON records, CSV rows of strings) into validated customers and reps:
 * fills the defaults, coerces numbers, dates and tag lists, keeps unknown columns as attributes, and
 * validates the result with ajv against the model schemas. Errors name the record and field in both languages.
 */
type Loose = Record<string, unknown>;

const ajv = new Ajv({ allErrors: false, strict: false });
let customerCheck: ValidateFunction | undefined;
let repCheck: ValidateFunction | undefined;

const CORE_CUSTOMER_KEYS = new Set(Object.keys(CustomerSchema.properties));
const LIST_SPLIT = /[|;,，、]/;

function fail(code: string, pointer: string, zh: string, en: string): never {
  throw new CoreError(code, text(zh, en), pointer);
}

function toNumber(v: unknown, pointer: string, field: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n)) fail('DATA_NOT_A_NUMBER', pointer, `字段 ${field} 应为数字，实际为 "${String(v)}"。`, `Field ${field} must be a number, got "${String(v)}".`);
  return n;
}

function toEpoch(v: unknown, pointer: string, field: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return v;
  const s = String(v).trim();
  if (/^-?\d+$/.test(s)) return Number(s);
  const t = Date.parse(s);
  if (Number.isNaN(t)) fail('DATA_NOT_A_DATE', pointer, `字段 ${field} 应为日期（ISO 格式或毫秒时间戳），实际为 "${s}"。`, `Field ${field} must be a date (ISO text or epoch ms), got "${s}".`);
  return t;
}

function toList(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter((x) => x !== '');
  return String(v).split(LIST_SPLIT).map((x) => x.trim()).filter((x) => x !== '');
}

function toBool(v: unknown, dflt: boolean): boolean {
  if (v === undefined || v === null || v === '') return dflt;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  return s === 'true' || s === '1' || s === 'yes' || s === 'y' || s === '是';
}

function attributeValue(v: unknown): string | number | boolean {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = String(v);
  if (/^-?\d+(\.\d+)?$/.test(s.trim())) return Number(s);
  if (s === 'true' || s === 'false') return s === 'true';
  return s;
}

function schemaError(check: ValidateFunction, pointer: string, what: string): never {
  const e = check.errors?.[0];
  const where = `${pointer}${e?.instancePath ?? ''}`;
  fail('DATA_INVALID', where, `${what}数据无效（${where}）：${e?.message ?? ''}`, `Invalid ${what === '客户' ? 'customer' : 'rep'} data at ${where}: ${e?.message ?? ''}`);
}

/** One customer from a loose record; `index` names it in errors, `now` is the default creation time. */
export function normalizeCustomer(raw: unknown, index: number, now: number): Customer {
  const pointer = `/${index}`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    fail('DATA_NOT_AN_OBJECT', pointer, `第 ${index + 1} 条客户记录不是对象。`, `Customer record ${index + 1} is not an object.`);
  }
  const r = raw as Loose;
  const attributes: Record<string, string | number | boolean> = {};
  const given = r.attributes;
  if (given && typeof given === 'object' && !Array.isArray(given)) {
    for (const [k, v] of Object.entries(given as Loose)) if (v !== undefined && v !== null) attributes[k] = attributeValue(v);
  }
  const c: Loose = { tags: [], collaboratorIds: [], previousOwners: [], status: 'new', attributes };
  for (const [key, v] of Object.entries(r)) {
    if (key === 'attributes' || key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const field = CUSTOMER_FIELDS[key];
    const p = `${pointer}/${key}`;
    if (!CORE_CUSTOMER_KEYS.has(key)) {
      if (v !== undefined && v !== null && v !== '') attributes[key] = attributeValue(v);
    } else if (key === 'tags' || key === 'collaboratorIds') c[key] = toList(v);
    else if (key === 'previousOwners') c[key] = Array.isArray(v) ? v : [];
    else if (field?.type === 'number') c[key] = toNumber(v, p, key);
    else if (field?.type === 'date') c[key] = toEpoch(v, p, key);
    else if (v !== undefined && v !== null && v !== '') c[key] = typeof v === 'string' ? v.trim() : v;
  }
  if (c.id === undefined) c.id = `row-${index + 1}`;
  if (c.name === undefined) c.name = String(c.id);
  if (c.createdAt === undefined) c.createdAt = now;
  for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
  customerCheck ??= ajv.compile(CustomerSchema);
  if (!customerCheck(c)) schemaError(customerCheck, pointer, '客户');
  return c as Customer;
}

export function normalizeCustomers(raw: unknown, now: number): Customer[] {
  if (!Array.isArray(raw)) fail('DATA_NOT_A_LIST', '', '客户数据应为数组。', 'Customer data must be an array.');
  const seen = new Set<string>();
  return raw.map((r, i) => {
    const c = normalizeCustomer(r, i, now);
    if (seen.has(c.id)) fail('DATA_DUPLICATE_ID', `/${i}/id`, `客户 id "${c.id}" 重复。`, `Customer id "${c.id}" appears twice.`);
    seen.add(c.id);
    return c;
  });
}

export interface OrgData {
  reps: Rep[];
  teams: TeamRef[];
  pools: PoolRef[];
  loads: RepLoad[];
}

/** One rep from a loose record: lists, level 1, weight 1, capacity 1000, daily cap 100 unless given. */
export function normalizeRep(raw: unknown, index: number): { rep: Rep; load: RepLoad } {
  const pointer = `/reps/${index}`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    fail('DATA_NOT_AN_OBJECT', pointer, `第 ${index + 1} 条销售记录不是对象。`, `Rep record ${index + 1} is not an object.`);
  }
  const r = raw as Loose;
  const stats = (r.stats && typeof r.stats === 'object' ? r.stats : {}) as Loose;
  const rep: Loose = {
    id: r.id,
    name: r.name ?? r.id,
    teamId: r.teamId ?? 'default',
    status: r.status ?? 'active',
    industries: toList(r.industries),
    regions: toList(r.regions),
    languages: toList(r.languages),
    productLines: toList(r.productLines),
    level: toNumber(r.level, `${pointer}/level`, 'level') ?? 1,
    weight: toNumber(r.weight, `${pointer}/weight`, 'weight') ?? 1,
    capacity: toNumber(r.capacity, `${pointer}/capacity`, 'capacity') ?? 1000,
    dailyCap: toNumber(r.dailyCap, `${pointer}/dailyCap`, 'dailyCap') ?? 100,
    isNewHire: toBool(r.isNewHire, false),
    isTopRep: toBool(r.isTopRep, false),
    isManager: toBool(r.isManager, false),
    stats: {
      winRateByIndustry: stats.winRateByIndustry ?? {},
      avgDealValue: stats.avgDealValue ?? 0,
      medianFirstResponseHours: stats.medianFirstResponseHours ?? 0,
      escalationShare: stats.escalationShare ?? 0,
    },
  };
  for (const k of ['leaveFrom', 'leaveTo'] as const) {
    const t = toEpoch(r[k], `${pointer}/${k}`, k);
    if (t !== undefined) rep[k] = t;
  }
  if (r.workingHours !== undefined) rep.workingHours = r.workingHours;
  repCheck ??= ajv.compile(RepSchema);
  if (!repCheck(rep)) schemaError(repCheck, pointer, '销售');
  const load: RepLoad = {
    repId: String(rep.id),
    openCount: toNumber(r.openCount, `${pointer}/openCount`, 'openCount') ?? 0,
    todayCount: toNumber(r.todayCount, `${pointer}/todayCount`, 'todayCount') ?? 0,
  };
  return { rep: rep as Rep, load };
}

/**
 * The org file: either an array of reps, or `{ reps, teams?, pools? }`. Teams missing from the file are
 * derived from the reps' teamId (manager = a rep of the team with isManager).
 */
export function normalizeOrg(raw: unknown): OrgData {
  const obj = Array.isArray(raw) ? { reps: raw } : (raw as Loose | null);
  if (!obj || typeof obj !== 'object' || !Array.isArray(obj.reps)) {
    fail('DATA_NO_REPS', '/reps', '销售数据应为数组，或包含 reps 数组的对象。', 'Rep data must be an array, or an object with a `reps` array.');
  }
  const reps: Rep[] = [];
  const loads: RepLoad[] = [];
  const seen = new Set<string>();
  (obj.reps as unknown[]).forEach((r, i) => {
    const { rep, load } = normalizeRep(r, i);
    if (seen.has(rep.id)) fail('DATA_DUPLICATE_ID', `/reps/${i}/id`, `销售 id "${rep.id}" 重复。`, `Rep id "${rep.id}" appears twice.`);
    seen.add(rep.id);
    reps.push(rep);
    loads.push(load);
  });
  const teams: TeamRef[] = Array.isArray(obj.teams) ? (obj.teams as TeamRef[]).map((t) => ({ ...t })) : [];
  for (const rep of reps) {
    let team = teams.find((t) => t.id === rep.teamId);
    if (!team) {
      team = { id: rep.teamId, name: rep.teamId };
      teams.push(team);
    }
    if (rep.isManager && team.managerRepId === undefined) team.managerRepId = rep.id;
  }
  const pools: PoolRef[] = Array.isArray(obj.pools) ? (obj.pools as PoolRef[]).map((p) => ({ ...p })) : [];
  return { reps, teams, pools, loads };
}
