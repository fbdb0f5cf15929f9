import { text } from '../common/localized';
import type { Customer } from '../model/customer.schema';
import type { Rep } from '../model/rep.schema';
import type { Candidate } from '../nodes/node-definition';
import type { SkillWeights } from './assign-params.schema';
import type { SkillBreakdown } from './assignment-decision.schema';
import { compareIds, compareRanks, loadRank, round2 } from './ordering';
import { own } from './own';
import { lastSeqOf } from './round-robin.strategy';
import type { SkillScore, StrategyDefinition } from './strategy.types';

/**
 * The lowest rep level (1 junior … 5 principal) that fits a customer grade. Grades not listed here
 * (and customers without a grade) accept any level.
 */
export const GRADE_MIN_LEVEL: Readonly<Record<string, number>> = { A: 4, B: 3, C: 1, D: 1 };

export const minLevelForGrade = (grade: string | undefined): number => {
  if (!grade) return 1;
  // the usual grades need no trimming or case change (this runs once per candidate)
  const exact = grade.length === 1 ? own(GRADE_MIN_LEVEL, grade) : undefined;
  return exact ?? own(GRADE_MIN_LEVEL, grade.trim().toUpperCase()) ?? 1;
};

/** Rounded to 1e-6 so equal fits compare equal whatever the order the points were added in. */
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

const has = (list: readonly string[], value: string | undefined): boolean => value !== undefined && list.includes(value);

/** The fit of a rep for a customer: weighted matches plus the weighted win rate (0–1) in the customer's industry. */
export function skillScore(rep: Rep, customer: Customer, w: SkillWeights): SkillScore {
  const rawWinRate = customer.industry === undefined ? undefined : own(rep.stats.winRateByIndustry, customer.industry);
  const winRate = rawWinRate === undefined || !Number.isFinite(rawWinRate) ? 0 : Math.min(1, Math.max(0, rawWinRate));
  const breakdown: SkillBreakdown = {
    industry: has(rep.industries, customer.industry) ? w.industry : 0,
    region: has(rep.regions, customer.province) ? w.region : 0,
    language: has(rep.languages, customer.language) ? w.language : 0,
    productLine: has(rep.productLines, customer.productLine) ? w.productLine : 0,
    level: rep.level >= minLevelForGrade(customer.grade) ? w.level : 0,
    winRate: round6(w.winRate * winRate),
  };
  const score = round6(
    breakdown.industry + breakdown.region + breakdown.language + breakdown.productLine + breakdown.level + breakdown.winRate,
  );
  return { score, breakdown };
}

/** A candidate's fit as scored for this decision (0 if it was not scored). */
const scoreIn = (scores: ReadonlyMap<string, SkillScore>, c: Candidate): number => scores.get(c.rep.id)?.score ?? 0;

const CRITERIA: ReadonlyArray<[keyof SkillBreakdown, string, string]> = [
  ['industry', '行业', 'industry'],
  ['region', '区域', 'region'],
  ['language', '语言', 'language'],
  ['productLine', '产品线', 'product line'],
  ['level', '级别', 'level'],
  ['winRate', '赢单率', 'win rate'],
];

/** skillMatch: the highest fit; ties by least loaded, then round robin. Every candidate's breakdown is kept. */
export const skillMatchStrategy: StrategyDefinition = {
  usesQuotas: true,
  run: ({ pool, candidates, state, customer, params }) => {
    // every candidate is scored (the trace shows them all); the pick comes from the pool
    const scores = new Map<string, SkillScore>();
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i] as Candidate;
      scores.set(c.rep.id, skillScore(c.rep, customer, params.skillWeights));
    }
    // one pass: the first minimum in the order (higher score, then compareLoad, then compareRoundRobin)
    let pick: Candidate | null = null;
    let pickScore = 0;
    let pickRank = 0;
    let pickSeq = 0;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i] as Candidate;
      const score = scoreIn(scores, c);
      const rank = loadRank(c);
      const seq = lastSeqOf(state, c.rep.id);
      if (pick === null || (pickScore - score || compareRanks(rank, pickRank) || seq - pickSeq || compareIds(c.rep.id, pick.rep.id)) < 0) {
        pick = c;
        pickScore = score;
        pickRank = rank;
        pickSeq = seq;
      }
    }
    if (!pick) return { pick: null, scores, why: text('能力匹配：没有可选的销售', 'Skill match: no rep to choose from') };
    const best = scores.get(pick.rep.id) ?? skillScore(pick.rep, customer, params.skillWeights);
    const parts = CRITERIA.filter(([k]) => best.breakdown[k] > 0);
    const zhParts = parts.map(([k, zh]) => `${zh} ${round2(best.breakdown[k])}`).join('、') || '无匹配项';
    const enParts = parts.map(([k, , en]) => `${en} ${round2(best.breakdown[k])}`).join(', ') || 'nothing matched';
    let tied = 0;
    for (let i = 0; i < pool.length; i++) if (scoreIn(scores, pool[i] as Candidate) === best.score) tied++;
    const name = pick.rep.name;
    const tieZh = tied > 1 ? `；与 ${tied - 1} 人同分，按负载与轮询选出` : '';
    const tieEn = tied > 1 ? `; tied with ${tied - 1} other(s), chosen by load then round robin` : '';
    return {
      pick,
      scores,
      why: text(
        `能力匹配：${name} 匹配度最高，${round2(best.score)} 分（${zhParts}）${tieZh}`,
        `Skill match: ${name} fits best with ${round2(best.score)} points (${enParts})${tieEn}`,
      ),
    };
  },
};
