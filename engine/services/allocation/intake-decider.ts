import { isValidObjectId } from 'mongoose';
import type { AllocationResult } from '../../core/interpreter/allocation-result';
import type { ExistingCustomerRef } from '../../core/nodes/node-definition';
import type { Customer } from '../../core/model/customer.schema';
import type { AppContext } from '../../api/app-context';
import type { ActiveFlow } from './active-flow.cache';
import { loadAllocationEnv } from './allocation-env.loader';
import { decideBatch } from './batch-decide';
import { holdBatch } from './batch-hold';
import { flowDecisionLock, type Held } from './flow-decision-lock';
import { nodeStateCache } from './node-state.cache';
import { repRoster } from './rep-roster.cache';

/** the most intakes decided together (one read of the state, one compare-and-set per node, one `$inc` per rep) */
export const MAX_GROUP = 64;

export interface Decided {
  /** the customer as the flow left it (for a duplicate: as it came in) */
  customer: Customer;
  result: AllocationResult;
  /** what the decision took, to give back if the customer cannot be stored; null: another process got there first, decide again */
  held: Held | null;
}

interface Waiting {
  customer: Customer;
  existing: ExistingCustomerRef[];
  resolve(d: Decided): void;
  reject(err: unknown): void;
}

/**
 * Group commit for intakes. Requests for the same flow that arrive while a decision is being taken
 * wait together and are then decided as one group under the flow's lock, in arrival order, exactly as
 * an import batch is (decideBatch: round-robin turns, loads and in-group duplicates carried from one
 * customer to the next). Alone, a request is a group of one; under load the lock is taken once per
 * group instead of once per request, which is what lets intake keep up with many clients.
 */
class FlowDecider {
  private readonly queue: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly app: AppContext,
    private readonly flow: ActiveFlow,
  ) {}

  decide(customer: Customer, existing: ExistingCustomerRef[]): Promise<Decided> {
    return new Promise<Decided>((resolve, reject) => {
      this.queue.push({ customer, existing, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        const group = this.queue.splice(0, MAX_GROUP);
        try {
          const decided = await flowDecisionLock.run(this.flow.flowId, () => this.decideGroup(group));
          group.forEach((w, i) => w.resolve(decided[i] as Decided));
        } catch (err) {
          for (const w of group) w.reject(err);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async decideGroup(group: Waiting[]): Promise<Decided[]> {
    const { app, flow } = this;
    const states = nodeStateCache(app.conn);
    const roster = repRoster(app);
    const now = app.now();
    const poolExists = async (id: string) => isValidObjectId(id) && !!(await app.models.Pool.exists({ _id: id }));
    const customers = group.map((w) => ({ ...w.customer, createdAt: now }));
    const decide = async () => {
      const { reps, cached } = await roster.read();
      const loaded = await loadAllocationEnv(app, flow, null, [], states.get(flow.flowId), reps);
      const plan = await decideBatch(flow, loaded, customers, (i) => group[i]?.existing ?? [], poolExists);
      return { loaded, plan, cached, reps };
    };
    const first = await decide();
    let { loaded, plan } = first;
    // a customer not assigned while a cached rep looked full: that rep may have room again by now, so decide on fresh reps
    // (the node states are read again too, as this decision moved them in memory)
    if (first.cached && roster.anyAtLimit(first.reps, now) && plan.decisions.some((d) => d.result.outcome === 'pool' || d.result.outcome === 'unassigned')) {
      roster.forget();
      states.forget(flow.flowId);
      ({ loaded, plan } = await decide());
    }
    const held = await holdBatch(app, plan.nodes, plan.takes, now);
    if (held) {
      states.remember(flow.flowId, loaded.env.nodeStates); // decideBatch left them as committed
      roster.applyTakes(plan.takes, now);
    } else {
      // another process moved a turn, filled a rep or changed its limits: read afresh next time
      states.forget(flow.flowId);
      roster.forget();
    }
    return plan.decisions.map(({ customer, result }) => {
      if (!held) return { customer, result, held: null };
      const ownerId = result.outcome === 'assigned' ? result.ownerId : undefined;
      return {
        customer,
        result,
        held: {
          // the slot goes back; the round-robin turn stays taken (as when an import row cannot be stored)
          undo: async () => (ownerId ? held.releaseOne(ownerId) : undefined),
        },
      };
    });
  }
}

const deciders = new WeakMap<AppContext, Map<string, FlowDecider>>();

/** The decider of one published version of a flow, per app context (its database and clock). */
export function intakeDecider(app: AppContext, flow: ActiveFlow): FlowDecider {
  let byVersion = deciders.get(app);
  if (!byVersion) deciders.set(app, (byVersion = new Map()));
  let d = byVersion.get(flow.flowVersionId);
  if (!d) {
    if (byVersion.size > 50) byVersion.clear();
    byVersion.set(flow.flowVersionId, (d = new FlowDecider(app, flow)));
  }
  return d;
}
