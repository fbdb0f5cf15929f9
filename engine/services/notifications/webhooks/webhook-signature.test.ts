import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingtalkSign, dingtalkSignedUrl, signGeneric, verifyGeneric } from './webhook-signature';

describe('generic signature', () => {
  it('is HMAC-SHA256 over "timestamp.body" in hex, prefixed sha256=', () => {
    const sig = signGeneric('s3cret', 1_700_000_000, '{"a":1}');
    expect(sig).toBe(`sha256=${createHmac('sha256', 's3cret').update('1700000000.{"a":1}').digest('hex')}`);
    expect(verifyGeneric('s3cret', 1_700_000_000, '{"a":1}', sig)).toBe(true);
    expect(verifyGeneric('s3cret', 1_700_000_001, '{"a":1}', sig)).toBe(false);
    expect(verifyGeneric('other', 1_700_000_000, '{"a":1}', sig)).toBe(false);
  });
});

describe('DingTalk signed-secret mode', () => {
  it('signs "timestamp\\nsecret" with the secret, base64', () => {
    const want = createHmac('sha256', 'SECabc').update('1577808000000\nSECabc').digest('base64');
    expect(dingtalkSign('SECabc', 1_577_808_000_000)).toBe(want);
  });

  it('appends timestamp and the URL-encoded sign to the robot URL', () => {
    const secret = 'SEC0123456789abcdef';
    const ts = 1_700_000_000_123;
    const url = dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=tok', secret, ts);
    const sign = dingtalkSign(secret, ts);
    expect(url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=tok&timestamp=${ts}&sign=${encodeURIComponent(sign)}`);
    expect(new URL(url).searchParams.get('sign')).toBe(sign);
  });
});
