import { Type } from '@sinclair/typebox';
import { text } from '../../common/localized';
import { defineNode } from '../common/define-node';
import { checkMessage, messageFieldRefs, renderMessage } from '../common/message-template';
import { LocalizedParam, words } from '../common/schema-helpers';

const EscalateParams = Type.Object(
  {
    addManagerAsCollaborator: Type.Boolean({
      default: true,
      ...words({ zh: '主管加为协同人', en: 'Add manager as collaborator', helpZh: '升级时把团队主管加为该客户的协同跟进人。', helpEn: 'Makes the team manager a collaborator on the customer.' }),
    }),
    message: LocalizedParam(text('客户 {{customer.name}} 超时未跟进，负责人 {{owner.name}}', 'Customer {{customer.name}} is overdue for follow-up (owner {{owner.name}})'), {
      zh: '升级说明', en: 'Message',
    }),
  },
  { additionalProperties: false },
);

export const escalateNode = defineNode({
  type: 'escalate',
  version: 1,
  kinds: ['followUp'],
  category: 'notify',
  icon: 'RiseOutlined',
  labels: text('升级主管', 'Escalate'),
  help: text('通知负责人所在团队的主管，可同时把主管加为协同人，然后继续。', 'Tells the owner’s team manager and may add the manager as a collaborator, then goes on.'),
  params: EscalateParams,
  outputs: () => [{ id: 'next', labels: text('下一步', 'Next') }],
  summary: (p, locale) =>
    locale === 'en'
      ? `Escalate to manager${p.addManagerAsCollaborator ? ' + collaborator' : ''}`
      : `升级给主管${p.addManagerAsCollaborator ? '并加为协同人' : ''}`,
  waits: false,
  references: (p) => messageFieldRefs(p.message, '/message'),
  check: (p) => checkMessage(p.message, '/message'),
  step: (p, ctx) => ({
    type: 'continue',
    output: 'next',
    actions: [{
      kind: 'escalate',
      nodeId: ctx.nodeId,
      addManagerAsCollaborator: p.addManagerAsCollaborator,
      message: renderMessage(p.message, { customer: ctx.customer, now: ctx.now }),
    }],
  }),
});
