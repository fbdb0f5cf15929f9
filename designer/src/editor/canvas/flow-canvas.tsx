import {
  Background, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow,
  type Connection, type Edge, type EdgeChange, type IsValidConnection, type NodeChange, type OnDelete,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { DraftDoc, XY } from '../model/draft.types';
import { addNode, connect, createNode, moveNodes, removeElements } from '../model/doc-ops';
import type { FlowEditor } from '../model/use-flow-editor';
import { DRAG_MIME } from '../palette/node-palette';
import { CATEGORY_COLORS } from '../palette/node-icon';
import type { NodeChange as DiffChange } from '../versions/flow-diff';
import { NODE_TYPES_RF } from './flow-node';
import { NodeBuilder, buildEdges, type CardNode } from './to-react-flow';
import { useLocale } from '../../i18n/i18n';

interface Props {
  doc: DraftDoc;
  /** absent: read-only (previews, diffs) */
  editor?: FlowEditor;
  errorCounts?: ReadonlyMap<string, number>;
  /** a lit simulation path: node id → result words, and the edges taken */
  path?: { nodes: ReadonlyMap<string, string>; edges: ReadonlySet<string> };
  diff?: { nodes: ReadonlyMap<string, DiffChange>; edges: ReadonlyMap<string, string> };
  onNodeClick?(nodeId: string): void;
  /** called once React Flow is ready (e.g. to measure the time to interactive) */
  onReady?(): void;
  fitOnLoad?: boolean;
  /** the minimap (off for small previews) */
  minimap?: boolean;
  names?: ReadonlyMap<string, string>;
}

const EMPTY_COUNTS: ReadonlyMap<string, number> = new Map();
const NO_SELECTION: ReadonlySet<string> = new Set();
// props React Flow compares by identity: kept stable so a re-render (every frame of a drag) re-subscribes nothing
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const DEFAULT_EDGE_OPTIONS = { type: 'smoothstep' };
const minimapColor = (n: CardNode): string => (n.data.category === 'unknown' ? '#8c959f' : CATEGORY_COLORS[n.data.category]);

/** The flow canvas: the document drawn with React Flow, edited through the editor's pure document operations. */
export function FlowCanvas({ doc, editor, errorCounts = EMPTY_COUNTS, path, diff, onNodeClick, onReady, fitOnLoad = true, minimap = true, names }: Props) {
  const locale = useLocale();
  const rf = useReactFlow();
  const builder = useRef(new NodeBuilder());
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  /** positions of the nodes being dragged; the document is changed once, when they are dropped */
  const [dragging, setDragging] = useState<ReadonlyMap<string, XY> | null>(null);
  const dragRef = useRef<Map<string, XY> | null>(null);
  const readOnly = !editor;
  const selectedNodes = editor?.selectedNodes ?? NO_SELECTION;
  const selectedEdges = editor?.selectedEdges ?? NO_SELECTION;

  const built = useMemo(
    () =>
      builder.current.build(doc, {
        locale, selected: selectedNodes, errorCounts, measured, readOnly,
        ...(names ? { names } : {}),
        ...(path ? { path: path.nodes } : {}),
        ...(diff ? { diff: diff.nodes } : {}),
      }),
    [doc, locale, selectedNodes, errorCounts, measured, readOnly, path, diff, names],
  );
  const nodes = useMemo(
    () => (dragging ? built.map((n) => (dragging.has(n.id) ? { ...n, position: dragging.get(n.id) as XY, dragging: true } : n)) : built),
    [built, dragging],
  );
  const edges = useMemo(
    () => buildEdges(doc, { locale, selected: selectedEdges, ...(path ? { pathEdges: path.edges } : {}), ...(diff ? { edgeDiff: diff.edges } : {}) }),
    [doc, locale, selectedEdges, path, diff],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CardNode>[]) => {
      const positions = new Map<string, XY>();
      let dims: Map<string, { width: number; height: number }> | undefined;
      let selection: Set<string> | undefined;
      let dragEnded = false;
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) {
          dims ??= new Map();
          dims.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
        } else if (c.type === 'position' && editor) {
          if (c.position) positions.set(c.id, c.position);
          if (c.dragging === false) dragEnded = true;
        } else if (c.type === 'select' && editor) {
          selection ??= new Set(editor.selectedNodes);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      }
      if (dims) {
        const add = dims;
        setMeasured((m) => {
          let changed = false;
          for (const [id, d] of add) {
            const old = m.get(id);
            if (!old || old.width !== d.width || old.height !== d.height) changed = true;
          }
          return changed ? new Map([...m, ...add]) : m;
        });
      }
      if (!editor) return;
      if (positions.size || dragEnded) {
        const moving = dragRef.current ?? new Map<string, XY>();
        for (const [id, p] of positions) moving.set(id, p);
        if (dragEnded) {
          dragRef.current = null;
          setDragging(null);
          if (moving.size) editor.edit((d) => moveNodes(d, moving));
        } else {
          dragRef.current = moving;
          setDragging(new Map(moving));
        }
      }
      if (selection) editor.select(selection, editor.selectedEdges);
    },
    [editor],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<Edge>[]) => {
      if (!editor) return;
      let selection: Set<string> | undefined;
      for (const c of changes) {
        if (c.type === 'select') {
          selection ??= new Set(editor.selectedEdges);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      }
      if (selection) editor.select(editor.selectedNodes, selection);
    },
    [editor],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (editor && c.sourceHandle) editor.edit((d) => connect(d, c.source, c.sourceHandle as string, c.target));
    },
    [editor],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (c) => c.source !== c.target && doc.nodes.find((n) => n.id === c.target)?.type !== 'trigger',
    [doc],
  );

  const onDelete: OnDelete<CardNode, Edge> = useCallback(
    ({ nodes: ns, edges: es }) => {
      if (!editor) return;
      const triggers = editor.doc.nodes.filter((n) => n.type === 'trigger').length;
      const ids = ns.filter((n) => n.data.draft.type !== 'trigger' || triggers > 1).map((n) => n.id);
      editor.edit((d) => removeElements(d, ids, es.map((e) => e.id)));
    },
    [editor],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_MIME);
      if (!editor || !type) return;
      e.preventDefault();
      const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      editor.edit((d) => {
        const node = createNode(d, type, { x: at.x - 120, y: at.y - 30 });
        return { doc: addNode(d, node), select: [node.id] };
      });
    },
    [editor, rf],
  );

  const handleNodeClick = useCallback((_e: unknown, n: CardNode) => onNodeClick?.(n.id), [onNodeClick]);
  const handleInit = useCallback(() => onReady?.(), [onReady]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(DRAG_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    }
  }, []);

  return (
    <ReactFlow<CardNode, Edge>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES_RF}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onDelete={onDelete}
      isValidConnection={isValidConnection}
      onDrop={onDrop}
      onDragOver={onDragOver}
      onNodeClick={onNodeClick ? handleNodeClick : undefined}
      onInit={handleInit}
      minZoom={0.05}
      maxZoom={2}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      elementsSelectable={!readOnly || !!onNodeClick}
      deleteKeyCode={readOnly ? null : DELETE_KEYS}
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      data-testid={readOnly ? 'canvas-readonly' : 'canvas'}
    >
      <Background gap={20} size={1} />
      {fitOnLoad && <FitWhenMeasured />}
      {minimap && <MiniMap<CardNode> pannable zoomable nodeStrokeWidth={2} nodeColor={minimapColor} />}
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

export const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.1 };

/** Zooms to fit once every node has been measured (the first time only). */
function FitWhenMeasured() {
  const initialized = useNodesInitialized();
  const { fitView } = useReactFlow();
  const done = useRef(false);
  useEffect(() => {
    if (!initialized || done.current) return;
    done.current = true;
    void fitView(FIT_OPTIONS);
  }, [initialized, fitView]);
  return null;
}
