import { Type } from '@sinclair/typebox';
import { text } from '../../common/localized';
import { defineNode } from '../common/define-node';
import { checkMessage, messageFieldRefs, renderMessage } from '../common/message-template';
import { IdString, LocalizedParam, words } from '../common/schema-helpers';

const ReclaimParams = Type.Object(
  {
    poolId: IdString('pool', { default: 'default', ...words({ zh: '回收到公海', en: 'Pool' }) }),
    reason: LocalizedParam(text('超时未跟进，回收到公海', 'No follow-up in time; reclaimed to the pool'), { zh: '回收原因', en: 'Reason' }),
    cooldownDays: Type.Integer({
      minimum: 0, maximum: 365, default: 30,
      ...words({ zh: '前负责人冷却天数', en: 'Previous-owner cooldown (days)', helpZh: '原负责人在此天数内不能再领取或被分配该客户。', helpEn: 'The previous owner cannot take the customer back for this many days.' }),
    }),
  },
  { additionalProperties: false },
);

export const reclaimNode = defineNode({
  type: 'reclaim',
  version: 1,
  kinds: ['followUp'],
  category: 'pool',
  icon: 'RollbackOutlined',
  labels: text('回收到公海', 'Reclaim'),
  help: text('把客户收回到公海并记录原因；原负责人在冷却期内不能再拿回。', 'Returns the customer to a pool with the reason recorded; the previous owner cannot take it back during the cooldown.'),
  params: ReclaimParams,
  outputs: () => [{ id: 'next', labels: text('下一步', 'Next') }],
  summary: (p, locale) =>
    locale === 'en' ? `Reclaim to ${p.poolId} · cooldown ${p.cooldownDays} d` : `回收到 ${p.poolId} · 冷却 ${p.cooldownDays} 天`,
  waits: false,
  references: (p) => [{ kind: 'pool', id: p.poolId, pointer: '/poolId' }, ...messageFieldRefs(p.reason, '/reason')],
  check: (p) => checkMessage(p.reason, '/reason'),
  step: (p, ctx) => ({
    type: 'continue',
    output: 'next',
    actions: [{
      kind: 'reclaim',
      nodeId: ctx.nodeId,
      poolId: p.poolId,
      reason: renderMessage(p.reason, { customer: ctx.customer, now: ctx.now }),
      cooldownDays: p.cooldownDays,
    }],
  }),
});
