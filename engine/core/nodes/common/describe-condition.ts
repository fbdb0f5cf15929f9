import type { Locale } from '../../common/localized';
import type { Condition, LeafCondition } from '../../conditions/condition.schema';
import { describeFact } from '../../conditions';

const OP_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  equal: { zh: '等于', en: '=' },
  notEqual: { zh: '不等于', en: '≠' },
  in: { zh: '属于', en: 'in' },
  notIn: { zh: '不属于', en: 'not in' },
  contains: { zh: '包含', en: 'contains' },
  doesNotContain: { zh: '不包含', en: 'does not contain' },
  lessThan: { zh: '<', en: '<' },
  lessThanInclusive: { zh: '≤', en: '≤' },
  greaterThan: { zh: '>', en: '>' },
  greaterThanInclusive: { zh: '≥', en: '≥' },
  between: { zh: '介于', en: 'between' },
  startsWith: { zh: '开头为', en: 'starts with' },
  endsWith: { zh: '结尾为', en: 'ends with' },
  matches: { zh: '匹配', en: 'matches' },
  exists: { zh: '存在', en: 'exists' },
};

/** A field's words from the fact catalog ("Industry", "Rep regions", "Attribute budget"); the name itself if unknown. */
export function fieldWords(fact: string, locale: Locale): string {
  return describeFact(fact)?.labels[locale] ?? fact;
}

function valueWords(value: unknown): string {
  if (Array.isArray(value)) return `[${value.slice(0, 5).map(valueWords).join(', ')}${value.length > 5 ? ', …' : ''}]`;
  if (value !== null && typeof value === 'object' && 'fact' in value) return String((value as { fact: unknown }).fact);
  const s = String(value);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function leafWords(leaf: LeafCondition, locale: Locale): string {
  const op = OP_WORDS[leaf.operator];
  const opWord = op ? (locale === 'en' ? op.en : op.zh) : leaf.operator;
  const field = fieldWords(leaf.fact, locale) + (leaf.path ? leaf.path : '');
  if (leaf.operator === 'exists') return `${field} ${leaf.value === false ? (locale === 'en' ? 'is missing' : '不存在') : opWord}`;
  return `${field} ${opWord} ${valueWords(leaf.value)}`;
}

/**
 * Short words for a node card: "Industry = finance and Estimated value ≥ 100000". Bounded: at most `budget`
 * leaves and depth 6 are spelled out; the rest become "…".
 */
export function describeCondition(cond: Condition | undefined, locale: Locale, depth = 0): string {
  if (!cond || typeof cond !== 'object') return '';
  if (depth > 6) return '…';
  const joinAll = locale === 'en' ? ' and ' : ' 且 ';
  const joinAny = locale === 'en' ? ' or ' : ' 或 ';
  const group = (items: Condition[], join: string, emptyWord: string): string => {
    if (items.length === 0) return emptyWord;
    const parts = items.slice(0, 3).map((c) => describeCondition(c, locale, depth + 1));
    if (items.length > 3) parts.push('…');
    const s = parts.join(join);
    return depth > 0 && items.length > 1 ? `(${s})` : s;
  };
  if ('all' in cond) return group(cond.all, joinAll, locale === 'en' ? 'always' : '总是');
  if ('any' in cond) return group(cond.any, joinAny, locale === 'en' ? 'always' : '总是');
  if ('not' in cond) return `${locale === 'en' ? 'not ' : '非 '}${describeCondition(cond.not, locale, depth + 1)}`;
  return leafWords(cond, locale);
}
