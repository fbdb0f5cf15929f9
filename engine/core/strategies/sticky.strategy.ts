import { text } from '../common/localized';
import { firstEligibleTarget, type NamedTarget } from './named-rep';
import type { StrategyDefinition } from './strategy.types';

/**
 * sticky: the customer's most recent previous owner (previousOwners is kept oldest first, so the last entry), else
 * the account owner (owner of another customer of the same company), when eligible; otherwise `none`.
 * Quotas do not apply: the point is to keep one person on the account.
 */
export const stickyStrategy: StrategyDefinition = {
  usesQuotas: false,
  run: (input) => {
    const { customer } = input;
    const targets: NamedTarget[] = [];
    const previous = customer.previousOwners.at(-1)?.repId;
    if (previous) targets.push({ repId: previous, role: text('前负责人', 'previous owner') });
    if (customer.accountOwnerId && customer.accountOwnerId !== previous) {
      targets.push({ repId: customer.accountOwnerId, role: text('同公司客户负责人', 'account owner') });
    }
    if (targets.length === 0) {
      return {
        pick: null,
        why: text('原负责人优先：该客户没有前负责人，也没有同公司客户负责人', 'Sticky: the customer has no previous owner and no account owner'),
      };
    }
    return firstEligibleTarget(input, targets, text('原负责人优先', 'Sticky'));
  },
};
