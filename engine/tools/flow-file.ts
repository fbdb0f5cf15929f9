import { parseFlow } from '../core/flow/validate-flow';
import type { FlowDocument } from '../core/flow/flow.schema';
import type { PoolRef } from '../core/nodes/node-definition';
import { getNodeDefinition } from '../core/nodes/node.registry';
import type { OrgData } from '../core/simulation/dataset-input';
import { CliError } from './cli-error';
import { readJsonFile } from './dataset-files';

export interface LoadedFlow {
  /** validated, with every param default filled in */
  doc: FlowDocument;
  /** the org file's pools, or (when it lists none) the pools the flow names */
  pools: PoolRef[];
  warnings: string[];
}

/** Pool ids the flow's nodes reference (toPool, reclaim …), read from the node definitions. */
function referencedPools(doc: unknown): string[] {
  const ids = new Set<string>();
  const nodes = (doc as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return [];
  for (const n of nodes as { type?: unknown; params?: unknown }[]) {
    const def = typeof n?.type === 'string' ? getNodeDefinition(n.type) : undefined;
    if (!def || n.params === null || typeof n.params !== 'object') continue;
    try {
      for (const r of def.references(n.params as never)) if (r.kind === 'pool') ids.add(r.id);
    } catch {
      // malformed params: the validator reports them
    }
  }
  return [...ids];
}

/**
 * Reads and validates a flow document against the organisation (teams, reps and pools must exist), and turns
 * validation errors into one readable CLI message.
 */
export function loadFlowFile(file: string, org: Pick<OrgData, 'reps' | 'teams' | 'pools'>): LoadedFlow {
  const raw = readJsonFile(file, 'Flow');
  const warnings: string[] = [];
  let pools = org.pools;
  if (pools.length === 0) {
    pools = referencedPools(raw).map((id) => ({ id, name: id }));
    if (pools.length > 0) warnings.push(`note: the reps file lists no pools; using the pools the flow names (${pools.map((p) => p.id).join(', ')}).`);
  }
  const parsed = parseFlow(raw, { teamIds: org.teams.map((t) => t.id), repIds: org.reps.map((r) => r.id), poolIds: pools.map((p) => p.id) });
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, 20).map((e) => `  - ${e.code}${e.nodeId ? ` (node ${e.nodeId})` : ''}${e.pointer ? ` at ${e.pointer}` : ''}: ${e.message.en}`);
    const more = parsed.errors.length > 20 ? `\n  … and ${parsed.errors.length - 20} more` : '';
    throw new CliError(`Flow file ${file} is not a valid flow (${parsed.errors.length} error${parsed.errors.length === 1 ? '' : 's'}):\n${shown.join('\n')}${more}`);
  }
  if (parsed.flow.kind !== 'allocation') {
    throw new CliError(`Flow file ${file} is a ${parsed.flow.kind} flow; simulate runs allocation flows (follow-up flows are stepped by the lifecycle workflow).`);
  }
  return { doc: parsed.flow, pools, warnings };
}
