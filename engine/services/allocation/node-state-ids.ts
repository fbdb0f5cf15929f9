/**
 * The `_id` of each assign node's state document, as this process last read or created it. A
 * compare-and-set on a node's state then filters on `_id` beside `nodeKey` and `seq`: the embedded
 * FerretDB answers an `_id` equality from its index, while a filter on `nodeKey` alone decoded the
 * state of every node of every flow (one document per flow and assign node, each with a map entry per
 * rep) on every intake. State documents are never deleted, so an id once seen stays right; should one
 * not match, the compare-and-set fails, the id is forgotten and the caller re-reads, as for any lost turn.
 */
type Ids = Map<string, unknown>;
const byModel = new WeakMap<object, Ids>();

function idsOf(model: object): Ids {
  let ids = byModel.get(model);
  if (!ids) byModel.set(model, (ids = new Map()));
  return ids;
}

export function rememberStateIds(model: object, docs: readonly { _id: unknown; nodeKey: string }[]): void {
  const ids = idsOf(model);
  for (const d of docs) ids.set(d.nodeKey, d._id);
}

export function forgetStateId(model: object, nodeKey: string): void {
  byModel.get(model)?.delete(nodeKey);
}

/** `{ _id, nodeKey, seq }` when the document's id is known, else `{ nodeKey, seq }` */
export function stateFilter(model: object, nodeKey: string, seq: number): Record<string, unknown> {
  const id = byModel.get(model)?.get(nodeKey);
  return id === undefined ? { nodeKey, seq } : { _id: id, nodeKey, seq };
}
