import { text, type LocalizedText } from '../common/localized';
import type { FlowKind } from '../nodes/node-definition';
import { FLOW_ERROR, flowError, ptr, type FlowError } from './flow-error';
import { findCycles } from './graph-cycles';

export interface GraphNode {
  index: number;
  id: string;
  type: string;
  /** node-type words, when the type is known */
  typeLabels?: LocalizedText;
  label?: string;
  waits: boolean;
  /** output ids; undefined when unknown (unknown type or invalid params) */
  outputs: string[] | undefined;
  outputLabels?: Map<string, LocalizedText>;
  /** the trigger node's `on`, when valid */
  triggerOn?: string;
}

export interface GraphEdge {
  index: number;
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
}

/** `“Assign” n3` / `“分配销售” n3` */
export function nodeWords(n: GraphNode): LocalizedText {
  const zh = n.label ?? n.typeLabels?.['zh-CN'] ?? n.type;
  const en = n.label ?? n.typeLabels?.en ?? n.type;
  return text(`“${zh}”(${n.id})`, `"${en}" (${n.id})`);
}

/**
 * The checks on the graph: unique ids, exactly one trigger (matching the document's trigger), edges that join
 * existing nodes along real outputs, each output used once and every output connected, every node reachable
 * from the trigger, and no cycle that avoids every waiting node (follow-up flows; allocation flows have none).
 */
export function checkGraph(kind: FlowKind | undefined, docTrigger: string | undefined, nodes: GraphNode[], edges: GraphEdge[]): FlowError[] {
  const errors: FlowError[] = [];
  const byId = new Map<string, GraphNode>();
  for (const n of nodes) {
    if (byId.has(n.id)) {
      errors.push(flowError(FLOW_ERROR.duplicateNodeId, ptr('', 'nodes', n.index, 'id'), text(`节点 id “${n.id}” 重复；请给每个节点唯一的 id。`, `Node id "${n.id}" is used twice; give every node its own id.`), n.id));
    } else byId.set(n.id, n);
  }

  const triggers = [...byId.values()].filter((n) => n.type === 'trigger');
  const trigger = triggers[0];
  if (!trigger) {
    errors.push(flowError(FLOW_ERROR.noTrigger, '/nodes', text('流程缺少触发节点；请从节点面板拖入一个“触发”节点并连到第一步。', 'The flow has no trigger; drag a "Trigger" node from the palette and connect it to the first step.')));
  }
  for (const extra of triggers.slice(1)) {
    errors.push(flowError(FLOW_ERROR.multipleTriggers, ptr('', 'nodes', extra.index), text(`流程只能有一个触发节点；请删除多余的触发节点 ${extra.id}。`, `A flow has exactly one trigger; remove the extra trigger ${extra.id}.`), extra.id));
  }
  if (trigger?.triggerOn !== undefined && docTrigger !== undefined && trigger.triggerOn !== docTrigger) {
    errors.push(flowError(FLOW_ERROR.triggerMismatch, ptr('', 'nodes', trigger.index, 'params', 'on'), text(
      `触发节点的事件（${trigger.triggerOn}）与流程的触发事件（${docTrigger}）不一致；请让两者相同。`,
      `The trigger node's event (${trigger.triggerOn}) differs from the flow's trigger (${docTrigger}); make them the same.`,
    ), trigger.id));
  }

  const seenEdgeIds = new Set<string>();
  const used = new Map<string, GraphEdge>();
  const adjacency = new Map<string, string[]>();
  for (const e of edges) {
    if (seenEdgeIds.has(e.id)) {
      errors.push(flowError(FLOW_ERROR.duplicateEdgeId, ptr('', 'edges', e.index, 'id'), text(`连线 id “${e.id}” 重复；请给每条连线唯一的 id。`, `Edge id "${e.id}" is used twice; give every edge its own id.`)));
    }
    seenEdgeIds.add(e.id);
    const from = byId.get(e.source);
    const to = byId.get(e.target);
    if (!from) {
      errors.push(flowError(FLOW_ERROR.edgeUnknownSource, ptr('', 'edges', e.index, 'source'), text(`连线 ${e.id} 的起点 “${e.source}” 不存在；请重新连线或删除它。`, `Edge ${e.id} starts at "${e.source}", which does not exist; reconnect or delete it.`)));
    }
    if (!to) {
      errors.push(flowError(FLOW_ERROR.edgeUnknownTarget, ptr('', 'edges', e.index, 'target'), text(`连线 ${e.id} 的终点 “${e.target}” 不存在；请重新连线或删除它。`, `Edge ${e.id} ends at "${e.target}", which does not exist; reconnect or delete it.`)));
    }
    if (!from || !to) continue;
    if (from.outputs && !from.outputs.includes(e.sourceHandle)) {
      const list = from.outputs.join(', ') || '—';
      const w = nodeWords(from);
      errors.push(flowError(FLOW_ERROR.edgeUnknownHandle, ptr('', 'edges', e.index, 'sourceHandle'), text(
        `连线 ${e.id} 从 ${w['zh-CN']} 的出口 “${e.sourceHandle}” 出发，但该节点没有这个出口（可用：${list}）；请重新连线。`,
        `Edge ${e.id} leaves ${w.en} by output "${e.sourceHandle}", which that node does not have (outputs: ${list}); reconnect it.`,
      ), from.id));
      continue;
    }
    if (to.type === 'trigger') {
      errors.push(flowError(FLOW_ERROR.edgeIntoTrigger, ptr('', 'edges', e.index, 'target'), text(`连线 ${e.id} 指向触发节点；触发节点只能作为起点，请改连到其他节点。`, `Edge ${e.id} leads into the trigger; the trigger only starts the flow, so connect it elsewhere.`), to.id));
      continue;
    }
    const key = `${e.source}\u0000${e.sourceHandle}`;
    const first = used.get(key);
    if (first) {
      const w = nodeWords(from);
      errors.push(flowError(FLOW_ERROR.outputMultipleEdges, ptr('', 'edges', e.index), text(
        `${w['zh-CN']} 的出口 “${e.sourceHandle}” 已连到 ${first.target}；一个出口只能连一条线，请删除连线 ${e.id}。`,
        `Output "${e.sourceHandle}" of ${w.en} already leads to ${first.target}; an output takes one edge, so delete edge ${e.id}.`,
      ), from.id));
      continue;
    }
    used.set(key, e);
    const list = adjacency.get(e.source);
    if (list) list.push(e.target);
    else adjacency.set(e.source, [e.target]);
  }

  for (const n of byId.values()) {
    for (const out of n.outputs ?? []) {
      if (used.has(`${n.id}\u0000${out}`)) continue;
      const w = nodeWords(n);
      const ol = n.outputLabels?.get(out) ?? text(out, out);
      errors.push(flowError(FLOW_ERROR.outputNotConnected, ptr('', 'nodes', n.index), text(
        `${w['zh-CN']} 的出口“${ol['zh-CN']}”（${out}）没有连线；请连到下一步，或连到“结束”节点。`,
        `Output "${ol.en}" (${out}) of ${w.en} is not connected; connect it to the next step or to an "End" node.`,
      ), n.id));
    }
  }

  if (trigger) {
    const reached = new Set<string>([trigger.id]);
    const queue = [trigger.id];
    while (queue.length) {
      const id = queue.pop() as string;
      for (const t of adjacency.get(id) ?? []) if (!reached.has(t)) { reached.add(t); queue.push(t); }
    }
    for (const n of byId.values()) {
      if (reached.has(n.id)) continue;
      const w = nodeWords(n);
      errors.push(flowError(FLOW_ERROR.nodeUnreachable, ptr('', 'nodes', n.index), text(
        `${w['zh-CN']} 从触发节点无法到达；请把它连入流程，或删除它。`,
        `${w.en} cannot be reached from the trigger; connect it into the flow or delete it.`,
      ), n.id));
    }
  }

  const pausing = (id: string) => kind === 'followUp' && byId.get(id)?.waits === true;
  for (const cycle of findCycles([...byId.keys()], adjacency, pausing)) {
    const first = byId.get(cycle[0] as string) as GraphNode;
    const path = cycle.slice(0, 6).join(' → ') + (cycle.length > 6 ? ' → …' : '');
    errors.push(flowError(FLOW_ERROR.cycleWithoutWait, ptr('', 'nodes', first.index), kind === 'followUp'
      ? text(`节点 ${path} 构成循环且其中没有等待节点，会无限执行；请在循环中加入“等待”或“等待跟进”节点，或断开循环。`, `Nodes ${path} form a loop with no waiting node, which would run forever; add a "Wait" or "Wait for follow-up" node to the loop or break it.`)
      : text(`节点 ${path} 构成循环；分配流程不能有循环，请断开它。`, `Nodes ${path} form a loop; allocation flows cannot loop, so break it.`), first.id));
  }
  return errors;
}
