import { text } from '../common/localized';
import type { NodeAllocationState } from '../model/rep.schema';
import type { Candidate } from '../nodes/node-definition';
import type { QuotasParams } from './assign-params.schema';
import type { QuotaNote, Reason } from './assignment-decision.schema';
import { percent } from './ordering';
import { own } from './own';

export interface QuotaOutcome {
  /** the eligible candidates the strategy may pick from */
  pool: readonly Candidate[];
  /** true when a quota narrowed the pool */
  restricted: boolean;
  /** notes without the pick comparison (decideAssignment fills changedPick) */
  notes: Array<Omit<QuotaNote, 'changedPick' | 'withoutQuotaRepId'>>;
  /** eligible reps left out by a quota, with the reason */
  excluded: Map<string, Reason>;
}

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** Assignments from this node: all of them, and those of the candidates matching `inGroup`. */
function shares(state: NodeAllocationState, candidates: readonly Candidate[], inGroup: (c: Candidate) => boolean) {
  let total = 0;
  // for-in visits the own keys in Object.keys order (then inherited ones, skipped here); with the
  // `hasOwnProperty.call` + `record[key]` pattern V8 reads each value straight from the enum cache
  const assigned = state.assigned;
  for (const k in assigned) if (hasOwnProperty.call(assigned, k)) total += assigned[k] ?? 0;
  let group = 0;
  for (const c of candidates) if (inGroup(c)) group += own(state.assigned, c.rep.id) ?? 0;
  return { total, group };
}

/**
 * Quotas narrow the eligible set before the strategy picks; they never empty it.
 * - newHireMinShare: when the new hires' share of this node's assignments, counting this pick as someone else's,
 *   would fall below the minimum and an eligible new hire exists, only eligible new hires may be picked.
 * - topRepMaxShare: when one more pick for a top rep would lift the top reps' share above the maximum, top reps are
 *   left out as long as someone else stays eligible (otherwise the note says the quota cannot be held).
 * Group shares count the assignments of the reps in `candidates` (the node's candidate set).
 */
/** Whether any quota is set so that it can restrict a pick (otherwise applyQuotas leaves the pool as it is). */
export function quotasApply(quotas: QuotasParams): boolean {
  const minShare = quotas.newHireMinShare;
  const maxShare = quotas.topRepMaxShare;
  return (minShare !== undefined && minShare > 0) || (maxShare !== undefined && maxShare < 1);
}

export function applyQuotas(
  eligible: readonly Candidate[],
  candidates: readonly Candidate[],
  state: NodeAllocationState,
  quotas: QuotasParams,
): QuotaOutcome {
  const minShare = quotas.newHireMinShare;
  const maxShare = quotas.topRepMaxShare;
  if (!quotasApply(quotas)) return { pool: eligible, restricted: false, notes: [], excluded: new Map() };
  // never mutated: a quota that applies replaces it with a filtered copy
  let pool: readonly Candidate[] = eligible;
  const notes: QuotaOutcome['notes'] = [];
  const excluded = new Map<string, Reason>();

  if (minShare !== undefined && minShare > 0) {
    const { total, group } = shares(state, candidates, (c) => c.rep.isNewHire);
    const ifOther = group / (total + 1);
    const newHires = ifOther < minShare ? pool.filter((c) => c.rep.isNewHire) : pool;
    if (ifOther < minShare && newHires.length > 0 && newHires.length < pool.length) {
      const t = text(
        `新人保底：新人占比 ${group}/${total}，低于 ${percent(minShare)}，本次只在新人中挑选`,
        `New-hire minimum: new hires have ${group} of ${total} assignments, below ${percent(minShare)}; this pick goes to a new hire`,
      );
      for (const c of pool) if (!c.rep.isNewHire) excluded.set(c.rep.id, { code: 'quotaNewHireReserved', text: t });
      pool = newHires;
      notes.push({ quota: 'newHireMinShare', applied: true, text: t });
    }
  }

  if (maxShare !== undefined && maxShare < 1) {
    const { total, group } = shares(state, candidates, (c) => c.rep.isTopRep);
    const ifTop = (group + 1) / (total + 1);
    const tops = pool.filter((c) => c.rep.isTopRep);
    if (ifTop > maxShare && tops.length > 0) {
      if (tops.length < pool.length) {
        const t = text(
          `头部销售上限：再分给头部销售将使其占比超过 ${percent(maxShare)}（已 ${group}/${total}），本次不分给头部销售`,
          `Top-rep maximum: another pick for a top rep would exceed ${percent(maxShare)} (now ${group} of ${total}); top reps are left out`,
        );
        for (const c of tops) excluded.set(c.rep.id, { code: 'quotaTopRepMax', text: t });
        pool = pool.filter((c) => !c.rep.isTopRep);
        notes.push({ quota: 'topRepMaxShare', applied: true, text: t });
      } else {
        notes.push({
          quota: 'topRepMaxShare',
          applied: false,
          text: text(
            `头部销售上限：只有头部销售符合条件，无法保持 ${percent(maxShare)} 的上限`,
            `Top-rep maximum: only top reps are eligible, so the ${percent(maxShare)} maximum cannot be held`,
          ),
        });
      }
    }
  }
  return { pool, restricted: excluded.size > 0, notes, excluded };
}
