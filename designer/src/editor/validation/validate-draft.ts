import { validateFlow, type FlowError, type ValidationContext } from '../../../../engine/core/flow';
import type { DraftDoc } from '../model/draft.types';

/** A validation error placed where the admin can fix it: on a node and, when it is about a param, on its field. */
export interface PlacedError {
  error: FlowError;
  /** the node the error is about (from the error, or found from its pointer) */
  nodeId?: string;
  /** the pointer relative to the node's params (`/rules/0/condition`), when the error is inside them */
  paramsPointer?: string;
}

export interface DraftValidation {
  valid: boolean;
  errors: PlacedError[];
  byNode: Map<string, PlacedError[]>;
}

const NODE_POINTER = /^\/nodes\/(\d+)(\/params(\/.*)?)?/;

/** Finds the node and params pointer of an error. */
export function placeError(error: FlowError, doc: DraftDoc): PlacedError {
  const m = NODE_POINTER.exec(error.pointer);
  const node = m ? doc.nodes[Number(m[1])] : undefined;
  const nodeId = error.nodeId ?? node?.id;
  const placed: PlacedError = { error };
  if (nodeId !== undefined) placed.nodeId = nodeId;
  if (m && m[2] !== undefined) placed.paramsPointer = m[3] ?? '';
  return placed;
}

/** Runs the engine's validateFlow in the browser and places each error. */
export function validateDraft(doc: DraftDoc, ctx?: ValidationContext): DraftValidation {
  const result = validateFlow(doc, ctx);
  const errors = result.errors.map((e) => placeError(e, doc));
  const byNode = new Map<string, PlacedError[]>();
  for (const p of errors) {
    if (p.nodeId === undefined) continue;
    const list = byNode.get(p.nodeId);
    if (list) list.push(p);
    else byNode.set(p.nodeId, [p]);
  }
  return { valid: result.valid, errors, byNode };
}

/** Errors of one node whose params pointer is `pointer` or lies under it. */
export function errorsAt(placed: readonly PlacedError[] | undefined, pointer: string): PlacedError[] {
  if (!placed) return [];
  return placed.filter((p) => p.paramsPointer !== undefined && (p.paramsPointer === pointer || p.paramsPointer.startsWith(`${pointer}/`)));
}
