import mongoose, { type Types } from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { TeamRaw } from '../../data/collections/team.model';
import type { Stored } from '../../data/mappers';
import { isAdminLike } from '../access/scope';
import { oid } from '../reps/value-mappers';
import { mapWriteError } from '../reps/write-errors';
import type { TeamCreate, TeamUpdate, TeamViewT } from './team.schemas';

type App = Pick<AppContext, 'models' | 'now'>;
type TeamStored = Stored<TeamRaw> & { createdAt: Date; updatedAt: Date };

const NAME_TAKEN = { code: 'TEAM_NAME_TAKEN', text: text('已有同名团队', 'A team with this name exists already'), path: '/body/name' };
const teamNotFound = () => ApiError.notFound(text('团队不存在或你无权查看', 'Team not found or not visible to you'));

/** Admins see every team; managers their managed teams; reps their own team. */
function teamScopeFilter(p: Principal): Record<string, unknown> {
  if (isAdminLike(p)) return {};
  return { _id: mongoose.trusted({ $in: p.teamIds.map(oid) }) };
}

async function views(app: App, teams: TeamStored[]): Promise<TeamViewT[]> {
  if (teams.length === 0) return [];
  const ids = teams.map((t) => t._id);
  const members = await app.models.Rep.find({ teamId: mongoose.trusted({ $in: ids }), status: mongoose.trusted({ $ne: 'departed' }) })
    .select({ teamId: 1, status: 1 })
    .lean();
  const managerIds = teams.map((t) => t.managerRepId).filter((id): id is Types.ObjectId => id != null);
  const managers = managerIds.length
    ? await app.models.Rep.find({ _id: mongoose.trusted({ $in: managerIds }) }).select({ name: 1 }).lean()
    : [];
  const managerName = new Map(managers.map((m) => [m._id.toString(), m.name]));
  return teams.map((t) => {
    const mine = members.filter((m) => m.teamId.equals(t._id));
    const mid = t.managerRepId?.toString();
    return {
      id: t._id.toString(),
      name: t.name,
      nameEn: t.nameEn ?? null,
      description: t.description ?? null,
      manager: mid ? { repId: mid, name: managerName.get(mid) ?? '' } : null,
      memberCount: mine.length,
      activeCount: mine.filter((m) => m.status === 'active').length,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    };
  });
}

export async function listTeams(app: App, p: Principal): Promise<TeamViewT[]> {
  const teams = (await app.models.Team.find(teamScopeFilter(p)).sort({ name: 1 }).limit(1000).lean()) as TeamStored[];
  return views(app, teams);
}

export async function getTeam(app: App, p: Principal, id: string): Promise<TeamViewT> {
  if (!isAdminLike(p) && !p.teamIds.includes(id)) throw teamNotFound();
  const team = (await app.models.Team.findById(id).lean()) as TeamStored | null;
  if (!team) throw teamNotFound();
  const [view] = await views(app, [team]);
  if (!view) throw teamNotFound();
  return view;
}

/** The manager must be a rep that has not departed; it is marked isManager. */
async function checkManager(app: App, repId: string): Promise<void> {
  const rep = await app.models.Rep.findById(repId).select({ status: 1 }).lean();
  if (!rep || rep.status === 'departed') {
    const t = text('主管必须是在职的销售', 'The manager must be a rep who has not left');
    throw new ApiError(400, 'VALIDATION_FAILED', t, [{ path: '/body/managerRepId', message: t }]);
  }
}

/** isManager follows whether the rep manages any team. */
async function syncManagerFlag(app: App, repId: Types.ObjectId | string | null | undefined): Promise<void> {
  if (!repId) return;
  const manages = await app.models.Team.exists({ managerRepId: oid(repId.toString()) });
  await app.models.Rep.updateOne({ _id: oid(repId.toString()), status: mongoose.trusted({ $ne: 'departed' }) }, { $set: { isManager: manages != null } });
}

export async function createTeam(app: App, body: TeamCreate): Promise<TeamViewT> {
  if (body.managerRepId) await checkManager(app, body.managerRepId);
  let team: TeamStored;
  try {
    const doc = await app.models.Team.create({ ...body, managerRepId: body.managerRepId ? oid(body.managerRepId) : undefined });
    team = doc.toObject() as TeamStored;
  } catch (err) {
    mapWriteError(err, NAME_TAKEN);
  }
  await syncManagerFlag(app, body.managerRepId);
  const [view] = await views(app, [team]);
  if (!view) throw teamNotFound();
  return view;
}

export async function updateTeam(app: App, id: string, body: TeamUpdate): Promise<{ before: TeamViewT; after: TeamViewT }> {
  const before = (await app.models.Team.findById(id).lean()) as TeamStored | null;
  if (!before) throw teamNotFound();
  if (body.managerRepId) await checkManager(app, body.managerRepId);
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined) continue;
    if (k === 'managerRepId') {
      if (v === null) $unset.managerRepId = 1;
      else $set.managerRepId = oid(v as string);
    } else $set[k] = v;
  }
  let after: TeamStored | null;
  try {
    after = (await app.models.Team.findOneAndUpdate(
      { _id: before._id },
      { ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($unset).length ? { $unset } : {}) },
      { returnDocument: 'after', runValidators: true },
    ).lean()) as TeamStored | null;
  } catch (err) {
    mapWriteError(err, NAME_TAKEN);
  }
  if (!after) throw teamNotFound();
  if (body.managerRepId !== undefined) {
    await syncManagerFlag(app, before.managerRepId);
    await syncManagerFlag(app, after.managerRepId);
  }
  const [b, a] = await views(app, [before, after]);
  if (!b || !a) throw teamNotFound();
  return { before: b, after: a };
}
