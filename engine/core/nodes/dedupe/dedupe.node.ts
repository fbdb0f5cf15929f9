import { Type, type Static } from '@sinclair/typebox';
import { text, type LocalizedText } from '../../common/localized';
import type { ExistingCustomerRef } from '../node-definition';
import { defineNode } from '../common/define-node';
import { Option, words } from '../common/schema-helpers';
import { normaliseKey, type MatchField } from './match-keys';

const FIELD_WORDS: Readonly<Record<MatchField, LocalizedText>> = {
  phone: text('电话', 'phone'),
  email: text('邮箱', 'email'),
  company: text('公司', 'company'),
};

const DedupeParams = Type.Object(
  {
    matchBy: Type.Array(
      Type.Union([Option('phone', '电话', 'Phone'), Option('email', '邮箱', 'Email'), Option('company', '公司', 'Company')]),
      {
        minItems: 1,
        maxItems: 3,
        uniqueItems: true,
        default: ['phone', 'email'],
        ...words({ zh: '查重依据', en: 'Match by', helpZh: '任一依据相同即视为重复，按所列顺序优先。', helpEn: 'Any one equal key makes a duplicate; earlier keys take precedence.' }),
      },
    ),
  },
  { additionalProperties: false },
);
type Params = Static<typeof DedupeParams>;

interface Match { existing: ExistingCustomerRef; by: MatchField }

/** The existing customer the incoming one duplicates: first key in `matchBy` order, owned customers first. */
export function findDuplicate(p: Params, incoming: Partial<Record<MatchField, string>> & { id: string }, existing: ExistingCustomerRef[]): Match | undefined {
  for (const by of p.matchBy) {
    const key = normaliseKey(by, incoming[by]);
    if (key === undefined) continue;
    let found: ExistingCustomerRef | undefined;
    for (const e of existing) {
      if (e.id === incoming.id || normaliseKey(by, e[by]) !== key) continue;
      if (!found || (!found.ownerId && e.ownerId)) found = e;
      if (found.ownerId) break;
    }
    if (found) return { existing: found, by };
  }
  return undefined;
}

export const dedupeNode = defineNode({
  type: 'dedupe',
  version: 1,
  kinds: ['allocation'],
  category: 'data',
  icon: 'CopyOutlined',
  labels: text('查重', 'Dedupe'),
  help: text(
    '按电话、邮箱或公司匹配已有客户：重复的客户保留原负责人，走“重复”；否则走“新客户”。',
    'Matches existing customers by phone, email or company: a duplicate keeps its owner and takes "duplicate"; otherwise "new".',
  ),
  params: DedupeParams,
  outputs: () => [
    { id: 'new', labels: text('新客户', 'New') },
    { id: 'duplicate', labels: text('重复', 'Duplicate') },
  ],
  summary: (p, locale) => {
    const keys = p.matchBy.map((m) => FIELD_WORDS[m][locale]).join(locale === 'en' ? ', ' : '、');
    return locale === 'en' ? `Match by ${keys}` : `按${keys}查重`;
  },
  waits: false,
  references: () => [],
  evaluate: (p, ctx) => {
    const m = findDuplicate(p, ctx.customer, ctx.env.existing);
    if (!m) {
      return { output: 'new', effects: [], trace: { summary: text('未发现重复客户', 'No existing customer matches') } };
    }
    const e = m.existing;
    const by = FIELD_WORDS[m.by];
    const owner = e.ownerId ? text(`，保留负责人 ${e.ownerId}`, `; keeps owner ${e.ownerId}`) : text('，该客户暂无负责人', '; it has no owner');
    return {
      output: 'duplicate',
      effects: [{ kind: 'duplicate', existingId: e.id, ...(e.ownerId ? { ownerId: e.ownerId } : {}) }],
      trace: {
        summary: text(`与已有客户“${e.name}”${by['zh-CN']}相同${owner['zh-CN']}`, `Same ${by.en} as existing customer "${e.name}"${owner.en}`),
        ...(ctx.explain === false ? {} : { detail: { existingId: e.id, matchedBy: m.by, ownerId: e.ownerId ?? null } }),
      },
    };
  },
});
