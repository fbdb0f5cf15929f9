import { Type, type Static } from '@sinclair/typebox';
import { text } from '../common/localized';
import { ConditionSchema, type Condition } from '../conditions/condition.schema';

const w = (zh: string, en: string, helpZh?: string, helpEn?: string) => ({
  title: en,
  'x-label': text(zh, en),
  ...(helpZh !== undefined && helpEn !== undefined ? { description: helpEn, 'x-description': text(helpZh, helpEn) } : {}),
});

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const ScoreRuleSchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 100, ...w('规则名称', 'Rule name') }),
    condition: Type.Unsafe<Condition>({ ...ConditionSchema, ...w('条件', 'Condition') }),
    points: Type.Integer({ minimum: -100, maximum: 100, default: 10, ...w('分值', 'Points', '条件满足时加的分（可为负数）。', 'Points added when the condition holds (may be negative).') }),
  },
  { additionalProperties: false },
);
export type ScoreRule = Static<typeof ScoreRuleSchema>;

const threshold = (dflt: number, grade: string) =>
  Type.Integer({ minimum: 0, maximum: 100, default: dflt, ...w(`${grade} 级最低分`, `Minimum for ${grade}`) });

export const ThresholdsSchema = Type.Object(
  { A: threshold(80, 'A'), B: threshold(60, 'B'), C: threshold(40, 'C') },
  {
    additionalProperties: false,
    default: { A: 80, B: 60, C: 40 },
    ...w('等级阈值', 'Grade thresholds', '得分 ≥ A 阈值为 A 级，依次类推，低于 C 阈值为 D 级。', 'A score at or above the A threshold is grade A, and so on; below C is grade D.'),
  },
);
export type Thresholds = Static<typeof ThresholdsSchema>;

export const ScoreParamsSchema = Type.Object(
  {
    base: Type.Integer({ minimum: 0, maximum: 100, default: 0, ...w('基础分', 'Base score', '加规则分之前的起始分。', 'The starting score before rule points are added.') }),
    rules: Type.Array(ScoreRuleSchema, { maxItems: 100, default: [], ...w('评分规则', 'Rules', '每条满足的规则加上其分值；总分限制在 0–100。', 'Each rule that holds adds its points; the total is clamped to 0–100.') }),
    thresholds: ThresholdsSchema,
  },
  { additionalProperties: false },
);
export type ScoreParams = Static<typeof ScoreParamsSchema>;
