import { useCallback, useMemo, useReducer, useRef } from 'react';
import type { DraftDoc, XY } from './draft.types';
import { copySelection, pasteClip, removeElements, type Clip } from './doc-ops';
import { canRedo, canUndo, createHistory, record, redo, undo, type History } from './history';

/**
 * The editor's state: the draft with its undo history, the selection and the clipboard. Every edit is a pure
 * function of the document (doc-ops.ts); a drag changes the document once, when the node is dropped.
 */
interface State {
  history: History<DraftDoc>;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  /** bumped on every committed (undoable) change — autosave watches it */
  version: number;
}

type Action =
  | { t: 'edit'; fn: (d: DraftDoc) => DraftDoc | Selecting }
  | { t: 'undo' }
  | { t: 'redo' }
  | { t: 'select'; nodes: ReadonlySet<string>; edges: ReadonlySet<string> }
  | { t: 'reset'; doc: DraftDoc };

const EMPTY: ReadonlySet<string> = new Set();

/** An edit that also selects what it made (added or pasted nodes). */
export interface Selecting {
  doc: DraftDoc;
  select: string[];
}
const isSelecting = (v: DraftDoc | Selecting): v is Selecting => 'select' in v && 'doc' in v;

function pruneSelection(s: State, doc: DraftDoc): Pick<State, 'selectedNodes' | 'selectedEdges'> {
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  const sn = [...s.selectedNodes].filter((id) => nodes.has(id));
  const se = [...s.selectedEdges].filter((id) => edges.has(id));
  return {
    selectedNodes: sn.length === s.selectedNodes.size ? s.selectedNodes : new Set(sn),
    selectedEdges: se.length === s.selectedEdges.size ? s.selectedEdges : new Set(se),
  };
}

function reducer(s: State, a: Action): State {
  switch (a.t) {
    case 'edit': {
      const out = a.fn(s.history.present);
      const next = isSelecting(out) ? out.doc : out;
      const select = isSelecting(out) ? out.select : undefined;
      if (next === s.history.present && !select) return s;
      const history = record(s.history, next);
      const sel = select ? { selectedNodes: new Set(select), selectedEdges: EMPTY } : pruneSelection(s, next);
      return { ...s, ...sel, history, version: history === s.history ? s.version : s.version + 1 };
    }
    case 'undo':
    case 'redo': {
      const history = a.t === 'undo' ? undo(s.history) : redo(s.history);
      if (history === s.history) return s;
      return { ...s, ...pruneSelection(s, history.present), history, version: s.version + 1 };
    }
    case 'select':
      return { ...s, selectedNodes: a.nodes, selectedEdges: a.edges };
    case 'reset':
      return { history: createHistory(a.doc), selectedNodes: EMPTY, selectedEdges: EMPTY, version: 0 };
  }
}

export function useFlowEditor(initial: DraftDoc) {
  const [state, dispatch] = useReducer(reducer, undefined, () => ({ history: createHistory(initial), selectedNodes: EMPTY, selectedEdges: EMPTY, version: 0 }));
  const clip = useRef<Clip | null>(null);
  const pastes = useRef(0);
  const doc = state.history.present;
  const docRef = useRef(doc);
  docRef.current = doc;
  const selRef = useRef(state.selectedNodes);
  selRef.current = state.selectedNodes;

  const edit = useCallback((fn: (d: DraftDoc) => DraftDoc | Selecting) => dispatch({ t: 'edit', fn }), []);
  const select = useCallback((nodes: Iterable<string>, edges: Iterable<string> = []) => dispatch({ t: 'select', nodes: new Set(nodes), edges: new Set(edges) }), []);
  const reset = useCallback((d: DraftDoc) => dispatch({ t: 'reset', doc: d }), []);

  const copy = useCallback((): number => {
    clip.current = copySelection(docRef.current, selRef.current);
    pastes.current = 0;
    return clip.current?.nodes.length ?? 0;
  }, []);

  const paste = useCallback((at?: XY): number => {
    const c = clip.current;
    if (!c) return 0;
    pastes.current += 1;
    const first = c.nodes[0];
    const offset = at && first ? { x: at.x - first.position.x, y: at.y - first.position.y } : { x: 40 * pastes.current, y: 40 * pastes.current };
    dispatch({
      t: 'edit',
      fn: (d) => {
        const r = pasteClip(d, c, offset);
        return { doc: r.doc, select: r.ids };
      },
    });
    return c.nodes.length;
  }, []);

  const edgeSelRef = useRef(state.selectedEdges);
  edgeSelRef.current = state.selectedEdges;
  const deleteSelected = useCallback(() => {
    const nodes = [...selRef.current];
    const edges = [...edgeSelRef.current];
    dispatch({ t: 'edit', fn: (d) => removeElements(d, nodes.filter((id) => d.nodes.find((n) => n.id === id)?.type !== 'trigger' || d.nodes.filter((n) => n.type === 'trigger').length > 1), edges) });
  }, []);

  return useMemo(
    () => ({
      doc,
      version: state.version,
      selectedNodes: state.selectedNodes,
      selectedEdges: state.selectedEdges,
      canUndo: canUndo(state.history),
      canRedo: canRedo(state.history),
      hasClip: () => clip.current !== null,
      edit, select, reset, copy, paste, deleteSelected,
      undo: () => dispatch({ t: 'undo' }),
      redo: () => dispatch({ t: 'redo' }),
    }),
    [doc, state, edit, select, reset, copy, paste, deleteSelected],
  );
}

export type FlowEditor = ReturnType<typeof useFlowEditor>;
