import { isValidObjectId, Types } from 'mongoose';
import type { AllocationResult } from '../../core/interpreter/allocation-result';
import type { ExistingCustomerRef } from '../../core/nodes/node-definition';
import type { Customer } from '../../core/model/customer.schema';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { holderOfKey } from './contact-key-holder';
import { contactKeysOf, recordContactKeys } from '../../data/contact-keys';
import type { CustomerIntake } from '../customers/customer-input.schema';
import type { ActiveFlow } from './active-flow.cache';
import { EXISTING_REF_FIELDS, existingRef, loadAllocationEnv } from './allocation-env.loader';
import { actorOf, assignmentEventDoc } from './assignment-event.writer';
import { decideBatch } from './batch-decide';
import { holdBatch, joinHeld, type BatchHeld } from './batch-hold';
import { newEngineCustomer, toCustomerDocument } from './customer-record';
import { flowDecisionLock, intakeCustomer, outcomeOf, type IntakeOutcome, type IntakeTrigger } from './intake.service';

export type BatchRowResult =
  /** the row's phone or email already belongs to a stored customer (only with `skipExistingContacts`) */
  | { kind: 'existing'; customerId: string }
  /** decided and committed: imported (assigned, pooled, unassigned) or a duplicate the flow found */
  | { kind: 'done'; outcome: IntakeOutcome }
  /** the stored document did not pass the model's validation; nothing kept */
  | { kind: 'rejected'; message: string }
  /** the database refused the row for another reason; nothing kept */
  | { kind: 'failed'; message: string };

export interface BatchOptions {
  trigger?: IntakeTrigger;
  /** the flow to run (an import keeps the version active when it started); null: no active flow */
  flow: ActiveFlow | null;
  requestId?: string;
  /** rows whose phone or email a stored customer already has are not taken in (an import's rule) */
  skipExistingContacts?: boolean;
  /** one audit entry for the whole batch */
  audit?: { action: string; target: { kind: string; id: string } };
  /** the customer id per row (an import derives them from the job and row, so a resumed job recognises its rows); new ids when absent */
  ids?: readonly string[];
}

/** a row as decided: the customer as the flow left it; result null when there is no active flow */
type BatchDecision = { customer: Customer; result: AllocationResult | null };

/** decisions of a batch tried before its rows go one by one through intakeCustomer */
const BATCH_ATTEMPTS = 4;

/** whether the flow's dedupe node matches by company (phone and email are settled by the key reservation) */
export const dedupeByCompany = (flow: ActiveFlow | null) =>
  !!flow && [...flow.prepared.nodes.values()].some((n) => n.type === 'dedupe' && ((n.params as { matchBy?: string[] } | undefined)?.matchBy ?? []).includes('company'));

/**
 * Reserves the rows' phone and email keys in one insert: the unique `_id` answers, for all rows at
 * once and atomically, which of them the database (or an earlier row of the batch) already has.
 * Returns, per row, the customer holding a key it could not take (null: all its keys are now its own).
 */
async function reserveKeys(app: AppContext, customers: readonly Customer[], keysOf: readonly string[][]): Promise<(string | null)[]> {
  const { ContactKey } = app.models;
  const docs = customers.flatMap((c, i) => (keysOf[i] ?? []).map((k) => ({ _id: k, customerId: new Types.ObjectId(c.id) })));
  const refused = new Set<string>();
  if (docs.length) {
    try {
      await ContactKey.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      const e = err as { writeErrors?: { index?: number; code?: number; err?: { index?: number; code?: number } }[] };
      if (!Array.isArray(e.writeErrors) || !e.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000)) throw err;
      for (const w of e.writeErrors) refused.add(docs[w.index ?? w.err?.index ?? -1]?._id ?? '');
    }
  }
  return Promise.all(
    customers.map(async (c, i) => {
      const keys = keysOf[i] ?? [];
      const own = keys.filter((k) => !refused.has(k));
      // a key held by a customer that was never stored is taken over (contact-key-holder.ts); any other holder keeps the row out
      for (const k of keys.filter((x) => refused.has(x))) {
        const holder = await holderOfKey(app, k, c.id);
        if (holder.kind === 'taken') {
          own.push(k);
          continue;
        }
        await releaseKeys(app, c.id, own);
        return holder.customerId;
      }
      return null;
    }),
  );
}

/** Gives back keys a row reserved but will not keep (still its own: another customer's key is never touched). */
async function releaseKeys(app: AppContext, customerId: string, keys: readonly string[]): Promise<void> {
  for (const k of keys) await app.models.ContactKey.deleteOne({ _id: k, customerId });
}

/** Company matches in the database for a flow whose dedupe node looks at the company: key → customer as dedupe sees it. */
async function companyMatches(app: AppContext, keys: Set<string>): Promise<Map<string, ExistingCustomerRef>> {
  // one `_id` equality per key: FerretDB on SQLite pushes those down, not `_id: {$in}` (a scan)
  const list = [...keys];
  const hits = await Promise.all(list.map((k) => app.models.ContactKey.findById(k).lean()));
  const out = new Map<string, ExistingCustomerRef>();
  const byId = new Map<string, Promise<ExistingCustomerRef | null>>();
  await Promise.all(
    hits.map(async (h, i) => {
      if (!h) return;
      const id = String(h.customerId);
      if (!byId.has(id)) {
        byId.set(id, app.models.Customer.findById(id, EXISTING_REF_FIELDS).lean().then((d) => d && existingRef(d)));
      }
      const ref = await byId.get(id);
      if (ref) out.set(list[i] as string, ref);
    }),
  );
  return out;
}

/** the smallest part a batch that keeps losing races is split into before its rows go one by one */
const MIN_PART = 8;

/**
 * Decides the rows under the flow's lock and holds their turns and slots. A batch that keeps losing the
 * race to another process (intakes there move the round-robin turn every few milliseconds, while a big
 * batch takes longer to decide) is decided in two halves, each in its own shorter window, and so on down
 * to MIN_PART rows — unless the flow dedupes by company, where a later row must see the earlier ones
 * in the same decision. Returns the decisions of the leading rows it could hold (null: none); the rows
 * after them go one by one. What was held stays held (undoing it later could no longer put the
 * round-robin turns back once another process has moved on).
 */
async function decideAndHold(app: AppContext, flow: ActiveFlow, base: Customer[], existingOf: (i: number) => ExistingCustomerRef[]): Promise<{ decisions: BatchDecision[]; held: BatchHeld } | null> {
  const splittable = base.length >= 2 * MIN_PART && !dedupeByCompany(flow);
  const whole = await decideAndHoldOnce(app, flow, base, existingOf, splittable ? 2 : BATCH_ATTEMPTS);
  if (whole || !splittable) return whole;
  const half = Math.ceil(base.length / 2);
  const first = await decideAndHold(app, flow, base.slice(0, half), existingOf);
  if (!first || first.decisions.length < half) return first; // the rows after it go one by one
  const second = await decideAndHold(app, flow, base.slice(half), (i) => existingOf(i + half));
  if (!second) return first;
  return { decisions: [...first.decisions, ...second.decisions], held: joinHeld(first.held, second.held) };
}

async function decideAndHoldOnce(app: AppContext, flow: ActiveFlow, base: Customer[], existingOf: (i: number) => ExistingCustomerRef[], attempts: number) {
  const poolExists = async (id: string) => isValidObjectId(id) && !!(await app.models.Pool.exists({ _id: id }));
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const now = app.now();
    const got = await flowDecisionLock.run(flow.flowId, async () => {
      const loaded = await loadAllocationEnv(app, flow, null);
      const plan = await decideBatch(flow, loaded, base.map((c) => ({ ...c, createdAt: now })), existingOf, poolExists);
      const held = await holdBatch(app, plan.nodes, plan.takes, now);
      return held ? { decisions: plan.decisions, held } : null;
    });
    if (got) return got;
    await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
  }
  return null;
}

const writeErrorIndexes = (err: unknown): number[] | null => {
  const e = err as { writeErrors?: { index?: number; err?: { index?: number } }[] };
  if (!Array.isArray(e.writeErrors)) return null;
  return e.writeErrors.map((w) => w.index ?? w.err?.index ?? -1);
};

/**
 * Intake for many rows at once (imports): the database is read once per batch, the flow runs row after
 * row in memory, and the decision is committed with one compare-and-set per assign node and one
 * guarded `$inc` per rep, then the customers, contact keys and assignment events are inserted in bulk
 * and one audit entry is written. Contention with another process (a guard or compare-and-set failing)
 * undoes what the batch took and decides again; after BATCH_ATTEMPTS the rows go one by one through
 * intakeCustomer. Results are in row order.
 */
export async function intakeBatch(app: AppContext, principal: Principal, inputs: readonly CustomerIntake[], opts: BatchOptions): Promise<BatchRowResult[]> {
  const { flow } = opts;
  const trigger = opts.trigger ?? 'customerImported';
  const actor = actorOf(principal);
  const results: (BatchRowResult | undefined)[] = new Array(inputs.length);
  const all = inputs.map((input, i) => newEngineCustomer(input, app.now(), opts.ids?.[i]));

  // phone and email keys reserved at once (a row the database already has is not taken in); company keys looked up for a dedupe node
  const keysOf = all.map((c) => contactKeysOf(c).filter((k) => !k.startsWith('c:')));
  const holders = await reserveKeys(app, all, keysOf);
  const live: number[] = [];
  all.forEach((c, i) => {
    const holder = holders[i];
    if (holder) results[i] = { kind: 'existing', customerId: holder };
    else live.push(i);
  });
  const base = live.map((i) => all[i] as Customer);
  const companyKey = (c: Customer) => contactKeysOf({ company: c.company })[0];
  const companies = dedupeByCompany(flow) ? await companyMatches(app, new Set(base.map(companyKey).filter((k): k is string => !!k))) : new Map<string, ExistingCustomerRef>();
  const existingOf = (j: number): ExistingCustomerRef[] => {
    const k = companyKey(base[j] as Customer);
    const ref = k ? companies.get(k) : undefined;
    return ref ? [ref] : [];
  };

  let decisions: BatchDecision[];
  let held: BatchHeld | null = null;
  if (!flow) {
    const now = app.now();
    decisions = base.map((c) => ({ customer: { ...c, createdAt: now }, result: null }));
  } else {
    const got = base.length ? await decideAndHold(app, flow, base, existingOf) : null;
    // rows not decided as part of the batch (sustained contention): one by one, each with its own retries (and its own
    // contact keys), keeping the rows' ids (an import's are derived from job and row: a resume still recognises them)
    const rest = live.slice(got?.decisions.length ?? 0);
    for (const i of rest) await releaseKeys(app, (all[i] as Customer).id, keysOf[i] ?? []);
    for (const i of rest) {
      try {
        results[i] = { kind: 'done', outcome: await intakeCustomer(app, principal, inputs[i] as CustomerIntake, { trigger, requestId: opts.requestId, flow, customerId: (all[i] as Customer).id }) };
      } catch (err) {
        results[i] = { kind: 'failed', message: (err as Error).message };
      }
    }
    decisions = got?.decisions ?? [];
    held = got?.held ?? null;
  }

  // the customers, each checked by the model first (a row the model refuses gives its slot back)
  const { Customer } = app.models;
  const docs: { j: number; doc: Record<string, unknown> }[] = [];
  const release = async (d: BatchDecision) => {
    if (held && d.result?.outcome === 'assigned' && d.result.ownerId) await held.releaseOne(d.result.ownerId);
  };
  for (let j = 0; j < decisions.length; j++) {
    const d = decisions[j] as BatchDecision;
    if (d.result?.outcome === 'duplicate') continue;
    const doc = toCustomerDocument(d.customer, { needsLifecycle: d.customer.status === 'assigned' });
    const invalid = await new Customer(doc).validate().then(
      () => null,
      (err: Error) => err,
    );
    if (invalid) {
      results[live[j] as number] = { kind: 'rejected', message: invalid.message };
      await release(d);
    } else docs.push({ j, doc });
  }
  const inserted = new Set(docs.map((x) => x.j));
  if (docs.length) {
    try {
      await Customer.insertMany(docs.map((x) => x.doc), { ordered: false, lean: true });
    } catch (err) {
      const bad = writeErrorIndexes(err);
      const failed = bad ?? docs.map((_, n) => n);
      for (const n of failed) {
        const x = docs[n];
        if (!x) continue;
        inserted.delete(x.j);
        results[live[x.j] as number] = { kind: 'failed', message: (err as Error).message };
        await release(decisions[x.j] as BatchDecision);
      }
    }
  }
  const kept = [...inserted].map((j) => decisions[j] as BatchDecision);
  // rows not stored give their phone and email keys back; the stored ones add their company key
  for (let j = 0; j < decisions.length; j++) if (!inserted.has(j)) await releaseKeys(app, (base[j] as Customer).id, keysOf[live[j] as number] ?? []);
  await recordContactKeys(app.models, kept.flatMap((d) => (d.customer.company ? [{ _id: d.customer.id, company: d.customer.company }] : [])));

  // one assignment event per decision (a duplicate's on the customer it matched), then one audit entry
  const events: Record<string, unknown>[] = [];
  for (let j = 0; j < decisions.length; j++) {
    const d = decisions[j] as BatchDecision;
    const result = d.result ?? null;
    if (result?.outcome === 'duplicate' && result.duplicateOf) {
      events.push(assignmentEventDoc(app, { customerId: result.duplicateOf, flow, result, actor, requestId: opts.requestId, trigger }));
      results[live[j] as number] = { kind: 'done', outcome: outcomeOf({ ...result.customer, id: result.duplicateOf }, result, flow) };
    } else if (inserted.has(j)) {
      events.push(assignmentEventDoc(app, { customerId: d.customer.id, flow: result ? flow : null, result, actor, requestId: opts.requestId, trigger }));
      results[live[j] as number] = { kind: 'done', outcome: outcomeOf(d.customer, result, flow) };
    }
  }
  // cast (ids, dates) without hydrating documents: the trace is plain data made storable by the writer
  const { AssignmentEvent } = app.models;
  if (events.length) await AssignmentEvent.insertMany(events.map((e) => AssignmentEvent.castObject(e)), { ordered: false, lean: true });
  if (opts.audit) await auditBatch(app, actor, opts, results as BatchRowResult[], kept);
  return results as BatchRowResult[];
}

async function auditBatch(app: AppContext, actor: ReturnType<typeof actorOf>, opts: BatchOptions, results: BatchRowResult[], kept: BatchDecision[]): Promise<void> {
  const tally: Record<string, number> = { imported: 0, duplicate: 0, rejected: 0, failed: 0, assigned: 0, pooled: 0, unassigned: 0 };
  const owners: Record<string, number> = {};
  for (const r of results) {
    if (r.kind === 'existing') tally.duplicate!++;
    else if (r.kind !== 'done') tally[r.kind]!++;
    else if (r.outcome.outcome === 'duplicate') tally.duplicate!++;
    else {
      tally.imported!++;
      const as = r.outcome.outcome === 'assigned' ? 'assigned' : r.outcome.outcome === 'pool' ? 'pooled' : 'unassigned';
      tally[as]!++;
      if (r.outcome.ownerId) owners[r.outcome.ownerId] = (owners[r.outcome.ownerId] ?? 0) + 1;
    }
  }
  const ids = kept.map((d) => d.customer.id);
  await app.models.AuditLog.create({
    actor,
    action: opts.audit!.action,
    target: opts.audit!.target,
    after: { rows: results.length, ...tally, owners, firstCustomerId: ids[0] ?? null, lastCustomerId: ids.at(-1) ?? null, flowVersion: opts.flow?.version ?? null },
    requestId: opts.requestId,
    at: new Date(app.now()),
  });
}
