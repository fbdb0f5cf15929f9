import { text } from '../../common/localized';
import { CONDITION_ERROR } from '../condition-problem';
import type { ValueProblem } from './operator-definition';
import { regexSafetyProblem } from './regex-safety';

export const MAX_PATTERN_LENGTH = 200;
export type RegexFlags = '' | 'i';

/**
 * The value of `matches`: a pattern text, or `[pattern, flags]` with flags '' or 'i' (ignore case).
 * Checked for length, syntax and catastrophic backtracking before anything runs it.
 */
export function readRegexValue(v: unknown): { ok: true; regex: RegExp } | { ok: false; problem: ValueProblem } {
  let pattern: unknown = v;
  let flags: unknown = '';
  if (Array.isArray(v)) {
    if (v.length < 1 || v.length > 2) return fail(CONDITION_ERROR.badRegex, '“匹配正则”的值是一个表达式，或 [表达式, 标志]。', 'The value of “matches” is a pattern, or [pattern, flags].');
    pattern = v[0];
    flags = v.length === 2 ? v[1] : '';
  }
  if (typeof pattern !== 'string' || pattern.length === 0) {
    return fail(CONDITION_ERROR.badRegex, '请填写正则表达式。', 'Fill in the regular expression.');
  }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return fail(CONDITION_ERROR.badRegex, `正则表达式最多 ${MAX_PATTERN_LENGTH} 个字符。`, `A pattern has at most ${MAX_PATTERN_LENGTH} characters.`);
  }
  if (flags !== '' && flags !== 'i') {
    return fail(CONDITION_ERROR.badRegex, '正则标志只能为空或 i（忽略大小写）。', 'The only flag allowed is i (ignore case), or none.');
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch {
    return fail(CONDITION_ERROR.badRegex, `“${pattern}”不是有效的正则表达式。`, `“${pattern}” is not a valid regular expression.`);
  }
  const unsafe = regexSafetyProblem(pattern, flags);
  if (unsafe) return { ok: false, problem: { code: CONDITION_ERROR.unsafeRegex, pointer: '', message: unsafe } };
  return { ok: true, regex };
}

function fail(code: ValueProblem['code'], zh: string, en: string): { ok: false; problem: ValueProblem } {
  return { ok: false, problem: { code, pointer: '', message: text(zh, en) } };
}
