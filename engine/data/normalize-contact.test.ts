import { describe, expect, it } from 'vitest';
import { normalizeCompany, normalizeEmail, normalizePhone } from './normalize-contact';

describe('dedupe keys', () => {
  it('folds phone numbers to digits without the mainland prefix', () => {
    for (const p of ['+86 138-0013-8000', '0086 13800138000', '86 138 0013 8000', '(138) 0013 8000', '１３８００１３８０００']) {
      expect(normalizePhone(p), p).toBe('13800138000');
    }
    expect(normalizePhone('021-6234 5678')).toBe('02162345678');
    expect(normalizePhone('n/a')).toBeUndefined();
  });

  it('lower-cases e-mail and refuses what has no @', () => {
    expect(normalizeEmail('  Amy.Chen@Example.COM ')).toBe('amy.chen@example.com');
    expect(normalizeEmail('nobody')).toBeUndefined();
  });

  it('folds case, width, punctuation and legal-form suffixes of company names', () => {
    expect(normalizeCompany('ACME Co., Ltd.')).toBe('acme');
    expect(normalizeCompany('Acme Ltd')).toBe('acme');
    expect(normalizeCompany('acme inc.')).toBe('acme');
    expect(normalizeCompany('杭州云帆科技有限公司')).toBe('杭州云帆科技');
    expect(normalizeCompany('杭州云帆科技股份有限公司')).toBe('杭州云帆科技');
    expect(normalizeCompany('Ｂｌｕｅ  Harbor Group')).toBe('blueharbor');
    // a suffix word only counts as a whole word, and a name is never folded to nothing
    expect(normalizeCompany('Taco')).toBe('taco');
    expect(normalizeCompany('Limited')).toBe('limited');
    expect(normalizeCompany(' ,. ')).toBeUndefined();
  });
});
