import { AssignParamsSchema, type AssignParams } from '../../strategies/assign-params.schema';
import type { Reference } from '../node-definition';
import { conditionFieldRefs, schemaRefs } from '../common/references';

/** Teams, reps and fields an assign-like node names (candidate teams, specific rep, rep-filter facts). */
export function assignReferences(p: AssignParams, base = ''): Reference[] {
  return [...schemaRefs(AssignParamsSchema, p, base), ...conditionFieldRefs(p.repFilter, `${base}/repFilter`)];
}
