import { text } from '../../common/localized';
import { prepareMembership, searchValue } from './list-search';
import type { OperatorDefinition } from './operator-definition';
import { checkList } from './value-checks';

/** The fact is one of the listed values (strict equality). */
export const inOperator: OperatorDefinition<'in'> = {
  name: 'in',
  labels: text('属于', 'is one of'),
  fits: ['string', 'number'],
  valueKind: 'list',
  acceptsFactRef: true,
  checkValue: checkList,
  evaluate: (a, b) => searchValue(a, b) === 1,
  prepare: (v) => prepareMembership(v as unknown[], true),
};
