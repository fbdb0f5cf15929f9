import mongoose, { type Types } from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { AssignmentEventRaw } from '../../data/collections/assignment-event.model';
import { afterCursor, decodeCursor, pageOf } from '../audit/time-cursor';
import { loadVisibleCustomer, type CustomerStored } from './customer-access';
import { customerFilter } from './customer-filter';
import { customerView, repNamesFor } from './customer-view';
import type { AssignmentEventViewT, CustomerListQueryT, CustomerViewT } from './customer.schemas';
import { expandStoredTrace } from '../allocation/stored-trace';

type App = Pick<AppContext, 'models' | 'now'>;
type EventStored = AssignmentEventRaw & { _id: Types.ObjectId };

const HISTORY_LIMIT = 100;

/** Customers the caller may see, filtered, newest first (createdAt desc, _id desc), with an opaque cursor. */
export async function listCustomers(app: App, p: Principal, q: CustomerListQueryT): Promise<{ items: CustomerViewT[]; nextCursor: string | null }> {
  const now = app.now();
  const filter = customerFilter(p, q, now);
  const paged = q.cursor ? { $and: [filter, afterCursor('createdAt', decodeCursor(q.cursor))] } : filter;
  const docs = (await app.models.Customer.find(paged).sort({ createdAt: -1, _id: -1 }).limit(q.limit + 1).lean()) as CustomerStored[];
  const { rows, nextCursor } = pageOf(docs, q.limit, (c) => c.createdAt);
  const repNames = await repNamesFor(app, rows);
  return { items: rows.map((c) => customerView(c, { now, overdueHours: q.overdueHours, repNames })), nextCursor };
}

const idOrNull = (v: { toString(): string } | null | undefined) => (v == null ? null : v.toString());

function eventView(e: EventStored): AssignmentEventViewT {
  return {
    id: e._id.toString(),
    outcome: e.outcome,
    ownerId: idOrNull(e.ownerId),
    previousOwnerId: idOrNull(e.previousOwnerId),
    poolId: idOrNull(e.poolId),
    flowId: idOrNull(e.flowId),
    flowVersion: e.flowVersion ?? null,
    trigger: e.trigger ?? null,
    path: [...(e.path ?? [])],
    why: { 'zh-CN': e.why['zh-CN'], en: e.why.en },
    actor: { kind: e.actor.kind, id: e.actor.id ?? null, name: e.actor.name ?? null },
    requestId: e.requestId ?? null,
    at: e.at.toISOString(),
  };
}

/** One customer with its assignment history (newest first), the latest decision trace and its follow-up count. */
export async function getCustomerDetail(app: App, p: Principal, id: string) {
  const c = await loadVisibleCustomer(app, p, id);
  const [events, traced, followUpCount, repNames] = await Promise.all([
    app.models.AssignmentEvent.find({ customerId: c._id }).select({ trace: 0 }).sort({ at: -1, _id: -1 }).limit(HISTORY_LIMIT).lean(),
    app.models.AssignmentEvent.findOne({ customerId: c._id, trace: mongoose.trusted({ $exists: true }) }).sort({ at: -1, _id: -1 }).lean(),
    app.models.FollowUp.countDocuments({ customerId: c._id }),
    repNamesFor(app, [c]),
  ]);
  const latest = traced as (EventStored & { trace?: unknown }) | null;
  return {
    customer: customerView(c, { now: app.now(), repNames }),
    assignmentHistory: (events as EventStored[]).map(eventView),
    decisionTrace: latest
      ? {
          eventId: latest._id.toString(),
          outcome: latest.outcome,
          flowId: idOrNull(latest.flowId),
          flowVersion: latest.flowVersion ?? null,
          trigger: latest.trigger ?? null,
          why: { 'zh-CN': latest.why['zh-CN'], en: latest.why.en },
          at: latest.at.toISOString(),
          trace: expandStoredTrace(latest.trace ?? null),
        }
      : null,
    followUpCount,
  };
}
