import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Condition } from './condition.schema';
import { compileCondition } from './condition-compiler';
import { ConditionExplanationSchema, type ConditionExplanation } from './condition-explanation';
import type { FactContext } from './fact-context';

const NOW = 1_750_000_000_000;
const ctx = {
  customer: { industry: 'retail', province: '浙江', estimatedValue: 2e5, tags: ['vip'], attributes: {}, createdAt: NOW - 3 * 86_400_000 },
  rep: { industries: ['saas'], regions: ['浙江'] },
  now: NOW,
} as unknown as FactContext;
const validate = new Ajv({ strict: false }).compile(ConditionExplanationSchema);

const cond: Condition = {
  all: [
    { fact: 'industry', operator: 'equal', value: 'saas' },
    { fact: 'rep.regions', operator: 'contains', value: { fact: 'province' } },
    { not: { fact: 'grade', operator: 'exists', value: true } },
    { any: [{ fact: 'daysSinceCreated', operator: 'between', value: [0, 7] }, { fact: 'tags', operator: 'contains', value: 'x' }] },
  ],
};

describe('explain', () => {
  const e = compileCondition(cond).explain(ctx);
  it('returns the tree with every leaf, its fact value and its result', () => {
    expect(e).toMatchObject({
      kind: 'all',
      result: false,
      children: [
        { kind: 'leaf', fact: 'industry', operator: 'equal', value: 'saas', factValue: 'retail', result: false },
        { kind: 'leaf', fact: 'rep.regions', value: { fact: 'province' }, valueResult: '浙江', factValue: ['浙江'], result: true },
        { kind: 'not', result: true, child: { kind: 'leaf', fact: 'grade', factValue: undefined, result: false } },
        { kind: 'any', result: true, children: [{ factValue: 3, result: true }, { result: false }] },
      ],
    });
    expect(validate(JSON.parse(JSON.stringify(e)))).toBe(true);
  });
  it('agrees with test, and does not short-circuit', () => {
    expect(compileCondition(cond).test(ctx)).toBe(e.result);
    const leaves: ConditionExplanation[] = [];
    const walk = (x: ConditionExplanation): void => {
      if (x.kind === 'leaf') leaves.push(x);
      else if (x.kind === 'not') walk(x.child);
      else x.children.forEach(walk);
    };
    walk(e);
    expect(leaves).toHaveLength(5);
  });
  it('summarises in one line per language, naming the deciding leaf', () => {
    expect(e.summary.en).toBe('all of 4 (3 true) → false; failed: Industry equals "saas": was "retail" → false');
    expect(e.summary['zh-CN']).toBe('全部满足（3/4 项成立）→ 不成立；不成立项：行业 等于 "saas"：实际为 "retail" → 不成立');
    for (const s of [e.summary.en, e.summary['zh-CN']]) expect(s).not.toContain('\n');
  });
  it('words references, missing values, exists and not', () => {
    if (e.kind !== 'all') throw new Error('shape');
    expect(e.children[1]?.summary.en).toBe('Rep regions contains Province ("浙江"): was ["浙江"] → true');
    expect(e.children[2]?.summary.en).toBe('not [Grade exists: was (missing) → false] → true');
    expect(e.children[2]?.summary['zh-CN']).toBe('非［等级 存在：实际为 （无） → 不成立］→ 成立');
    expect(e.children[3]?.summary.en).toMatch(/^any of 2 \(1 true\) → true; matched: Days since created is between \[0,7\]: was 3 → true$/);
  });
  it('words empty groups and attributes', () => {
    expect(compileCondition({ any: [] }).explain(ctx).summary.en).toBe('any of an empty group (counts as true) → true');
    const attr = compileCondition({ fact: 'attributes.渠道', operator: 'in', value: ['ads', 'seo'] }).explain(ctx);
    expect(attr.summary.en).toBe('Attribute 渠道 is one of ["ads","seo"]: was (missing) → false');
    expect(attr.summary['zh-CN']).toBe('自定义属性 渠道 属于 ["ads","seo"]：实际为 （无） → 不成立');
  });
  it('shortens long values', () => {
    const long = { ...ctx, customer: { ...ctx.customer, name: 'x'.repeat(500) } } as FactContext;
    const s = compileCondition({ fact: 'name', operator: 'startsWith', value: 'y' }).explain(long).summary.en;
    expect(s.length).toBeLessThan(150);
    expect(s).toContain('…');
  });
});
