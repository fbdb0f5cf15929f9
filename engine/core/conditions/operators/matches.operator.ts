import { text } from '../../common/localized';
import type { OperatorDefinition } from './operator-definition';
import { readRegexValue } from './regex-value';

/** The fact is text matching a checked, bounded, backtracking-safe regular expression; false for non-text. */
export const matchesOperator: OperatorDefinition<'matches'> = {
  name: 'matches',
  labels: text('匹配正则', 'matches pattern'),
  fits: ['string'],
  valueKind: 'pattern',
  acceptsFactRef: false,
  checkValue: (v) => {
    const r = readRegexValue(v);
    return r.ok ? undefined : r.problem;
  },
  evaluate: (a, b) => {
    if (typeof a !== 'string') return false;
    const r = readRegexValue(b);
    return r.ok && r.regex.test(a);
  },
  prepare: (v) => {
    const r = readRegexValue(v);
    if (!r.ok) return () => false;
    const regex = r.regex;
    return (a) => typeof a === 'string' && regex.test(a);
  },
};
