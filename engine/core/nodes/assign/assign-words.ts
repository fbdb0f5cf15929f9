import type { Locale, LocalizedText } from '../../common/localized';
import { StrategyNameSchema, type AssignParams, type StrategyName } from '../../strategies/assign-params.schema';
import { describeCondition } from '../common/describe-condition';

const STRATEGY_WORDS: ReadonlyMap<string, LocalizedText> = new Map(
  StrategyNameSchema.anyOf.map((l) => [String(l.const), l['x-label'] as LocalizedText]),
);

export function strategyWords(name: StrategyName, locale: Locale): string {
  return STRATEGY_WORDS.get(name)?.[locale] ?? name;
}

/** "Skill match among senior, key-accounts · rep industries contains …" / "能力匹配 · 候选：senior、key-accounts" */
export function assignSummary(p: AssignParams, locale: Locale): string {
  const strategy = strategyWords(p.strategy, locale);
  const en = locale === 'en';
  const teams = p.candidateTeams.length ? p.candidateTeams.join(en ? ', ' : '、') : en ? 'all teams' : '所有团队';
  let s = en ? `${strategy} among ${teams}` : `${teams}中${strategy}`;
  if (p.strategy === 'specific') {
    const target = p.specific.repId ?? (p.specific.useTeamManager ? (en ? 'team manager' : '团队主管') : undefined);
    if (target) s += en ? ` → ${target}` : ` → ${target}`;
  }
  if (p.repFilter) s += en ? ` · where ${describeCondition(p.repFilter, locale)}` : ` · 筛选：${describeCondition(p.repFilter, locale)}`;
  return s;
}
