import mongoose, { Types } from 'mongoose';
import type { LocalizedText } from '../../../core/common/localized';
import type { AppContext } from '../../../api/app-context';
import type { Role } from '../../../api/auth/principal';
import type { NOTIFICATION_KINDS } from '../../../data/collections/notification.model';

export interface NotifyInput {
  /** recipients, by any mix of: user ids, rep ids (their logins), a role, the managers of teams */
  userIds?: readonly string[];
  repIds?: readonly string[];
  role?: Role;
  managersOfTeamIds?: readonly string[];
  kind: (typeof NOTIFICATION_KINDS)[number];
  title: LocalizedText;
  body: LocalizedText;
  customerId?: string;
  /** where the message points in the console, e.g. /customers/<id> */
  link?: string;
  /** a retried caller (a Temporal activity) passing the same key notifies each user once */
  dedupeKey?: string;
}

export interface NotifyResult {
  /** users the message was meant for (enabled logins only) */
  userIds: string[];
  /** messages actually created (fewer than userIds when a dedupeKey repeats) */
  created: number;
}

const ids = (list: readonly string[] | undefined) => (list ?? []).filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
const inList = (list: Types.ObjectId[]) => mongoose.trusted({ $in: list });

/** The enabled users a notification reaches; a team's managers are its managing users and the login of its manager rep. */
export async function resolveRecipients(app: AppContext, input: Pick<NotifyInput, 'userIds' | 'repIds' | 'role' | 'managersOfTeamIds'>): Promise<string[]> {
  const { User, Team } = app.models;
  const or: Record<string, unknown>[] = [];
  const userIds = ids(input.userIds);
  if (userIds.length) or.push({ _id: inList(userIds) });
  const repIds = ids(input.repIds);
  const teamIds = ids(input.managersOfTeamIds);
  if (teamIds.length) {
    or.push({ role: 'manager', managedTeamIds: inList(teamIds) });
    const teams = await Team.find({ _id: inList(teamIds) }, { managerRepId: 1 }).lean();
    for (const t of teams) if (t.managerRepId) repIds.push(t.managerRepId);
  }
  if (repIds.length) or.push({ repId: inList(repIds) });
  if (input.role) or.push({ role: input.role });
  if (!or.length) return [];
  const users = await User.find({ $or: or, disabled: false }, { _id: 1 }).lean();
  return [...new Set(users.map((u) => String(u._id)))];
}

/**
 * Puts a message in the in-app inbox of each recipient. Used by services (assignment, claims,
 * imports) and by the workflows' activities (reminders, escalations, reclaim warnings).
 */
export async function notify(app: AppContext, input: NotifyInput): Promise<NotifyResult> {
  const userIds = await resolveRecipients(app, input);
  if (!userIds.length) return { userIds, created: 0 };
  const at = new Date(app.now());
  const base = {
    kind: input.kind,
    title: input.title,
    body: input.body,
    ...(input.customerId && Types.ObjectId.isValid(input.customerId) ? { customerId: new Types.ObjectId(input.customerId) } : {}),
    ...(input.link ? { link: input.link } : {}),
    createdAt: at,
    updatedAt: at,
  };
  if (!input.dedupeKey) {
    await app.models.Notification.insertMany(userIds.map((userId) => ({ ...base, userId: new Types.ObjectId(userId) })));
    return { userIds, created: userIds.length };
  }
  let created = 0;
  for (const userId of userIds) {
    const dedupeKey = `${input.dedupeKey}:${userId}`.slice(0, 300);
    try {
      // the unique index on dedupeKey decides between concurrent repeats: one insert wins
      await app.models.Notification.create({ ...base, userId: new Types.ObjectId(userId), dedupeKey });
      created += 1;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }
  return { userIds, created };
}
