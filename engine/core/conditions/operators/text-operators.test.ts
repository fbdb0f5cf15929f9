import { describe, expect, it } from 'vitest';
import { OPERATOR_REGISTRY } from './operator.registry';

const { startsWith, endsWith, matches, exists } = OPERATOR_REGISTRY;

describe('startsWith / endsWith', () => {
  it('test text, case-sensitively', () => {
    expect(startsWith.prepare('张')('张三')).toBe(true);
    expect(startsWith.prepare('Acme')('acme ltd')).toBe(false);
    expect(endsWith.prepare('@qq.com')('x@qq.com')).toBe(true);
    expect(endsWith.prepare('')('anything')).toBe(true);
  });
  it('are false for anything but text', () => {
    for (const fact of [undefined, null, 12, ['ab'], { a: 1 }, true]) {
      expect(startsWith.prepare('a')(fact)).toBe(false);
      expect(endsWith.prepare('b')(fact)).toBe(false);
    }
    expect(startsWith.evaluate('ab', 1)).toBe(false);
    expect(endsWith.evaluate('ab', undefined)).toBe(false);
  });
  it('need a text value', () => {
    expect(startsWith.checkValue(1)?.code).toBe('CONDITION_BAD_VALUE');
    expect(endsWith.checkValue('ok')).toBeUndefined();
  });
});

describe('matches', () => {
  it('tests text against the pattern; i ignores case', () => {
    expect(matches.prepare('^1[3-9]\\d{9}$')('13812345678')).toBe(true);
    expect(matches.prepare('^1[3-9]\\d{9}$')('1381234567')).toBe(false);
    expect(matches.prepare(['^acme', 'i'])('ACME Ltd')).toBe(true);
    expect(matches.prepare(['^acme', ''])('ACME Ltd')).toBe(false);
    expect(matches.prepare(['^acme'])('acme')).toBe(true);
  });
  it('is false for non-text facts (no coercion of numbers or lists)', () => {
    expect(matches.prepare('^1')(123)).toBe(false);
    expect(matches.prepare('a')(['a'])).toBe(false);
    expect(matches.prepare('null')(null)).toBe(false);
  });
  it('has no state between calls', () => {
    const test = matches.prepare('a');
    expect([test('a'), test('a'), test('a')]).toEqual([true, true, true]);
  });
  it('refuses bad values with stable codes', () => {
    expect(matches.checkValue('(')?.code).toBe('CONDITION_BAD_REGEX');
    expect(matches.checkValue('')?.code).toBe('CONDITION_BAD_REGEX');
    expect(matches.checkValue('a'.repeat(201))?.code).toBe('CONDITION_BAD_REGEX');
    expect(matches.checkValue('a'.repeat(200))).toBeUndefined();
    expect(matches.checkValue(['a', 'g'])?.code).toBe('CONDITION_BAD_REGEX');
    expect(matches.checkValue(['a', 'i', 'x'])?.code).toBe('CONDITION_BAD_REGEX');
    expect(matches.checkValue(5)?.code).toBe('CONDITION_BAD_REGEX');
    expect(matches.checkValue('(a+)+$')?.code).toBe('CONDITION_UNSAFE_REGEX');
    expect(matches.checkValue('(a)\\1')?.code).toBe('CONDITION_UNSAFE_REGEX');
  });
  it('evaluate agrees with prepare', () => {
    for (const fact of ['abc', 'ABC', 'x', 3, undefined]) {
      expect(matches.evaluate(fact, ['^a', 'i'])).toBe(matches.prepare(['^a', 'i'])(fact));
    }
    expect(matches.evaluate('aaa', '(a+)+')).toBe(false);
  });
});

describe('exists', () => {
  it('true: present (not missing, not null); false: missing or null', () => {
    const present = exists.prepare(true);
    const missing = exists.prepare(false);
    for (const v of ['', 0, false, [], {}, Number.NaN]) {
      expect(present(v)).toBe(true);
      expect(missing(v)).toBe(false);
    }
    for (const v of [undefined, null]) {
      expect(present(v)).toBe(false);
      expect(missing(v)).toBe(true);
    }
  });
  it('takes only true or false', () => {
    expect(exists.checkValue(true)).toBeUndefined();
    expect(exists.checkValue('true')?.code).toBe('CONDITION_BAD_VALUE');
    expect(exists.evaluate(1, 'yes')).toBe(false);
  });
});
