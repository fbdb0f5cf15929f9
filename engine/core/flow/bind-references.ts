import { getNodeDefinition } from '../nodes/node.registry';
import type { Reference } from '../nodes/node-definition';
import type { FlowDocument } from './flow.schema';

export type EntityKind = 'team' | 'rep' | 'pool';
export type ReferenceBindings = Partial<Record<EntityKind, Record<string, string>>>;

export interface LocatedReference {
  kind: EntityKind;
  id: string;
  nodeId: string;
  /** JSON pointer into the document */
  pointer: string;
}

const decode = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');

/** Every team, rep and pool a flow names, with where it is named (templates use symbolic ids such as `pool-main`). */
export function listEntityReferences(doc: FlowDocument): LocatedReference[] {
  const out: LocatedReference[] = [];
  doc.nodes.forEach((node, i) => {
    const def = getNodeDefinition(node.type);
    if (!def) return;
    let refs: Reference[] = [];
    try {
      refs = def.references(node.params as never);
    } catch {
      return;
    }
    for (const r of refs) {
      if (r.kind === 'field') continue;
      out.push({ kind: r.kind, id: r.id, nodeId: node.id, pointer: `/nodes/${i}/params${r.pointer}` });
    }
  });
  return out;
}

/**
 * A copy of the document with symbolic ids replaced by real ones, e.g. binding a template's
 * `pool-main` to the organisation's public pool. Ids without a binding are left as they are (the
 * validator then names them).
 */
export function bindEntityReferences(doc: FlowDocument, bindings: ReferenceBindings): FlowDocument {
  const copy = structuredClone(doc);
  for (const ref of listEntityReferences(doc)) {
    const to = bindings[ref.kind]?.[ref.id];
    if (to === undefined) continue;
    const tokens = ref.pointer.split('/').slice(1).map(decode);
    let parent: unknown = copy;
    for (const t of tokens.slice(0, -1)) parent = (parent as Record<string, unknown>)[t];
    const last = tokens[tokens.length - 1];
    if (parent && typeof parent === 'object' && last !== undefined && Object.hasOwn(parent, last)) {
      (parent as Record<string, unknown>)[last] = to;
    }
  }
  return copy;
}
