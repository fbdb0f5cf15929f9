import mongoose from 'mongoose';
import { CoreError } from '../../core/common/core-error';
import { text } from '../../core/common/localized';
import type { Customer } from '../../core/model/customer.schema';
import type { Rep, RepLoad } from '../../core/model/rep.schema';
import type { PoolRef, TeamRef } from '../../core/nodes/node-definition';
import { normalizeCustomers } from '../../core/simulation/dataset-input';
import { localDate } from '../../data/local-date';
import { toEngineCustomer, toEngineRep, toEngineRepLoad } from '../../data/mappers';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import { parseCsvRecords } from '../../tools/csv-records.reader';
import { MAX_SIMULATION_CUSTOMERS } from './simulation.schemas';

/** The data a simulation reads: a read-only snapshot of the organisation and the customers to run. */

type App = Pick<AppContext, 'models'>;

export interface OrgSnapshot {
  reps: Rep[];
  loads: RepLoad[];
  teams: TeamRef[];
  pools: PoolRef[];
}

/** Reps that have not left, with their current loads (today's count in each rep's own time zone). */
export async function loadOrgSnapshot(app: App, now: number): Promise<OrgSnapshot> {
  const [reps, teams, pools] = await Promise.all([
    app.models.Rep.find({ status: mongoose.trusted({ $ne: 'departed' }) }).lean(),
    app.models.Team.find({}, { name: 1, managerRepId: 1 }).lean(),
    app.models.Pool.find({}, { name: 1 }).lean(),
  ]);
  return {
    reps: reps.map(toEngineRep),
    loads: reps.map((r) => toEngineRepLoad(r, localDate(now, r.timezone))),
    teams: teams.map((t) => ({ id: String(t._id), name: t.name, ...(t.managerRepId ? { managerRepId: String(t.managerRepId) } : {}) })),
    pools: pools.map((p) => ({ id: String(p._id), name: p.name })),
  };
}

export async function countCurrentCustomers(app: App, limit: number | undefined): Promise<number> {
  const n = await app.models.Customer.countDocuments({});
  return Math.min(n, limit ?? MAX_SIMULATION_CUSTOMERS);
}

/** A stored customer as a new intake: no owner, team, pool, collaborators or follow-ups yet. */
function asNewIntake(c: Customer): Customer {
  const { ownerId: _o, teamId: _t, poolId: _p, assignedAt: _a, lastFollowUpAt: _f, ...rest } = c;
  return { ...rest, status: 'new', collaboratorIds: [] };
}

/** The stored customers, oldest first, as new intakes (nothing is written). */
export async function loadCurrentCustomers(app: App, limit: number | undefined): Promise<Customer[]> {
  const docs = await app.models.Customer.find({}).sort({ createdAt: 1, _id: 1 }).limit(limit ?? MAX_SIMULATION_CUSTOMERS).lean();
  return docs.map((d) => asNewIntake(toEngineCustomer(d)));
}

function dataError(err: unknown, base: string): never {
  if (err instanceof CoreError) {
    const path = `${base}${err.pointer ?? ''}`;
    throw new ApiError(400, 'SAMPLE_INVALID', text(`样本数据有误：${err.text['zh-CN']}`, `The sample is not valid: ${err.text.en}`), [{ path, message: err.text }]);
  }
  throw err;
}

/** Uploaded sample records → validated customers (defaults filled, unknown keys kept as attributes). */
export function sampleCustomers(records: unknown, now: number, base = '/body/sample'): Customer[] {
  try {
    return normalizeCustomers(records, now);
  } catch (err) {
    return dataError(err, base);
  }
}

const tooMany = () =>
  new ApiError(413, 'SAMPLE_TOO_LARGE', text(`样本最多 ${MAX_SIMULATION_CUSTOMERS} 条客户`, `A sample holds at most ${MAX_SIMULATION_CUSTOMERS} customers`));

/** A raw upload: CSV (UTF-8, with BOM, or GBK; field names or Chinese labels as headers) or a JSON array. */
export function parseUpload(body: unknown, contentType: string | undefined, format: 'csv' | 'json' | undefined): unknown[] {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  if (bytes.length === 0) throw new ApiError(400, 'SAMPLE_EMPTY', text('请上传样本文件（CSV 或 JSON 数组）', 'Upload a sample file (CSV or a JSON array)'));
  const asJson = format ? format === 'json' : /json/i.test(contentType ?? '') || /^\s*\[/.test(bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, ''));
  let records: unknown;
  if (asJson) {
    try {
      records = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch {
      throw new ApiError(400, 'INVALID_JSON', text('样本不是合法的 JSON', 'The sample is not valid JSON'));
    }
    if (!Array.isArray(records)) throw new ApiError(400, 'SAMPLE_INVALID', text('JSON 样本应是客户记录的数组', 'A JSON sample must be an array of customer records'));
  } else {
    try {
      records = parseCsvRecords(bytes, 'sample');
    } catch (err) {
      throw new ApiError(400, 'SAMPLE_INVALID', text(`CSV 无法读取：${(err as Error).message}`, `The CSV could not be read: ${(err as Error).message}`));
    }
  }
  const list = records as unknown[];
  if (list.length > MAX_SIMULATION_CUSTOMERS) throw tooMany();
  return list;
}

/** Custom attribute keys the sample brings (so references to them validate). */
export function sampleAttributeKeys(customers: readonly Customer[]): string[] {
  const keys = new Set<string>();
  for (const c of customers) for (const k of Object.keys(c.attributes)) keys.add(k);
  return [...keys];
}
