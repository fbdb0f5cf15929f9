import { Type, type Static } from '@sinclair/typebox';
import { text, type LocalizedText } from '../../common/localized';
import { ConditionSchema, type Condition } from '../../conditions/condition.schema';
import { compiled, type CompiledCondition } from '../common/conditions';
import { defineNode } from '../common/define-node';
import { fixedStep } from '../common/fixed-step';
import type { AllocationStepResult } from '../node-definition';
import { preparedFor } from '../common/prepared';
import { conditionFieldRefs } from '../common/references';
import { words } from '../common/schema-helpers';

const TagRule = Type.Object(
  {
    condition: Type.Unsafe<Condition>({ ...ConditionSchema, ...words({ zh: '条件', en: 'Condition' }) }),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { minItems: 1, maxItems: 20, uniqueItems: true, ...words({ zh: '标签', en: 'Tags' }) }),
  },
  { additionalProperties: false },
);

const TagParams = Type.Object(
  {
    rules: Type.Array(TagRule, {
      maxItems: 100,
      default: [],
      ...words({ zh: '打标规则', en: 'Rules', helpZh: '每条满足的规则加上它的标签（已有的不重复）。', helpEn: 'Every rule that holds adds its tags (tags already present are kept once).' }),
    }),
  },
  { additionalProperties: false },
);
type Params = Static<typeof TagParams>;

interface Prepared {
  tests: CompiledCondition[];
  /** "No tags added (k of n rules matched)", for k = 0 … n, built once */
  noneAdded: LocalizedText[];
  /** the same as results without trace detail, shared by every run */
  noneAddedSteps: AllocationStepResult[];
}

const prepare = (p: Params): Prepared => {
  const noneAdded = Array.from({ length: p.rules.length + 1 }, (_, k) =>
    Object.freeze(text(`未加标签（满足 ${k}/${p.rules.length} 条规则）`, `No tags added (${k} of ${p.rules.length} rules matched)`)));
  return { tests: p.rules.map((r) => compiled(r.condition)), noneAdded, noneAddedSteps: noneAdded.map((t) => fixedStep('next', t)) };
};
const cache = new WeakMap<object, Prepared>();

export const tagNode = defineNode({
  type: 'tag',
  version: 1,
  kinds: ['allocation'],
  category: 'data',
  icon: 'TagsOutlined',
  labels: text('打标签', 'Tag'),
  help: text('规则满足时给客户加上标签，便于后续分流、评分和报表。', 'Adds tags to the customer when rules hold, for later routing, scoring and reports.'),
  params: TagParams,
  outputs: () => [{ id: 'next', labels: text('下一步', 'Next') }],
  summary: (p, locale) => {
    const tags = [...new Set(p.rules.flatMap((r) => r.tags))];
    const shown = tags.slice(0, 4).join(', ') + (tags.length > 4 ? ' …' : '');
    return locale === 'en' ? `${p.rules.length} rules → ${shown || '—'}` : `${p.rules.length} 条规则 → ${shown || '—'}`;
  },
  waits: false,
  references: (p) => p.rules.flatMap((r, i) => conditionFieldRefs(r.condition, `/rules/${i}/condition`)),
  prepare,
  evaluate: (p, ctx) => {
    const { tests, noneAdded, noneAddedSteps } = preparedFor(cache, prepare, p, ctx.prepared);
    const facts = ctx.facts ?? { customer: ctx.customer, now: ctx.env.now };
    const explain = ctx.explain !== false;
    // the lists are made only when needed: most customers match no tag rule
    let added: string[] | undefined;
    const matched: number[] | undefined = explain ? [] : undefined;
    let hits = 0;
    const rules = p.rules;
    const have = ctx.customer.tags;
    for (let i = 0; i < rules.length; i++) {
      if (tests[i]?.test(facts) !== true) continue;
      hits++;
      matched?.push(i);
      for (const t of (rules[i] as Params['rules'][number]).tags) {
        if (!have.includes(t) && !(added !== undefined && added.includes(t))) (added ??= []).push(t);
      }
    }
    if (!added && !matched) return noneAddedSteps[hits] as AllocationStepResult;
    const summary = added
      ? text(`加上标签：${added.join('、')}（满足 ${hits}/${rules.length} 条规则）`, `Added tags: ${added.join(', ')} (${hits} of ${rules.length} rules matched)`)
      : (noneAdded[hits] as LocalizedText);
    return {
      output: 'next',
      effects: added ? [{ kind: 'addTags', tags: added }] : [],
      trace: matched ? { summary, detail: { matchedRules: matched, added: added ?? [] } } : { summary },
    };
  },
});
