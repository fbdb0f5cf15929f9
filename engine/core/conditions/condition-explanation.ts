import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LocalizedTextSchema, text, type LocalizedText } from '../common/localized';
import { describeFact } from './fact-catalog';
import type { OperatorDefinition } from './operators/operator-definition';

const LeafExplanationSchema = Type.Object({
  kind: Type.Literal('leaf'),
  fact: Type.String(),
  path: Type.Optional(Type.String()),
  operator: Type.String(),
  /** the value as written: a literal or a fact reference `{ fact, path? }` */
  value: Type.Unknown(),
  /** the referenced fact's value, when `value` is a fact reference */
  valueResult: Type.Optional(Type.Unknown()),
  /** the fact's value in this context (absent when missing) */
  factValue: Type.Optional(Type.Unknown()),
  result: Type.Boolean(),
  summary: LocalizedTextSchema,
});
export type LeafExplanation = Static<typeof LeafExplanationSchema>;

/** A condition evaluated against one context, for decision traces: every leaf with its fact value and result. */
export const ConditionExplanationSchema = Type.Recursive(
  (Self: TSchema) =>
    Type.Union([
      Type.Object({
        kind: Type.Union([Type.Literal('all'), Type.Literal('any')]),
        result: Type.Boolean(),
        summary: LocalizedTextSchema,
        children: Type.Array(Self),
      }),
      Type.Object({ kind: Type.Literal('not'), result: Type.Boolean(), summary: LocalizedTextSchema, child: Self }),
      LeafExplanationSchema,
    ]),
  { $id: 'ConditionExplanation' },
);
export type ConditionExplanation =
  | { kind: 'all' | 'any'; result: boolean; summary: LocalizedText; children: ConditionExplanation[] }
  | { kind: 'not'; result: boolean; summary: LocalizedText; child: ConditionExplanation }
  | LeafExplanation;

const MAX_SHOWN = 60;

/** A value as a short phrase; `none` for a missing value. */
export function showValue(v: unknown, none: string): string {
  if (v === undefined) return none;
  let s: string;
  try {
    s = typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    s = Object.prototype.toString.call(v);
  }
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s;
}

const verdict = (ok: boolean): LocalizedText => (ok ? text('成立', 'true') : text('不成立', 'false'));

function factWords(fact: string, path: string | undefined): LocalizedText {
  const labels = describeFact(fact)?.labels ?? text(fact, fact);
  const suffix = path ? ` ${path}` : '';
  return text(labels['zh-CN'] + suffix, labels.en + suffix);
}

export interface LeafParts {
  fact: string;
  path?: string;
  op: OperatorDefinition;
  value: unknown;
  ref?: { fact: string; path?: string };
  factValue: unknown;
  valueResult: unknown;
  result: boolean;
}

/** One line: `Industry equals "SaaS": was "Retail" → false`. */
export function leafSummary(p: LeafParts): LocalizedText {
  const f = factWords(p.fact, p.path);
  const ok = verdict(p.result);
  const wasZh = showValue(p.factValue, '（无）');
  const wasEn = showValue(p.factValue, '(missing)');
  if (p.op.name === 'exists') {
    const zh = p.value === true ? '存在' : '不存在';
    const en = p.value === true ? 'exists' : 'is missing';
    return text(`${f['zh-CN']} ${zh}：实际为 ${wasZh} → ${ok['zh-CN']}`, `${f.en} ${en}: was ${wasEn} → ${ok.en}`);
  }
  let vZh: string;
  let vEn: string;
  if (p.ref) {
    const r = factWords(p.ref.fact, p.ref.path);
    vZh = `${r['zh-CN']}（${showValue(p.valueResult, '无')}）`;
    vEn = `${r.en} (${showValue(p.valueResult, 'missing')})`;
  } else {
    vZh = showValue(p.value, '（无）');
    vEn = showValue(p.value, '(missing)');
  }
  return text(
    `${f['zh-CN']} ${p.op.labels['zh-CN']} ${vZh}：实际为 ${wasZh} → ${ok['zh-CN']}`,
    `${f.en} ${p.op.labels.en} ${vEn}: was ${wasEn} → ${ok.en}`,
  );
}

/** One line for a group, naming the child that decided it (the first false under all, the first true under any). */
export function groupSummary(kind: 'all' | 'any', children: readonly ConditionExplanation[], result: boolean): LocalizedText {
  const n = children.length;
  const ok = verdict(result);
  const headZh = kind === 'all' ? '全部满足' : '任一满足';
  const headEn = kind === 'all' ? 'all of' : 'any of';
  if (n === 0) {
    return text(`${headZh}（空组，视为成立）→ ${ok['zh-CN']}`, `${headEn} an empty group (counts as true) → ${ok.en}`);
  }
  const k = children.filter((c) => c.result).length;
  const decisive = kind === 'all' ? (result ? undefined : children.find((c) => !c.result)) : result ? children.find((c) => c.result) : undefined;
  const tailZh = decisive ? `；${result ? '成立项' : '不成立项'}：${decisive.summary['zh-CN']}` : '';
  const tailEn = decisive ? `; ${result ? 'matched' : 'failed'}: ${decisive.summary.en}` : '';
  return text(`${headZh}（${k}/${n} 项成立）→ ${ok['zh-CN']}${tailZh}`, `${headEn} ${n} (${k} true) → ${ok.en}${tailEn}`);
}

export function notSummary(child: ConditionExplanation, result: boolean): LocalizedText {
  const ok = verdict(result);
  return text(`非［${child.summary['zh-CN']}］→ ${ok['zh-CN']}`, `not [${child.summary.en}] → ${ok.en}`);
}
