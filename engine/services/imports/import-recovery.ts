import mongoose, { Types } from 'mongoose';
import { text } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';
import { recordContactKeys } from '../../data/contact-keys';
import type { Actor } from '../allocation/assignment-event.writer';
import type { ActiveFlow } from '../allocation/active-flow.cache';
import type { ImportedAs, RowReport } from './job-report';

/** A valid row that a run may have written, in part or whole, before it stopped: its number, the customer id it gets, its phone and email keys. */
export interface UncertainRow {
  row: number;
  id: string;
  keys: readonly string[];
}

export interface Recovery {
  /** rows whose customer is stored: their report, not to be imported again */
  committed: Map<number, RowReport>;
  /** phone and email keys a row reserved under its own id without its customer being stored, now given back */
  keysReleased: number;
  /** assignment events written for stored customers that had none */
  eventsWritten: number;
}

const IMPORTED_AS: Record<string, ImportedAs> = { assigned: 'assigned', inPool: 'pooled' };
const EVENT_OUTCOME: Record<ImportedAs, 'assigned' | 'pooled' | 'unassigned'> = { assigned: 'assigned', pooled: 'pooled', unassigned: 'unassigned' };

/**
 * Finds out what became of rows a stopped run had handed to the allocation, by the ids they get
 * (rowCustomerId, ascending with the row): one read of the customers in the rows' id range (a point
 * lookup per row would cost as much as that read, per row, on FerretDB), then
 * - a stored customer: the row was imported; its company key and its assignment event are made
 *   sure of (a run can stop between the customers and the events), and it is reported, not redone;
 * - no customer: whatever contact keys the run reserved under the row's id (it stopped between
 *   reserving and writing) are given back in one delete — only that row's id can hold them — and the
 *   row is imported again.
 * Rep counters a stopped batch may have taken for customers never written are for the caller to
 * reconcile (keysReleased > 0 says a batch stopped there).
 */
export async function recoverRows(app: AppContext, ctx: { flow: ActiveFlow | null; actor: Actor; requestId: string }, rows: readonly UncertainRow[]): Promise<Recovery> {
  const { Customer, ContactKey, AssignmentEvent } = app.models;
  const committed = new Map<number, RowReport>();
  if (!rows.length) return { committed, keysReleased: 0, eventsWritten: 0 };
  const ids = rows.map((r) => r.id).sort();
  const range = { $gte: new Types.ObjectId(ids[0]), $lte: new Types.ObjectId(ids.at(-1)) };
  const docs = await Customer.find({ _id: mongoose.trusted(range) }, { status: 1, ownerId: 1, poolId: 1, company: 1, createdAt: 1 }).lean();
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  const stored: { row: UncertainRow; doc: (typeof docs)[number] }[] = [];
  const orphans: Types.ObjectId[] = [];
  for (const row of rows) {
    const doc = byId.get(row.id);
    if (doc) stored.push({ row, doc });
    else orphans.push(new Types.ObjectId(row.id));
  }
  const keysReleased = orphans.length ? (await ContactKey.deleteMany({ customerId: mongoose.trusted({ $in: orphans }) })).deletedCount : 0;

  let eventsWritten = 0;
  if (stored.length) {
    await recordContactKeys(app.models, stored.filter((s) => s.doc.company).map((s) => ({ _id: s.doc._id, company: s.doc.company })));
    const events = await AssignmentEvent.find({ customerId: mongoose.trusted({ $in: stored.map((s) => s.doc._id) }) }, { customerId: 1, why: 1 }).lean();
    const whyOf = new Map(events.map((e) => [String(e.customerId), e.why]));
    const missing: Record<string, unknown>[] = [];
    const recovered = text('该行在导入进程中断前已写入，恢复时确认', 'Written before the import process stopped; confirmed when the import resumed');
    for (const { row, doc } of stored) {
      const as = IMPORTED_AS[doc.status] ?? 'unassigned';
      const why = whyOf.get(row.id);
      if (!why) {
        missing.push({
          customerId: doc._id,
          trigger: 'customerImported',
          outcome: EVENT_OUTCOME[as],
          ...(doc.ownerId ? { ownerId: doc.ownerId } : {}),
          ...(doc.poolId ? { poolId: doc.poolId } : {}),
          ...(ctx.flow ? { flowId: ctx.flow.flowId, flowVersionId: ctx.flow.flowVersionId, flowVersion: ctx.flow.version } : {}),
          path: [],
          why: recovered,
          actor: ctx.actor,
          requestId: ctx.requestId,
          at: doc.createdAt,
        });
      }
      committed.set(row.row, {
        row: row.row,
        outcome: 'imported',
        importedAs: as,
        customerId: row.id,
        ...(doc.ownerId ? { ownerId: String(doc.ownerId) } : {}),
        reason: why ? { 'zh-CN': why['zh-CN'], en: why.en } : recovered,
      });
    }
    if (missing.length) {
      await AssignmentEvent.insertMany(missing, { ordered: false });
      eventsWritten = missing.length;
    }
  }
  return { committed, keysReleased, eventsWritten };
}
