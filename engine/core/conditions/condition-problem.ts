import { Type, type Static } from '@sinclair/typebox';
import { CoreError } from '../common/core-error';
import { LocalizedTextSchema, type LocalizedText } from '../common/localized';

/** Stable codes for everything wrong with a condition. The designer and the API key their handling on these. */
export const CONDITION_ERROR = {
  notObject: 'CONDITION_NOT_OBJECT',
  unknownShape: 'CONDITION_UNKNOWN_SHAPE',
  ambiguous: 'CONDITION_AMBIGUOUS',
  unknownKey: 'CONDITION_UNKNOWN_KEY',
  forbiddenKey: 'CONDITION_FORBIDDEN_KEY',
  groupNotArray: 'CONDITION_GROUP_NOT_ARRAY',
  groupTooLarge: 'CONDITION_GROUP_TOO_LARGE',
  tooDeep: 'CONDITION_TOO_DEEP',
  tooLarge: 'CONDITION_TOO_LARGE',
  cycle: 'CONDITION_CYCLE',
  badFact: 'CONDITION_BAD_FACT',
  badPath: 'CONDITION_BAD_PATH',
  unknownOperator: 'CONDITION_UNKNOWN_OPERATOR',
  missingValue: 'CONDITION_MISSING_VALUE',
  badValue: 'CONDITION_BAD_VALUE',
  badBetween: 'CONDITION_BAD_BETWEEN',
  badRegex: 'CONDITION_BAD_REGEX',
  unsafeRegex: 'CONDITION_UNSAFE_REGEX',
  unreadable: 'CONDITION_UNREADABLE',
} as const;
export type ConditionErrorCode = (typeof CONDITION_ERROR)[keyof typeof CONDITION_ERROR];

/** One thing wrong with a condition: where (JSON pointer), what (code) and how to fix it (both languages). */
export const ConditionProblemSchema = Type.Object({
  code: Type.String(),
  pointer: Type.String(),
  message: LocalizedTextSchema,
});
export type ConditionProblem = Static<typeof ConditionProblemSchema> & { code: ConditionErrorCode };

export function conditionProblem(code: ConditionErrorCode, pointer: string, message: LocalizedText): ConditionProblem {
  return { code, pointer, message };
}

export function problemToError(p: ConditionProblem): CoreError {
  return new CoreError(p.code, p.message, p.pointer);
}

/** Appends one reference token to a JSON pointer (RFC 6901 escaping). */
export function pointerTo(base: string, token: string | number): string {
  return `${base}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
