import mongoose from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { assertCanEditRep, repNotFound } from './rep-scope';
import type { RepStatusChange, RepViewT } from './rep.schemas';
import { loadRep } from './rep.service';
import { repView, type RepStored } from './rep-view';

type App = Pick<AppContext, 'models' | 'now'>;

export interface RepStatusOutcome {
  before: RepViewT;
  rep: RepViewT;
  redistributionJobId: string | null;
  scheduled: boolean;
}

function bad(path: string, zh: string, en: string): ApiError {
  const t = text(zh, en);
  return new ApiError(400, 'VALIDATION_FAILED', t, [{ path, message: t }]);
}

/** Checks the leave window of an onLeave request; returns it as dates. */
function leaveWindow(body: RepStatusChange): { from: Date; to: Date } {
  if (!body.leaveFrom) throw bad('/body/leaveFrom', '请假需要开始时间 leaveFrom', 'A leave needs leaveFrom');
  if (!body.leaveTo) throw bad('/body/leaveTo', '请假需要结束时间 leaveTo', 'A leave needs leaveTo');
  const from = new Date(body.leaveFrom);
  const to = new Date(body.leaveTo);
  if (to.getTime() <= from.getTime()) throw bad('/body/leaveTo', '请假结束时间必须晚于开始时间', 'leaveTo must be after leaveFrom');
  return { from, to };
}

/**
 * Changes a rep's status (DESIGN.md: "When a rep departs or goes on leave, a workflow redistributes
 * that rep's open customers"). Going on leave or departing records a `jobs` entry
 * `{ kind: 'redistribution', status: 'queued', params: { repId, … } }` that the workflows issue runs.
 *
 * - `onLeave` needs leaveFrom < leaveTo. A leave that has begun sets status onLeave at once; a leave
 *   that starts later keeps status active with the window stored (the engine's on-leave constraint
 *   skips the rep inside the window; `settleLeaveStatuses` flips the status when the window opens
 *   and closes). The job's params carry `startAt` = leaveFrom.
 * - `departed` unlinks the rep from routing at once: status departed (the engine's first constraint
 *   makes the rep ineligible), leave cleared, and any team it managed loses it as manager (escalations
 *   and "team manager" picks no longer reach it).
 * - `active` ends a leave or re-hires; it requests nothing.
 * The same status again only updates the leave window (no second job).
 */
export async function changeRepStatus(app: App, p: Principal, repId: string, body: RepStatusChange): Promise<RepStatusOutcome> {
  const rep = await loadRep(app, p, repId);
  assertCanEditRep(p, rep);
  const now = app.now();
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  let scheduled = false;
  let wantsJob = false;

  if (body.status !== 'onLeave' && (body.leaveFrom || body.leaveTo)) {
    throw bad(body.leaveFrom ? '/body/leaveFrom' : '/body/leaveTo', '只有请假（onLeave）才带请假时间', 'Leave dates go only with status onLeave');
  }
  if (body.status === 'onLeave') {
    if (rep.status === 'departed') {
      throw new ApiError(409, 'REP_DEPARTED', text('该销售已离职，请先恢复为在职再安排请假', 'The rep has left; make them active again before scheduling a leave'));
    }
    const { from, to } = leaveWindow(body);
    if (to.getTime() <= now) throw bad('/body/leaveTo', '请假结束时间已过', 'leaveTo is in the past');
    scheduled = from.getTime() > now;
    $set.status = scheduled ? 'active' : 'onLeave';
    $set.leaveFrom = from;
    $set.leaveTo = to;
    const hadLeave = rep.status === 'onLeave' || (rep.leaveTo != null && rep.leaveTo.getTime() > now);
    wantsJob = !hadLeave;
  } else if (body.status === 'departed') {
    $set.status = 'departed';
    $set.departedAt = rep.status === 'departed' && rep.departedAt ? rep.departedAt : new Date(now);
    $set.isManager = false;
    $unset.leaveFrom = 1;
    $unset.leaveTo = 1;
    wantsJob = rep.status !== 'departed';
  } else {
    $set.status = 'active';
    $unset.leaveFrom = 1;
    $unset.leaveTo = 1;
    $unset.departedAt = 1;
  }

  const after = (await app.models.Rep.findOneAndUpdate(
    { _id: rep._id, status: rep.status },
    { $set, ...(Object.keys($unset).length ? { $unset } : {}) },
    { returnDocument: 'after', runValidators: true },
  ).lean()) as RepStored | null;
  if (!after) {
    if (!(await app.models.Rep.exists({ _id: rep._id }))) throw repNotFound();
    throw new ApiError(409, 'CONFLICT', text('该销售的状态刚被他人修改，请刷新后重试', 'The rep’s status was changed meanwhile; reload and retry'));
  }
  if (body.status === 'departed') {
    await app.models.Team.updateMany({ managerRepId: rep._id }, { $unset: { managerRepId: 1 } });
  }

  let redistributionJobId: string | null = null;
  if (wantsJob) {
    const job = await app.models.Job.create({
      kind: 'redistribution',
      status: 'queued',
      params: {
        repId: rep._id.toString(),
        teamId: rep.teamId.toString(),
        fromStatus: rep.status,
        toStatus: body.status,
        reason: body.reason,
        ...(body.status === 'onLeave' ? { startAt: body.leaveFrom, leaveFrom: body.leaveFrom, leaveTo: body.leaveTo } : {}),
      },
      createdBy: { kind: p.kind === 'apiToken' ? 'apiToken' : 'user', id: p.id, name: p.name },
    });
    redistributionJobId = job._id.toString();
  }
  return { before: repView(rep, now), rep: repView(after, now), redistributionJobId, scheduled };
}

/**
 * Keeps stored statuses in step with leave windows (for the worker's schedule): active reps whose
 * leave has begun become onLeave; onLeave reps whose leave has ended become active again.
 */
export async function settleLeaveStatuses(app: App): Promise<{ startedLeave: number; endedLeave: number }> {
  const now = new Date(app.now());
  const started = await app.models.Rep.updateMany(
    { status: 'active', leaveFrom: mongoose.trusted({ $lte: now }), leaveTo: mongoose.trusted({ $gt: now }) },
    { $set: { status: 'onLeave' } },
  );
  const ended = await app.models.Rep.updateMany(
    { status: 'onLeave', leaveTo: mongoose.trusted({ $lte: now }) },
    { $set: { status: 'active' }, $unset: { leaveFrom: 1, leaveTo: 1 } },
  );
  return { startedLeave: started.modifiedCount, endedLeave: ended.modifiedCount };
}
