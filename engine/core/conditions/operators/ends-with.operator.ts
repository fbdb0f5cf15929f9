import { text } from '../../common/localized';
import type { OperatorDefinition } from './operator-definition';
import { checkText } from './value-checks';

/** The fact is text ending with the value (case-sensitive); false for anything but two texts. */
export const endsWithOperator: OperatorDefinition<'endsWith'> = {
  name: 'endsWith',
  labels: text('结尾是', 'ends with'),
  fits: ['string'],
  valueKind: 'text',
  acceptsFactRef: true,
  checkValue: checkText,
  evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && a.endsWith(b),
  prepare: (v) => {
    const s = v as string;
    return (a) => typeof a === 'string' && a.endsWith(s);
  },
};
