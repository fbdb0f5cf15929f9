import { text } from '../../common/localized';
import type { OperatorDefinition } from './operator-definition';
import { checkText } from './value-checks';

/** The fact is text beginning with the value (case-sensitive); false for anything but two texts. */
export const startsWithOperator: OperatorDefinition<'startsWith'> = {
  name: 'startsWith',
  labels: text('开头是', 'starts with'),
  fits: ['string'],
  valueKind: 'text',
  acceptsFactRef: true,
  checkValue: checkText,
  evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b),
  prepare: (v) => {
    const s = v as string;
    return (a) => typeof a === 'string' && a.startsWith(s);
  },
};
