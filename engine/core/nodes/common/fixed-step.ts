import type { LocalizedText } from '../../common/localized';
import type { AllocationEffect, AllocationStepResult } from '../node-definition';

/** The effects of a step that has none (shared, frozen). */
export const NO_EFFECTS: AllocationEffect[] = Object.freeze([]) as unknown as AllocationEffect[];

/**
 * A step result without effects or trace detail, built once when a node is prepared and returned by every run that
 * takes this output (frozen: nothing can change it), instead of three new objects per node visit.
 */
export function fixedStep(output: string, summary: LocalizedText): AllocationStepResult {
  return Object.freeze({ output, effects: NO_EFFECTS, trace: Object.freeze({ summary }) }) as AllocationStepResult;
}
