import { describe, expect, it } from 'vitest';
import { regexSafetyProblem } from './regex-safety';

const SAFE = [
  '^1[3-9]\\d{9}$', '@(qq|163)\\.com$', '^(北京|上海|广州)', '^[\\w.+-]+@[\\w-]+\\.[\\w.]+$', '(foo|bar)+', '(ab){2,}',
  '^\\d{3}-\\d{4}$', '(?:\\d{3})+', 'a*b*c*', '[(a+)+]', '\\(a+\\)+', '(?<year>\\d{4})-\\d{2}', '^(a|b)*$', '(\\d{2}){3}',
  '(?=.*\\d)[a-z]+', 'x{,5}', '(a+)?', '(a|b|c)+', '\\u0041+', '\\x41+',
];
const UNSAFE = [
  '(a+)+', '(a*)*', '(a+)*b', '(\\w+)*$', '(.*)*', '(a?a?)+', '(a{1,3}){2}', '(?:x+y+)+', '((ab)*c)+',
  '(a|a)*', '(a|ab)+', '(\\d|x)+', '(|a)+', '([ab]|c)+', '(?:(a|b)|a)+', '(A|a)+',
  '(a)\\1', '(?<x>a)\\k<x>', '\\2', '\\c(a+)+', '\\x4(a+)+', '[\\]](a+)+',
];

describe('regexSafetyProblem', () => {
  it.each(SAFE)('accepts %s', (p) => {
    expect(() => new RegExp(p)).not.toThrow();
    expect(regexSafetyProblem(p, '')).toBeUndefined();
  });
  it.each(UNSAFE)('refuses %s', (p) => {
    const flags = p === '(A|a)+' ? 'i' : '';
    expect(regexSafetyProblem(p, flags)).toMatchObject({ 'zh-CN': expect.any(String), en: expect.any(String) });
  });
  it('folds case for alternation branches only with the i flag', () => {
    expect(regexSafetyProblem('(A|a)+', '')).toBeUndefined();
    expect(regexSafetyProblem('(A|a)+', 'i')).toBeDefined();
  });
  it('names the fix in both languages', () => {
    const nested = regexSafetyProblem('(a+)+', '');
    expect(nested?.en).toMatch(/nests repetition/);
    expect(nested?.['zh-CN']).toMatch(/嵌套/);
    expect(regexSafetyProblem('(a)\\1', '')?.en).toMatch(/back-references/);
    expect(regexSafetyProblem('(a|ab)*', '')?.en).toMatch(/overlap/);
  });
  it('keeps accepted patterns fast on an adversarial input', () => {
    const input = `${'a'.repeat(28)}!`;
    const t0 = performance.now();
    for (const p of SAFE) new RegExp(p).test(input);
    expect(performance.now() - t0).toBeLessThan(100);
  });
});
