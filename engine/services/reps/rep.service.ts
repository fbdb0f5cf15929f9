import mongoose from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { assertCanManageTeam } from '../access/scope';
import { assertCanEditRep, assertCanSeeRep, assertTimeZone, repNotFound, repScopeFilter } from './rep-scope';
import type { RepCreate, RepListQueryT, RepUpdate, RepViewT } from './rep.schemas';
import { repView, type RepStored } from './rep-view';
import { oid } from './value-mappers';
import { mapWriteError } from './write-errors';

type App = Pick<AppContext, 'models' | 'now'>;

/** `$and` of the non-empty parts (a single part as it is). */
export function andFilter(parts: Record<string, unknown>[]): Record<string, unknown> {
  const nonEmpty = parts.filter((f) => Object.keys(f).length > 0);
  if (nonEmpty.length === 0) return {};
  if (nonEmpty.length === 1) return nonEmpty[0] ?? {};
  return { $and: nonEmpty };
}

/** A page cursor that is an object id (lists sorted by _id). */
export function cursorId(cursor: string) {
  if (!/^[0-9a-f]{24}$/i.test(cursor)) {
    const t = text('分页游标无效', 'Invalid cursor');
    throw new ApiError(400, 'VALIDATION_FAILED', t, [{ path: '/query/cursor', message: t }]);
  }
  return oid(cursor);
}

async function assertTeamExists(app: App, teamId: string, path: string): Promise<void> {
  if (!(await app.models.Team.exists({ _id: oid(teamId) }))) {
    const t = text('团队不存在', 'No such team');
    throw new ApiError(400, 'TEAM_NOT_FOUND', t, [{ path, message: t }]);
  }
}

export async function loadRep(app: App, p: Principal, repId: string): Promise<RepStored> {
  const rep = (await app.models.Rep.findById(repId).lean()) as RepStored | null;
  assertCanSeeRep(p, rep);
  return rep;
}

export async function getRep(app: App, p: Principal, repId: string): Promise<RepViewT> {
  return repView(await loadRep(app, p, repId), app.now());
}

export async function listReps(app: App, p: Principal, q: RepListQueryT): Promise<{ items: RepViewT[]; nextCursor: string | null }> {
  const parts: Record<string, unknown>[] = [repScopeFilter(p)];
  if (q.teamId) parts.push({ teamId: oid(q.teamId) });
  if (q.status) parts.push({ status: q.status });
  if (q.cursor !== undefined) parts.push({ _id: mongoose.trusted({ $gt: cursorId(q.cursor) }) });
  const filter = andFilter(parts);
  const docs = (await app.models.Rep.find(filter).sort({ _id: 1 }).limit(q.limit + 1).lean()) as RepStored[];
  const page = docs.slice(0, q.limit);
  const now = app.now();
  return { items: page.map((r) => repView(r, now)), nextCursor: docs.length > q.limit ? (page.at(-1)?._id.toString() ?? null) : null };
}

export async function createRep(app: App, p: Principal, body: RepCreate): Promise<RepViewT> {
  assertCanManageTeam(p, body.teamId);
  await assertTeamExists(app, body.teamId, '/body/teamId');
  assertTimeZone(body.timezone, '/body/timezone');
  assertTimeZone(body.workingHours?.timezone, '/body/workingHours/timezone');
  try {
    const doc = await app.models.Rep.create({
      ...body,
      teamId: oid(body.teamId),
      joinedAt: body.joinedAt ? new Date(body.joinedAt) : new Date(app.now()),
      status: 'active',
      openCount: 0,
      todayCount: 0,
    });
    return repView(doc.toObject() as RepStored, app.now());
  } catch (err) {
    mapWriteError(err);
  }
}

export async function updateRep(app: App, p: Principal, repId: string, body: RepUpdate): Promise<{ before: RepViewT; after: RepViewT }> {
  const rep = await loadRep(app, p, repId);
  assertCanEditRep(p, rep);
  if (body.teamId !== undefined && body.teamId !== rep.teamId.toString()) {
    assertCanManageTeam(p, body.teamId);
    await assertTeamExists(app, body.teamId, '/body/teamId');
  }
  assertTimeZone(body.timezone, '/body/timezone');
  assertTimeZone(body.workingHours?.timezone, '/body/workingHours/timezone');
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (key === 'workingHours' && value === null) $unset.workingHours = 1;
    else if (key === 'teamId') $set.teamId = oid(value as string);
    else if (key === 'joinedAt') $set.joinedAt = new Date(value as string);
    else $set[key] = value;
  }
  try {
    const after = (await app.models.Rep.findOneAndUpdate(
      { _id: rep._id },
      { ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($unset).length ? { $unset } : {}) },
      { returnDocument: 'after', runValidators: true },
    ).lean()) as RepStored | null;
    if (!after) throw repNotFound();
    const now = app.now();
    return { before: repView(rep, now), after: repView(after, now) };
  } catch (err) {
    mapWriteError(err);
  }
}
