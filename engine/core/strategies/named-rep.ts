import { text, type LocalizedText } from '../common/localized';
import type { Candidate } from '../nodes/node-definition';
import type { StrategyInput, StrategyResult } from './strategy.types';

/** Why a rep named by sticky or specific can or cannot be picked. */
export type NamedRepCheck = { ok: true; candidate: Candidate } | { ok: false; why: LocalizedText };

/** Looks a named rep up among the candidates: picked only when it is in the pool (eligible). */
export function checkNamedRep(input: StrategyInput, repId: string, role: LocalizedText): NamedRepCheck {
  const inPool = input.pool.find((c) => c.rep.id === repId);
  if (inPool) return { ok: true, candidate: inPool };
  const candidate = input.candidates.find((c) => c.rep.id === repId);
  if (!candidate) {
    return {
      ok: false,
      why: text(`${role['zh-CN']}（${repId}）不在候选集中`, `the ${role.en} (${repId}) is not among the candidates`),
    };
  }
  const reasons = input.ineligible.get(repId) ?? [];
  const zh = reasons.map((r) => r.text['zh-CN']).join('；') || '不符合条件';
  const en = reasons.map((r) => r.text.en).join('; ') || 'not eligible';
  return {
    ok: false,
    why: text(`${role['zh-CN']} ${candidate.rep.name} 不可分配：${zh}`, `the ${role.en} ${candidate.rep.name} cannot take it: ${en}`),
  };
}

export interface NamedTarget {
  /** undefined when the target could not be resolved (e.g. no manager) */
  repId: string | undefined;
  role: LocalizedText;
  /** said when repId is undefined */
  missing?: LocalizedText;
}

/**
 * Picks the first target that is eligible, in order; explains the targets passed over.
 * `label` names the strategy in the sentence ("Sticky", "Specific").
 */
export function firstEligibleTarget(input: StrategyInput, targets: readonly NamedTarget[], label: LocalizedText): StrategyResult {
  const misses: LocalizedText[] = [];
  const joined = () => ({ zh: misses.map((m) => m['zh-CN']).join('；'), en: misses.map((m) => m.en).join('; ') });
  for (const t of targets) {
    if (!t.repId) {
      misses.push(t.missing ?? text(`没有${t.role['zh-CN']}`, `there is no ${t.role.en}`));
      continue;
    }
    const check = checkNamedRep(input, t.repId, t.role);
    if (check.ok) {
      const name = check.candidate.rep.name;
      const m = joined();
      return {
        pick: check.candidate,
        why: text(
          `${label['zh-CN']}：分配给${t.role['zh-CN']} ${name}${m.zh ? `（${m.zh}）` : ''}`,
          `${label.en}: assigned to the ${t.role.en} ${name}${m.en ? ` (${m.en})` : ''}`,
        ),
      };
    }
    misses.push(check.why);
  }
  const m = joined();
  return {
    pick: null,
    why: text(`${label['zh-CN']}：无人可分配，${m.zh}`, `${label.en}: nobody to assign: ${m.en}`),
  };
}
