import type { Connection } from 'mongoose';
import { bindEntityReferences, listEntityReferences, parseFlow, type FlowDocument, type ReferenceBindings } from '../../core/flow';
import { getModels } from '../../data/models';

/**
 * Publishes a flow document as version 1 and activates it for its trigger, straight through the
 * models (tests and benchmarks that need an active flow without going through the flows API).
 * A template's symbolic pools (pool-main …) go to the organisation's default pool unless bound otherwise.
 */
export async function installActiveFlow(
  conn: Connection,
  doc: unknown,
  trigger?: string,
  bindings: ReferenceBindings = {},
): Promise<{ flowId: string; flowVersionId: string }> {
  const parsed = parseFlow(structuredClone(doc));
  if (!parsed.ok) throw new Error(`flow does not validate: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const { Flow, FlowVersion, ActiveFlow, Pool } = getModels(conn);
  const pool = (await Pool.findOne({ isDefault: true }).lean()) ?? (await Pool.findOne().lean());
  const poolBindings = Object.fromEntries(
    listEntityReferences(parsed.flow).filter((r) => r.kind === 'pool').map((r) => [r.id, bindings.pool?.[r.id] ?? String(pool?._id)]),
  );
  const flow: FlowDocument = bindEntityReferences(parsed.flow, { ...bindings, pool: poolBindings });
  const t = trigger ?? flow.trigger;
  const f = await Flow.create({ name: flow.name, kind: flow.kind, trigger: t, document: flow, latestVersion: 1 });
  const v = await FlowVersion.create({ flowId: f._id, version: 1, name: flow.name, kind: flow.kind, trigger: t, document: { ...flow, id: String(f._id) }, note: 'test' });
  await ActiveFlow.deleteMany({ trigger: t });
  await ActiveFlow.create({ trigger: t, flowId: f._id, flowVersionId: v._id, version: 1 });
  return { flowId: String(f._id), flowVersionId: String(v._id) };
}
