import type { StrategyName } from './assign-params.schema';
import { leastLoadedStrategy } from './least-loaded.strategy';
import { roundRobinStrategy } from './round-robin.strategy';
import { skillMatchStrategy } from './skill-match.strategy';
import { specificStrategy } from './specific.strategy';
import { stickyStrategy } from './sticky.strategy';
import type { StrategyDefinition } from './strategy.types';
import { weightedRoundRobinStrategy } from './weighted-round-robin.strategy';

/** One entry per strategy name of the params schema: a missing or unknown one fails to compile. */
export const STRATEGIES: { readonly [K in StrategyName]: StrategyDefinition } = {
  roundRobin: roundRobinStrategy,
  weightedRoundRobin: weightedRoundRobinStrategy,
  leastLoaded: leastLoadedStrategy,
  skillMatch: skillMatchStrategy,
  sticky: stickyStrategy,
  specific: specificStrategy,
};
