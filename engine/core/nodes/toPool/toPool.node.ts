import { Type, type Static } from '@sinclair/typebox';
import { text } from '../../common/localized';
import { defineNode } from '../common/define-node';
import { checkMessage, messageFieldRefs, renderMessage } from '../common/message-template';
import { IdString, LocalizedParam, words } from '../common/schema-helpers';

const ToPoolParams = Type.Object(
  {
    poolId: IdString('pool', { default: 'default', ...words({ zh: '公海', en: 'Pool' }) }),
    reason: LocalizedParam(text('无人可分，进入公海', 'No eligible rep; moved to the pool'), { zh: '原因', en: 'Reason', helpZh: '记录在分配记录中。', helpEn: 'Recorded in the assignment event.' }),
  },
  { additionalProperties: false },
);
type Params = Static<typeof ToPoolParams>;

export const toPoolNode = defineNode({
  type: 'toPool',
  version: 1,
  kinds: ['allocation'],
  category: 'pool',
  icon: 'InboxOutlined',
  labels: text('放入公海', 'To pool'),
  help: text('把客户放入指定公海，销售可按公海规则领取；原因记入分配记录。', 'Puts the customer in a named public pool, where reps may claim it under the pool’s rules; the reason goes into the assignment event.'),
  params: ToPoolParams,
  outputs: () => [{ id: 'next', labels: text('下一步', 'Next') }],
  summary: (p: Params, locale) => (locale === 'en' ? `To pool ${p.poolId}: ${p.reason.en}` : `放入公海 ${p.poolId}：${p.reason['zh-CN']}`),
  waits: false,
  references: (p) => [{ kind: 'pool', id: p.poolId, pointer: '/poolId' }, ...messageFieldRefs(p.reason, '/reason')],
  check: (p) => checkMessage(p.reason, '/reason'),
  evaluate: (p, ctx) => {
    const reason = renderMessage(p.reason, { customer: ctx.customer, now: ctx.env.now });
    return {
      output: 'next',
      effects: [{ kind: 'toPool', poolId: p.poolId, reason }],
      trace: { summary: text(`放入公海 ${p.poolId}：${reason['zh-CN']}`, `Moved to pool ${p.poolId}: ${reason.en}`) },
    };
  },
});
