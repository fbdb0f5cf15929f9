import { describe, expect, it } from 'vitest';
import { text } from '../../common/localized';
import { allocCtx, candidate, makeCustomer, makeEnv, makeRep, stepCtx } from '../common/test-data.fixture';
import { notifyNode } from './notify.node';

const message = text('新客户 {{customer.name}}（{{customer.grade}} 级）已分配给 {{owner.name}}', 'New customer {{ customer.name }} (grade {{customer.grade}}) assigned to {{owner.name}}');
const params = { channels: ['inApp' as const, 'wecom' as const], recipients: ['owner' as const, 'manager' as const, 'reps' as const], repIds: ['ops', 'r1'], message, webhookUrl: 'https://hooks.example.com/x' };

describe('notify node', () => {
  it('sends one effect per channel to the owner, manager and named reps, with placeholders filled', () => {
    const env = makeEnv({ reps: [candidate(makeRep('r1', { name: '王芳' }))], teams: [{ id: 'g', name: 'G', managerRepId: 'm1' }] });
    const r = notifyNode.evaluate(params, allocCtx(makeCustomer({ name: 'Acme', grade: 'A', ownerId: 'r1', teamId: 'g' }), env));
    expect(r.effects).toEqual([
      { kind: 'notify', channel: 'inApp', to: ['r1', 'm1', 'ops'], message: text('新客户 Acme（A 级）已分配给 王芳', 'New customer Acme (grade A) assigned to 王芳'), webhookUrl: 'https://hooks.example.com/x' },
      { kind: 'notify', channel: 'wecom', to: ['r1', 'm1', 'ops'], message: text('新客户 Acme（A 级）已分配给 王芳', 'New customer Acme (grade A) assigned to 王芳'), webhookUrl: 'https://hooks.example.com/x' },
    ]);
  });

  it('in follow-up flows leaves the manager to the workflow', () => {
    const r = notifyNode.step({ ...params, channels: ['inApp'] }, stepCtx({ nodeId: 'nt' }));
    expect(r).toMatchObject({ type: 'continue', output: 'next' });
    expect(r.actions).toEqual([{ kind: 'notify', nodeId: 'nt', channel: 'inApp', to: ['r1', 'ops'], toManager: true, webhookUrl: 'https://hooks.example.com/x', message: expect.any(Object) }]);
  });

  it('reports unknown placeholders and named-reps mode without reps', () => {
    const issues = notifyNode.check?.({ ...params, repIds: [], message: text('{{custmer.name}}', '{{customer.name}} {{owner.phone}}') });
    expect(issues?.map((i) => [i.code, i.pointer])).toEqual([
      ['FLOW_UNKNOWN_PLACEHOLDER', '/message/zh-CN'],
      ['FLOW_UNKNOWN_PLACEHOLDER', '/message/en'],
      ['FLOW_NOTIFY_NO_REPS', '/repIds'],
    ]);
  });

  it('refers to named reps and to the fields its message reads', () => {
    expect(notifyNode.references(params)).toEqual([
      { kind: 'rep', id: 'ops', pointer: '/repIds/0' },
      { kind: 'rep', id: 'r1', pointer: '/repIds/1' },
      { kind: 'field', name: 'name', pointer: '/message/zh-CN' },
      { kind: 'field', name: 'grade', pointer: '/message/zh-CN' },
      { kind: 'field', name: 'name', pointer: '/message/en' },
      { kind: 'field', name: 'grade', pointer: '/message/en' },
    ]);
  });
});
