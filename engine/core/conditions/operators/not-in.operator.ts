import { text } from '../../common/localized';
import { prepareMembership, searchValue } from './list-search';
import type { OperatorDefinition } from './operator-definition';
import { checkList } from './value-checks';

/** The fact is none of the listed values (strict equality); false when the value is not a list or text. */
export const notInOperator: OperatorDefinition<'notIn'> = {
  name: 'notIn',
  labels: text('不属于', 'is not one of'),
  fits: ['string', 'number'],
  valueKind: 'list',
  acceptsFactRef: true,
  checkValue: checkList,
  evaluate: (a, b) => searchValue(a, b) === 0,
  prepare: (v) => prepareMembership(v as unknown[], false),
};
