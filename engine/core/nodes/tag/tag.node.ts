import { Type, type Static } from '@sinclair/typebox';
import { text } from '../../common/localized';
import { ConditionSchema, type Condition } from '../../conditions/condition.schema';
import { compiled, type CompiledCondition } from '../common/conditions';
import { defineNode } from '../common/define-node';
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

const prepare = (p: Params): CompiledCondition[] => p.rules.map((r) => compiled(r.condition));
const cache = new WeakMap<object, CompiledCondition[]>();

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
    const tests = preparedFor(cache, prepare, p, ctx.prepared);
    const facts = { customer: ctx.customer, now: ctx.env.now };
    const added: string[] = [];
    const matched: number[] = [];
    p.rules.forEach((r, i) => {
      if (tests[i]?.test(facts) !== true) return;
      matched.push(i);
      for (const t of r.tags) if (!ctx.customer.tags.includes(t) && !added.includes(t)) added.push(t);
    });
    const summary = added.length
      ? text(`加上标签：${added.join('、')}（满足 ${matched.length}/${p.rules.length} 条规则）`, `Added tags: ${added.join(', ')} (${matched.length} of ${p.rules.length} rules matched)`)
      : text(`未加标签（满足 ${matched.length}/${p.rules.length} 条规则）`, `No tags added (${matched.length} of ${p.rules.length} rules matched)`);
    return {
      output: 'next',
      effects: added.length ? [{ kind: 'addTags', tags: added }] : [],
      trace: ctx.explain === false ? { summary } : { summary, detail: { matchedRules: matched, added } },
    };
  },
});
