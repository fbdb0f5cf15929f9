import { text } from '../../common/localized';
import { CONDITION_ERROR } from '../condition-problem';
import type { ValueProblem } from './operator-definition';

export const MAX_VALUE_STRING = 1000;
export const MAX_VALUE_LIST = 1000;

export function badValue(zh: string, en: string, pointer = ''): ValueProblem {
  return { code: CONDITION_ERROR.badValue, pointer, message: text(zh, en) };
}

/** A value a condition may compare with: short text, a finite number, true/false or null. */
export function isScalar(v: unknown): boolean {
  return (
    (typeof v === 'string' && v.length <= MAX_VALUE_STRING) ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    typeof v === 'boolean' ||
    v === null
  );
}

export function checkScalar(v: unknown): ValueProblem | undefined {
  return isScalar(v)
    ? undefined
    : badValue(
        `比较值必须是一个文本（不超过 ${MAX_VALUE_STRING} 字）、数字、是/否或空值。`,
        `The value must be one text (at most ${MAX_VALUE_STRING} characters), number, true/false or null.`,
      );
}

export function checkList(v: unknown): ValueProblem | undefined {
  if (!Array.isArray(v)) return badValue('该运算符需要一组值（列表）。', 'This operator needs a list of values.');
  if (v.length > MAX_VALUE_LIST) return badValue(`列表最多 ${MAX_VALUE_LIST} 项。`, `A list holds at most ${MAX_VALUE_LIST} values.`);
  for (let i = 0; i < v.length; i++) {
    if (!isScalar(v[i])) {
      return badValue('列表中的每一项必须是文本、数字、是/否或空值。', 'Every list item must be text, a number, true/false or null.', `/${i}`);
    }
  }
  return undefined;
}

export function checkNumber(v: unknown): ValueProblem | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? undefined : badValue('比较值必须是数字。', 'The value must be a number.');
}

export function checkText(v: unknown): ValueProblem | undefined {
  return typeof v === 'string' && v.length <= MAX_VALUE_STRING
    ? undefined
    : badValue(`比较值必须是文本（不超过 ${MAX_VALUE_STRING} 字）。`, `The value must be text (at most ${MAX_VALUE_STRING} characters).`);
}
