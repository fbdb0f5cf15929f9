import { text, type LocalizedText } from '../common/localized';
import type { FlowKind } from '../nodes/node-definition';
import { getNodeDefinition } from '../nodes/node.registry';
import type { NodeType } from '../nodes/node-types';
import { checkGraph, type GraphEdge, type GraphNode } from './check-graph';
import { checkNodeParams } from './check-node-params';
import { checkReferences, contextSets } from './check-references';
import { envelopeValidator } from './flow-ajv';
import { FLOW_ERROR, flowError, ptr, type FlowError, type ValidationContext, type ValidationResult } from './flow-error';
import { FLOW_LIMITS } from './flow-limits';
import type { FlowDocument } from './flow.schema';
import { preflight } from './preflight';
import { translateAjvErrors } from './schema-errors';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function capped(errors: FlowError[]): FlowError[] {
  if (errors.length <= FLOW_LIMITS.maxErrors) return errors;
  return [
    ...errors.slice(0, FLOW_LIMITS.maxErrors),
    flowError(FLOW_ERROR.tooManyErrors, '', text(`错误超过 ${FLOW_LIMITS.maxErrors} 条，只显示前 ${FLOW_LIMITS.maxErrors} 条；请先修正这些。`, `More than ${FLOW_LIMITS.maxErrors} errors; only the first ${FLOW_LIMITS.maxErrors} are shown. Fix these first.`)),
  ];
}

function analyse(input: unknown, ctx: ValidationContext | undefined): { errors: FlowError[]; value?: Obj } {
  const pre = preflight(input);
  if (pre.errors.length) return { errors: pre.errors };
  const doc = pre.value;
  if (!isObj(doc)) {
    return { errors: [flowError(FLOW_ERROR.notObject, '', text('流程文档应是一个 JSON 对象（含 nodes 与 edges）。', 'A flow document must be a JSON object (with nodes and edges).'))] };
  }
  if (Array.isArray(doc.nodes) && doc.nodes.length > FLOW_LIMITS.maxNodes) {
    return { errors: [flowError(FLOW_ERROR.tooManyNodes, '/nodes', text(`节点超过 ${FLOW_LIMITS.maxNodes} 个；请拆分成多个流程。`, `More than ${FLOW_LIMITS.maxNodes} nodes; split the flow.`))] };
  }
  if (Array.isArray(doc.edges) && doc.edges.length > FLOW_LIMITS.maxEdges) {
    return { errors: [flowError(FLOW_ERROR.tooManyEdges, '/edges', text(`连线超过 ${FLOW_LIMITS.maxEdges} 条；请拆分成多个流程。`, `More than ${FLOW_LIMITS.maxEdges} edges; split the flow.`))] };
  }
  const errors: FlowError[] = [];
  const envelope = envelopeValidator();
  if (!envelope(doc)) errors.push(...translateAjvErrors(envelope.errors, ''));

  const kind: FlowKind | undefined = doc.kind === 'allocation' || doc.kind === 'followUp' ? doc.kind : undefined;
  const sets = contextSets(ctx);
  const graphNodes: GraphNode[] = [];
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  nodes.forEach((n: unknown, i) => {
    if (!isObj(n)) return;
    const id = str(n.id);
    const type = str(n.type);
    if (id === undefined || type === undefined) return;
    const label = str(n.label);
    const def = getNodeDefinition(type);
    if (!def) {
      errors.push(flowError(FLOW_ERROR.unknownNodeType, ptr('', 'nodes', i, 'type'), text(`节点类型“${type}”不存在；请删除该节点并从节点面板重新添加。`, `Node type "${type}" does not exist; delete the node and add one from the palette.`), id));
      graphNodes.push({ index: i, id, type, waits: false, outputs: undefined, ...(label ? { label } : {}) });
      return;
    }
    if (typeof n.version === 'number' && n.version !== def.version) {
      errors.push(flowError(FLOW_ERROR.nodeVersionUnsupported, ptr('', 'nodes', i, 'version'), text(
        `“${def.labels['zh-CN']}”节点版本 ${n.version} 不受支持（当前为 ${def.version}）；请在设计器中重新添加该节点。`,
        `Version ${n.version} of the "${def.labels.en}" node is not supported (current: ${def.version}); add the node again in the designer.`,
      ), id));
    }
    if (kind !== undefined && !def.kinds.includes(kind)) {
      const allowed = def.kinds.map((k) => (k === 'allocation' ? text('分配流程', 'allocation flows') : text('跟进流程', 'follow-up flows')));
      errors.push(flowError(FLOW_ERROR.nodeKindMismatch, ptr('', 'nodes', i, 'type'), text(
        `“${def.labels['zh-CN']}”节点只能用于${allowed.map((a) => a['zh-CN']).join('、')}；请删除它或换用合适的节点。`,
        `A "${def.labels.en}" node belongs in ${allowed.map((a) => a.en).join(' and ')} only; remove it or use a suitable node.`,
      ), id));
    }
    const node: GraphNode = { index: i, id, type, typeLabels: def.labels, waits: def.waits, outputs: undefined, ...(label ? { label } : {}) };
    graphNodes.push(node);
    if (!isObj(n.params)) return;
    const res = checkNodeParams({ id, type: type as NodeType, params: n.params }, def, i);
    errors.push(...res.errors);
    node.outputs = res.checked.outputs;
    if (node.outputs) {
      const labels = new Map<string, LocalizedText>();
      try {
        for (const o of def.outputs(n.params as never)) labels.set(o.id, o.labels);
      } catch {
        // outputs already computed once; labels are only for messages
      }
      node.outputLabels = labels;
    }
    if (type === 'trigger' && node.outputs) node.triggerOn = str(n.params.on);
    const taken = new Set(res.errors.map((e) => e.pointer));
    errors.push(...checkReferences(res.checked.references, ptr('', 'nodes', i, 'params'), id, sets, taken));
  });

  const graphEdges: GraphEdge[] = [];
  (Array.isArray(doc.edges) ? doc.edges : []).forEach((e: unknown, i) => {
    if (!isObj(e)) return;
    const id = str(e.id);
    const source = str(e.source);
    const sourceHandle = str(e.sourceHandle);
    const target = str(e.target);
    if (id === undefined || source === undefined || sourceHandle === undefined || target === undefined) return;
    graphEdges.push({ index: i, id, source, sourceHandle, target });
  });
  errors.push(...checkGraph(kind, str(doc.trigger), graphNodes, graphEdges));
  return errors.length ? { errors } : { errors, value: doc };
}

function safely(input: unknown, ctx: ValidationContext | undefined): { errors: FlowError[]; value?: Obj } {
  try {
    const r = analyse(input, ctx);
    return { ...r, errors: capped(r.errors) };
  } catch {
    return { errors: [flowError(FLOW_ERROR.internal, '', text('校验时发生内部错误；请保存副本并联系管理员。', 'Validation failed internally; keep a copy of the flow and contact the administrator.'))] };
  }
}

/**
 * Everything wrong with a flow document, each error with a stable code, the node id, a JSON pointer and a sentence
 * in zh-CN and en that says how to fix it. Never throws, whatever the input; time is bounded by FLOW_LIMITS.
 * With a context, referenced custom fields, teams, reps and pools must exist in it.
 */
export function validateFlow(doc: unknown, ctx?: ValidationContext): ValidationResult {
  const { errors } = safely(doc, ctx);
  return { valid: errors.length === 0, errors };
}

export type ParseFlowResult = { ok: true; flow: FlowDocument } | { ok: false; errors: FlowError[] };

/** validateFlow, and on success a fresh copy of the document with every params default filled in. */
export function parseFlow(doc: unknown, ctx?: ValidationContext): ParseFlowResult {
  const r = safely(doc, ctx);
  return r.value && r.errors.length === 0 ? { ok: true, flow: r.value as unknown as FlowDocument } : { ok: false, errors: r.errors };
}
