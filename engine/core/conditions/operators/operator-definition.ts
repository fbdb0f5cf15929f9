import type { LocalizedText } from '../../common/localized';
import type { FieldType } from '../../model/customer.schema';
import type { OperatorName } from '../condition.schema';
import type { ConditionErrorCode } from '../condition-problem';

/** What the designer's value editor shows for an operator. */
export type ValueKind = 'scalar' | 'list' | 'number' | 'range' | 'text' | 'pattern' | 'boolean';

/** A problem with a literal value; `pointer` is relative to the value ('' or '/0' …). */
export interface ValueProblem {
  code: ConditionErrorCode;
  pointer: string;
  message: LocalizedText;
}

/** A checked literal value turned into a one-argument test (the compiled hot path). */
export type PreparedTest = (factValue: unknown) => boolean;

/**
 * The one definition of an operator. `evaluate` is the semantics (json-rules-engine 7's for its own
 * operators); `prepare` specialises it for a literal value that passed `checkValue` and must agree with it.
 */
export interface OperatorDefinition<N extends OperatorName = OperatorName> {
  readonly name: N;
  readonly labels: LocalizedText;
  /** field types for which the designer offers this operator */
  readonly fits: readonly FieldType[];
  readonly valueKind: ValueKind;
  /** whether the value may be another fact (`{ fact, path? }`), resolved per evaluation */
  readonly acceptsFactRef: boolean;
  /** problems with a literal value; undefined when it is fine */
  checkValue(value: unknown): ValueProblem | undefined;
  evaluate(factValue: unknown, value: unknown): boolean;
  prepare(value: unknown): PreparedTest;
}
