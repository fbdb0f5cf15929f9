import { Type, type Static } from '@sinclair/typebox';

/**
 * The customer as the engine sees it (dates are epoch milliseconds, so the pure core never parses clocks).
 * The data layer maps its mongoose documents to this shape; the designer's field pickers read CUSTOMER_FIELDS.
 */
export const CustomerStatus = Type.Union([
  Type.Literal('new'),
  Type.Literal('assigned'),
  Type.Literal('inPool'),
  Type.Literal('won'),
  Type.Literal('lost'),
]);

export const PreviousOwnerSchema = Type.Object({
  repId: Type.String(),
  /** end of the previous-owner cooldown (epoch ms) */
  cooldownUntil: Type.Number(),
});

export const CustomerSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  company: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  industry: Type.Optional(Type.String()),
  province: Type.Optional(Type.String()),
  city: Type.Optional(Type.String()),
  /** company head-count band: micro | small | medium | large | enterprise */
  size: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  language: Type.Optional(Type.String()),
  productLine: Type.Optional(Type.String()),
  /** estimated deal value, CNY */
  estimatedValue: Type.Optional(Type.Number()),
  /** churn risk 0..1 for existing accounts */
  churnRisk: Type.Optional(Type.Number()),
  tags: Type.Array(Type.String()),
  score: Type.Optional(Type.Number()),
  grade: Type.Optional(Type.String()),
  status: CustomerStatus,
  ownerId: Type.Optional(Type.String()),
  teamId: Type.Optional(Type.String()),
  poolId: Type.Optional(Type.String()),
  collaboratorIds: Type.Array(Type.String()),
  previousOwners: Type.Array(PreviousOwnerSchema),
  /** owner of another customer of the same company (the account owner), if any */
  accountOwnerId: Type.Optional(Type.String()),
  createdAt: Type.Number(),
  assignedAt: Type.Optional(Type.Number()),
  lastFollowUpAt: Type.Optional(Type.Number()),
  /** free-form extra attributes (string, number or boolean values) */
  attributes: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
});
export type Customer = Static<typeof CustomerSchema>;
export type CustomerStatusValue = Static<typeof CustomerStatus>;

export type FieldType = 'string' | 'number' | 'date' | 'stringArray' | 'boolean';

/**
 * The customer fields a flow may test, with their type (for operator lists) and labels.
 * Derived facts (days since …) are computed from `now` by the condition layer.
 */
export const CUSTOMER_FIELDS: Readonly<Record<string, { type: FieldType; zh: string; en: string }>> = {
  name: { type: 'string', zh: '名称', en: 'Name' },
  company: { type: 'string', zh: '公司', en: 'Company' },
  phone: { type: 'string', zh: '电话', en: 'Phone' },
  email: { type: 'string', zh: '邮箱', en: 'Email' },
  industry: { type: 'string', zh: '行业', en: 'Industry' },
  province: { type: 'string', zh: '省份', en: 'Province' },
  city: { type: 'string', zh: '城市', en: 'City' },
  size: { type: 'string', zh: '规模', en: 'Size' },
  source: { type: 'string', zh: '来源', en: 'Source' },
  language: { type: 'string', zh: '语言', en: 'Language' },
  productLine: { type: 'string', zh: '产品线', en: 'Product line' },
  estimatedValue: { type: 'number', zh: '预计金额', en: 'Estimated value' },
  churnRisk: { type: 'number', zh: '流失风险', en: 'Churn risk' },
  tags: { type: 'stringArray', zh: '标签', en: 'Tags' },
  score: { type: 'number', zh: '评分', en: 'Score' },
  grade: { type: 'string', zh: '等级', en: 'Grade' },
  status: { type: 'string', zh: '状态', en: 'Status' },
  ownerId: { type: 'string', zh: '负责人', en: 'Owner' },
  teamId: { type: 'string', zh: '团队', en: 'Team' },
  poolId: { type: 'string', zh: '公海', en: 'Pool' },
  createdAt: { type: 'date', zh: '创建时间', en: 'Created at' },
  assignedAt: { type: 'date', zh: '分配时间', en: 'Assigned at' },
  lastFollowUpAt: { type: 'date', zh: '最近跟进', en: 'Last follow-up' },
  daysSinceCreated: { type: 'number', zh: '创建至今天数', en: 'Days since created' },
  daysSinceAssigned: { type: 'number', zh: '分配至今天数', en: 'Days since assigned' },
  daysSinceLastFollowUp: { type: 'number', zh: '未跟进天数', en: 'Days since last follow-up' },
};
