import mongoose, { type Types } from 'mongoose';
import type { Models } from '../../data/models';
import {
  OWNERSHIP_START_OUTCOMES,
  STATS_WINDOW_DAYS,
  computeRepStats,
  type ClosedDeal,
  type OwnershipEvent,
  type RepStatsFigures,
} from './rep-stats.compute';
import { DAY_MS } from './value-mappers';

/** What the recomputation needs: the models and the clock (an AppContext, or the worker's equivalent). */
export interface StatsContext {
  models: Models;
  now(): number;
}

const CHUNK = 500;
const MAX_DEALS = 50_000;
const MAX_ASSIGNMENTS = 20_000;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The history half of one rep's capability profile over the last 90 days, from bounded queries
 * (FerretDB: no $lookup/$facet — every join is done here in code):
 * - win rate per industry: won / (won + lost) among the rep's customers closed (closedAt) in the window;
 * - average deal value: mean estimatedValue of those won;
 * - median first response: hours from each assignment to the rep in the window (assignment events
 *   assigned / reassigned / manual / claimed / redistributed) to the rep's first follow-up while it
 *   still owned the customer; assignments without a follow-up yet are left out;
 * - escalation share: of those assignments, the share during which at least one `escalation`
 *   notification was raised about the customer (assignment events carry no escalation outcome, so
 *   the escalate node's notifications are the record; one escalation notifying several people counts once).
 */
export async function computeStatsForRep(ctx: StatsContext, repId: Types.ObjectId, now: number): Promise<RepStatsFigures> {
  const { models } = ctx;
  const since = now - STATS_WINDOW_DAYS * DAY_MS;
  const sinceDate = new Date(since);
  const closed = await models.Customer.find({
    ownerId: repId,
    status: mongoose.trusted({ $in: ['won', 'lost'] }),
    closedAt: mongoose.trusted({ $gte: sinceDate }),
  })
    .select({ industry: 1, status: 1, estimatedValue: 1 })
    .limit(MAX_DEALS)
    .lean();
  const closedDeals: ClosedDeal[] = closed.map((c) => ({ industry: c.industry, status: c.status as 'won' | 'lost', estimatedValue: c.estimatedValue }));

  const starts = await models.AssignmentEvent.find({
    ownerId: repId,
    at: mongoose.trusted({ $gte: sinceDate }),
    outcome: mongoose.trusted({ $in: [...OWNERSHIP_START_OUTCOMES] }),
  })
    .select({ customerId: 1 })
    .limit(MAX_ASSIGNMENTS)
    .lean();
  const customerIds = [...new Map(starts.map((e) => [e.customerId.toString(), e.customerId])).values()];

  const events: OwnershipEvent[] = [];
  const followUps: { customerId: string; at: number }[] = [];
  const escalations: { customerId: string; at: number }[] = [];
  for (const ids of chunks(customerIds, CHUNK)) {
    const [ev, fu, esc] = await Promise.all([
      models.AssignmentEvent.find({ customerId: mongoose.trusted({ $in: ids }) }).select({ customerId: 1, outcome: 1, ownerId: 1, at: 1 }).lean(),
      models.FollowUp.find({ repId, customerId: mongoose.trusted({ $in: ids }), at: mongoose.trusted({ $gte: sinceDate }) }).select({ customerId: 1, at: 1 }).lean(),
      models.Notification.find({ kind: 'escalation', customerId: mongoose.trusted({ $in: ids }), createdAt: mongoose.trusted({ $gte: sinceDate }) })
        .select({ customerId: 1, createdAt: 1 })
        .lean(),
    ]);
    for (const e of ev) events.push({ customerId: e.customerId.toString(), outcome: e.outcome, ownerId: e.ownerId?.toString() ?? null, at: e.at.getTime() });
    for (const f of fu) followUps.push({ customerId: f.customerId.toString(), at: f.at.getTime() });
    for (const n of esc) if (n.customerId) escalations.push({ customerId: n.customerId.toString(), at: n.createdAt.getTime() });
  }
  return computeRepStats({ repId: repId.toString(), since, closedDeals, events, followUps, escalations });
}

/**
 * Recomputes and stores `stats` (with `stats.computedAt`) for one rep, or for every rep that has not
 * departed. Called on a schedule by the worker, by `POST /api/reps/stats/recompute`, and when a deal
 * closes (recomputeStatsForClosedDeal).
 */
export async function recomputeRepStats(ctx: StatsContext, repId?: string): Promise<{ recomputed: number; computedAt: Date }> {
  const now = ctx.now();
  const computedAt = new Date(now);
  const reps = repId
    ? await ctx.models.Rep.find({ _id: repId }).select({ _id: 1 }).lean()
    : await ctx.models.Rep.find({ status: mongoose.trusted({ $ne: 'departed' }) }).select({ _id: 1 }).lean();
  for (const rep of reps) {
    const figures = await computeStatsForRep(ctx, rep._id, now);
    await ctx.models.Rep.updateOne({ _id: rep._id }, { $set: { stats: { ...figures, computedAt } } });
  }
  return { recomputed: reps.length, computedAt };
}

/** For the customers service: a deal was won or lost, so its owner's profile changes. */
export async function recomputeStatsForClosedDeal(ctx: StatsContext, ownerId: string | { toString(): string } | null | undefined): Promise<void> {
  if (!ownerId) return;
  await recomputeRepStats(ctx, ownerId.toString());
}
