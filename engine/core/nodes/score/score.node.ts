import { text } from '../../common/localized';
import { computeScore, leanScoreResult, thresholdsOutOfOrder, type ScoreResult } from '../../scoring/compute-score';
import { ScoreParamsSchema, type ScoreParams } from '../../scoring/score-params.schema';
import { compiled, type CompiledCondition, type FactContext } from '../common/conditions';
import { defineNode } from '../common/define-node';
import { preparedFor } from '../common/prepared';
import { conditionFieldRefs } from '../common/references';

const prepare = (p: ScoreParams): CompiledCondition[] => p.rules.map((r) => compiled(r.condition));
const cache = new WeakMap<object, CompiledCondition[]>();

/** computeScore without explanation, the rules' compiled tests called in a plain loop (no callback per rule). */
function leanScore(p: ScoreParams, tests: readonly CompiledCondition[], facts: FactContext): ScoreResult {
  const rules = p.rules;
  let raw = p.base;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const test = tests[i];
    if (rule && test && test.test(facts) === true) raw += rule.points;
  }
  return leanScoreResult(p, raw);
}

export const scoreNode = defineNode({
  type: 'score',
  version: 1,
  kinds: ['allocation'],
  category: 'data',
  icon: 'StarOutlined',
  labels: text('客户评分', 'Score'),
  help: text(
    '从基础分开始，每条满足的规则加上其分值，总分限制在 0–100，并按阈值定出 A/B/C/D 等级（默认 80/60/40）。',
    'Starts from the base score, adds the points of every rule that holds, clamps the total to 0–100 and sets the grade A/B/C/D from the thresholds (80/60/40 by default).',
  ),
  params: ScoreParamsSchema,
  outputs: () => [{ id: 'next', labels: text('下一步', 'Next') }],
  summary: (p, locale) =>
    locale === 'en'
      ? `${p.rules.length} rules · A ≥ ${p.thresholds.A}, B ≥ ${p.thresholds.B}, C ≥ ${p.thresholds.C}`
      : `${p.rules.length} 条规则 · A ≥ ${p.thresholds.A}，B ≥ ${p.thresholds.B}，C ≥ ${p.thresholds.C}`,
  waits: false,
  references: (p) => p.rules.flatMap((r, i) => conditionFieldRefs(r.condition, `/rules/${i}/condition`)),
  check: (p) => {
    const bad = thresholdsOutOfOrder(p.thresholds);
    return bad
      ? [{
          code: 'FLOW_SCORE_THRESHOLDS_ORDER',
          pointer: `/thresholds/${bad}`,
          message: text('等级阈值必须从高到低：A > B > C，请调整。', 'Grade thresholds must fall from A to C (A > B > C); adjust them.'),
        }]
      : [];
  },
  prepare,
  evaluate: (p, ctx) => {
    const tests = preparedFor(cache, prepare, p, ctx.prepared);
    const facts = ctx.facts ?? { customer: ctx.customer, now: ctx.env.now };
    const explain = ctx.explain !== false;
    const r = explain ? computeScore(p, (i) => tests[i]?.test(facts) === true) : leanScore(p, tests, facts);
    return {
      output: 'next',
      effects: [{ kind: 'setScore', score: r.score, grade: r.grade }],
      trace: explain ? { summary: r.summary, detail: { base: p.base, raw: r.raw, score: r.score, grade: r.grade, lines: r.lines } } : { summary: r.summary },
    };
  },
});
