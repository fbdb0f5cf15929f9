import { KeyedMutex } from './keyed-mutex';

/** Decisions on one flow queue here, one at a time per process: intake groups and import batches alike. */
export const flowDecisionLock = new KeyedMutex();

/** What a decision took (a round-robin turn, a rep's slot), to give back when the customer cannot be stored. */
export interface Held {
  undo(): Promise<void>;
}
