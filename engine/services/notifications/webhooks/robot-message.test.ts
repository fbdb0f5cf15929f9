import { describe, expect, it } from 'vitest';
import { text } from '../../../core/common/localized';
import { dingtalkBody, wecomBody, type DeliveryPayload } from './robot-message';
import { acceptedBy, buildRequest } from './webhook-request.builder';

const payload: DeliveryPayload = {
  id: 'dlv_1',
  event: 'customer.assigned',
  occurredAt: '2026-01-01T00:00:00.000Z',
  data: { customerName: '上海某某科技 <@all>', ownerName: '李娜', grade: 'A' },
};

describe('robot messages', () => {
  it('WeCom: markdown content with the event name and facts, mentions neutralised', () => {
    const body = JSON.parse(wecomBody(payload, 'zh-CN')) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(Object.keys(body)).toEqual(['msgtype', 'markdown']);
    expect(body.markdown.content).toContain('**客户已分配**');
    expect(body.markdown.content).toContain('负责人: 李娜');
    expect(body.markdown.content).not.toContain('<@all>');
  });

  it('DingTalk: markdown with title and text; the emitter message wins over the facts', () => {
    const withMessage = { ...payload, message: { title: text('客户升级', 'Escalated'), body: text('请尽快处理', 'Please act') } };
    const body = JSON.parse(dingtalkBody(withMessage, 'en')) as { msgtype: string; markdown: { title: string; text: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('Escalated');
    expect(body.markdown.text).toContain('#### Escalated');
    expect(body.markdown.text).toContain('Please act');
  });

  it('caps WeCom content at 4096 bytes', () => {
    const long = { ...payload, message: { title: text('长', 'long'), body: text('字'.repeat(5000), 'x') } };
    const body = JSON.parse(wecomBody(long, 'zh-CN')) as { markdown: { content: string } };
    expect(Buffer.byteLength(body.markdown.content)).toBeLessThanOrEqual(4096);
  });
});

describe('buildRequest', () => {
  it('generic requests carry event, delivery id, timestamp (s) and signature headers', () => {
    const r = buildRequest({ kind: 'generic', url: 'http://127.0.0.1:9/x', secret: 'k', locale: 'zh-CN' }, payload, 2, 1_700_000_000_999);
    expect(r.headers['x-allot-timestamp']).toBe('1700000000');
    expect(r.headers['x-allot-event']).toBe('customer.assigned');
    expect(r.headers['x-allot-delivery']).toBe('dlv_1');
    expect(r.headers['x-allot-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(r.body)).toEqual(payload);
  });

  it('DingTalk without a secret posts to the URL as given', () => {
    const r = buildRequest({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', locale: 'zh-CN' }, payload, 1, 5);
    expect(r.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=t');
  });
});

describe('acceptedBy', () => {
  it('needs a 2xx, and errcode 0 from robots', () => {
    expect(acceptedBy('generic', 204, '')).toEqual({ ok: true });
    expect(acceptedBy('generic', 500, '')).toEqual({ ok: false, error: 'HTTP 500' });
    expect(acceptedBy('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({ ok: false, error: 'errcode 310000: sign not match' });
    expect(acceptedBy('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
  });
});
