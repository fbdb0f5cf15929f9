import { Type, type Static } from '@sinclair/typebox';
import { text, type LocalizedText } from '../../common/localized';
import type { AllocationStepResult, ParamIssue } from '../node-definition';
import type { FactReader } from '../../conditions';
import { factReader, readCustomerField } from '../common/customer-field';
import { defineNode } from '../common/define-node';
import { fixedStep } from '../common/fixed-step';
import { fieldWords } from '../common/describe-condition';
import { preparedFor } from '../common/prepared';
import { IdString, words } from '../common/schema-helpers';

const CaseValue = Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]);

const SwitchCase = Type.Object(
  {
    key: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', ...words({ zh: '出口标识', en: 'Output key', helpZh: '字母、数字、_ 或 -，不能是 default。', helpEn: 'Letters, digits, _ or -; not "default".' }) }),
    label: Type.String({ minLength: 1, maxLength: 60, ...words({ zh: '名称', en: 'Label' }) }),
    values: Type.Array(CaseValue, { minItems: 1, maxItems: 200, ...words({ zh: '取值', en: 'Values', helpZh: '字段等于其中任一值时走此出口。', helpEn: 'The case is taken when the field equals any of these values.' }) }),
  },
  { additionalProperties: false },
);

const SwitchParams = Type.Object(
  {
    field: IdString('field', { default: 'grade', ...words({ zh: '字段', en: 'Field', helpZh: '按此客户字段的值分流。', helpEn: 'The customer field whose value picks the output.' }) }),
    cases: Type.Array(SwitchCase, {
      maxItems: 50,
      default: [
        { key: 'A', label: 'A', values: ['A'] },
        { key: 'B', label: 'B', values: ['B'] },
      ],
      ...words({ zh: '分支', en: 'Cases', helpZh: '按顺序匹配，第一个命中的分支生效；都不命中走“其他”。', helpEn: 'Tried in order; the first match wins; none → "default".' }),
    }),
  },
  { additionalProperties: false },
);
type Params = Static<typeof SwitchParams>;

interface Prepared {
  /** stringified value → case index (first case wins) */
  lookup: Map<string, number>;
  /** the same, per value type, so a decision looks a value up without building a key */
  byString: Map<string, number>;
  byNumber: Map<number, number>;
  byBoolean: Map<boolean, number>;
  summaries: LocalizedText[];
  defaultSummary: LocalizedText;
  /** the field's reader, looked up once (null for a name that is not a valid fact: the value is then undefined) */
  read: FactReader | null;
  /** per case, then the default: the results without trace detail, shared by every run */
  steps: AllocationStepResult[];
}

const keyOf = (v: unknown): string => `${typeof v}:${String(v)}`;

const prepare = (p: Params): Prepared => {
  const lookup = new Map<string, number>();
  const byString = new Map<string, number>();
  const byNumber = new Map<number, number>();
  const byBoolean = new Map<boolean, number>();
  p.cases.forEach((c, i) => c.values.forEach((v) => {
    if (lookup.has(keyOf(v))) return;
    lookup.set(keyOf(v), i);
    if (typeof v === 'string') byString.set(v, i);
    else if (typeof v === 'number') byNumber.set(v, i);
    else byBoolean.set(v, i);
  }));
  const zhField = fieldWords(p.field, 'zh-CN');
  const enField = fieldWords(p.field, 'en');
  const summaries = p.cases.map((c) => text(`${zhField} 命中分支“${c.label}”`, `${enField} matched case "${c.label}"`));
  const defaultSummary = text(`${zhField} 未命中任何分支，走“其他”`, `${enField} matched no case: default`);
  return {
    lookup,
    byString,
    byNumber,
    byBoolean,
    summaries,
    defaultSummary,
    read: factReader(p.field),
    steps: [...p.cases.map((c, i) => fixedStep(c.key, summaries[i] ?? defaultSummary)), fixedStep('default', defaultSummary)],
  };
};
const cache = new WeakMap<object, Prepared>();

/** The index of the first case whose values contain the field's value (any element, for array fields). */
function lookupOne(pr: Prepared, v: unknown): number | undefined {
  if (typeof v === 'string') return pr.byString.get(v);
  if (typeof v === 'number') return pr.byNumber.get(v);
  if (typeof v === 'boolean') return pr.byBoolean.get(v);
  return undefined;
}

function pick(pr: Prepared, value: unknown): number | undefined {
  if (!Array.isArray(value)) return lookupOne(pr, value);
  let best: number | undefined;
  for (const v of value) {
    const i = lookupOne(pr, v);
    if (i !== undefined && (best === undefined || i < best)) best = i;
  }
  return best;
}

function route(p: Params, prepared: unknown, value: unknown): { output: string; summary: LocalizedText } {
  const pr = preparedFor(cache, prepare, p, prepared);
  const i = pick(pr, value);
  const c = i === undefined ? undefined : p.cases[i];
  return c && i !== undefined ? { output: c.key, summary: pr.summaries[i] ?? pr.defaultSummary } : { output: 'default', summary: pr.defaultSummary };
}

function check(p: Params): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const seen = new Set<string>();
  p.cases.forEach((c, i) => {
    if (c.key === 'default') {
      issues.push({ code: 'FLOW_SWITCH_RESERVED_KEY', pointer: `/cases/${i}/key`, message: text('分支标识不能为 "default"（它是“其他”出口），请换一个。', 'A case key cannot be "default" (that is the fallback output); choose another key.') });
    } else if (seen.has(c.key)) {
      issues.push({ code: 'FLOW_SWITCH_DUPLICATE_KEY', pointer: `/cases/${i}/key`, message: text(`分支标识 "${c.key}" 重复，请让每个分支的标识唯一。`, `Case key "${c.key}" is used twice; give every case its own key.`) });
    }
    seen.add(c.key);
  });
  return issues;
}

export const switchNode = defineNode({
  type: 'switch',
  version: 1,
  kinds: ['allocation', 'followUp'],
  category: 'logic',
  icon: 'ForkOutlined',
  labels: text('多路分流', 'Switch'),
  help: text(
    '按客户某个字段的值（等级、省份、来源等）分流：每个分支一个出口，都不命中走“其他”。',
    'Routes by the value of a customer field (grade, province, source …): one output per case, and "default" when none matches.',
  ),
  params: SwitchParams,
  outputs: (p) => [
    ...p.cases.map((c) => ({ id: c.key, labels: text(c.label, c.label) })),
    { id: 'default', labels: text('其他', 'Default') },
  ],
  outputsDependOnParams: true,
  summary: (p, locale) => {
    const field = fieldWords(p.field, locale);
    const cases = p.cases.map((c) => c.label).join(' / ');
    return locale === 'en' ? `By ${field}: ${cases || '—'}` : `按${field}：${cases || '—'}`;
  },
  waits: false,
  references: (p) => [{ kind: 'field', name: p.field, pointer: '/field' }],
  check,
  prepare,
  evaluate: (p, ctx) => {
    const pr = preparedFor(cache, prepare, p, ctx.prepared);
    const value = pr.read ? pr.read(ctx.facts ?? { customer: ctx.customer, now: ctx.env.now }) : undefined;
    if (ctx.explain === false) {
      const i = pick(pr, value);
      return (i !== undefined && p.cases[i] ? pr.steps[i] : pr.steps[p.cases.length]) as AllocationStepResult;
    }
    const r = route(p, pr, value);
    return { output: r.output, effects: [], trace: { summary: r.summary, detail: { field: p.field, value } } };
  },
  step: (p, ctx) => ({ type: 'continue', output: route(p, ctx.prepared, readCustomerField(ctx.customer, p.field, ctx.now)).output, actions: [] }),
});
