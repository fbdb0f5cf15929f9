import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from './contact-mask';

describe('maskPhone', () => {
  it('masks a mainland mobile as 3 + **** + 4', () => {
    expect(maskPhone('13800005678')).toBe('138****5678');
    expect(maskPhone('+86 138-0000-5678')).toBe('138****5678');
  });
  it('never shows more than the outer digits of shorter numbers', () => {
    expect(maskPhone('02155667788')).toBe('021****7788');
    expect(maskPhone('5566778')).toBe('55***78');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('12')).toBe('**');
  });
  it('hides every middle digit of long international numbers', () => {
    const masked = maskPhone('+44 20 7946 0958 12') ?? '';
    expect(masked).toMatch(/^442\*+5812$/);
    expect(masked.replace(/\*/g, '').length).toBe(7);
  });
  it('gives null for no phone', () => {
    expect(maskPhone(undefined)).toBeNull();
    expect(maskPhone('')).toBeNull();
  });
});

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('zhang.wei@example.com')).toBe('z***@example.com');
    expect(maskEmail('李娜@例子.cn')).toBe('李***@例子.cn');
  });
  it('never echoes a malformed address', () => {
    expect(maskEmail('not-an-email')).toBe('***');
    expect(maskEmail(null)).toBeNull();
  });
});
