import { Type } from '@sinclair/typebox';
import { text, type LocalizedText } from '../../common/localized';
import { ConditionSchema, type Condition } from '../../conditions/condition.schema';
import { compiled, type CompiledCondition } from '../common/conditions';
import { defineNode } from '../common/define-node';
import { fixedStep } from '../common/fixed-step';
import type { AllocationStepResult } from '../node-definition';
import { describeCondition } from '../common/describe-condition';
import { preparedFor } from '../common/prepared';
import { conditionFieldRefs } from '../common/references';
import { words } from '../common/schema-helpers';

const ConditionParams = Type.Object(
  {
    condition: Type.Unsafe<Condition>({
      ...ConditionSchema,
      default: { all: [] },
      ...words({
        zh: '条件', en: 'Condition',
        helpZh: '满足时走“是”，否则走“否”。', helpEn: 'Takes "true" when it holds, "false" otherwise.',
      }),
    }),
  },
  { additionalProperties: false },
);

interface Prepared {
  test: CompiledCondition;
  yes: LocalizedText;
  no: LocalizedText;
  /** the results without trace detail, shared by every run */
  yesStep: AllocationStepResult;
  noStep: AllocationStepResult;
}

const prepare = (p: { condition: Condition }): Prepared => {
  const zh = describeCondition(p.condition, 'zh-CN');
  const en = describeCondition(p.condition, 'en');
  const yes = text(`条件成立：${zh}`, `Condition holds: ${en}`);
  const no = text(`条件不成立：${zh}`, `Condition does not hold: ${en}`);
  return { test: compiled(p.condition), yes, no, yesStep: fixedStep('true', yes), noStep: fixedStep('false', no) };
};
const cache = new WeakMap<object, Prepared>();

export const conditionNode = defineNode({
  type: 'condition',
  version: 1,
  kinds: ['allocation', 'followUp'],
  category: 'logic',
  icon: 'BranchesOutlined',
  labels: text('条件判断', 'Condition'),
  help: text(
    '检查客户（以及“距上次跟进天数”等派生字段）是否满足条件：满足走“是”，否则走“否”。',
    'Tests the customer (and derived facts such as days since the last follow-up): "true" when the condition holds, "false" otherwise.',
  ),
  params: ConditionParams,
  outputs: () => [
    { id: 'true', labels: text('是', 'True') },
    { id: 'false', labels: text('否', 'False') },
  ],
  summary: (p, locale) => describeCondition(p.condition, locale) || (locale === 'en' ? 'always' : '总是'),
  waits: false,
  references: (p) => conditionFieldRefs(p.condition, '/condition'),
  prepare,
  evaluate: (p, ctx) => {
    const pr = preparedFor(cache, prepare, p, ctx.prepared);
    const facts = ctx.facts ?? { customer: ctx.customer, now: ctx.env.now };
    const ok = pr.test.test(facts);
    if (ctx.explain === false) return ok ? pr.yesStep : pr.noStep;
    return {
      output: ok ? 'true' : 'false',
      effects: [],
      trace: { summary: ok ? pr.yes : pr.no, detail: pr.test.explain(facts) },
    };
  },
  step: (p, ctx) => {
    const pr = preparedFor(cache, prepare, p, ctx.prepared);
    return { type: 'continue', output: pr.test.test({ customer: ctx.customer, now: ctx.now }) ? 'true' : 'false', actions: [] };
  },
});
