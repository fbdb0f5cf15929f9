import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { Alert, App, Badge, Tabs } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationContext } from '../../../engine/core/flow';
import type { FlowDetailT } from '../api/flows.api';
import { refName, type OrgRefs } from '../api/org.api';
import { useLocale } from '../i18n/i18n';
import { FlowCanvas } from './canvas/flow-canvas';
import { EditorToolbar } from './editor-toolbar';
import { EDITOR_READY_MARK } from './editor.page';
import { FlowSettings } from './forms/flow-settings';
import { PropertyPanel } from './forms/property-panel';
import { autoLayout } from './layout/elk-layout';
import { nodeCatalog } from './model/catalog';
import { addNode, createNode, moveNodes, placeNear } from './model/doc-ops';
import { draftFrom } from './model/draft-from';
import { useAutosave } from './model/use-autosave';
import { useFlowEditor } from './model/use-flow-editor';
import { NodePalette } from './palette/node-palette';
import type { LitPath } from './simulation/light-path';
import { SimulationPanel } from './simulation/simulation-panel';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { ValidationPanel } from './validation/validation-panel';
import { validateDraft, type DraftValidation, type PlacedError } from './validation/validate-draft';
import { VersionsPanel, type DiffOverlay } from './versions/versions-panel';

interface Props {
  flow: FlowDetailT;
  refs: OrgRefs | null;
  readOnly: boolean;
}

type SideTab = 'props' | 'problems' | 'simulate' | 'versions';

/** Until the first validation has run: nothing reported yet (the toolbar says it is checking). */
const NOT_CHECKED: DraftValidation = { valid: false, errors: [], byNode: new Map() };

export function validationContext(refs: OrgRefs | null): ValidationContext | undefined {
  if (!refs) return undefined;
  return { teamIds: refs.teams.map((t) => t.id), repIds: refs.reps.map((r) => r.id), poolIds: refs.pools.map((p) => p.id), fields: refs.fields };
}

/** The editor: palette, canvas, and a side panel with properties, problems, simulation and versions. */
export function EditorWorkspace({ flow, refs, readOnly }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const rf = useReactFlow();
  const initial = useMemo(() => draftFrom(flow.document, { id: flow.id, name: flow.name, kind: flow.kind, trigger: flow.trigger }), [flow]);
  const editor = useFlowEditor(initial);
  const { doc } = editor;
  const autosave = useAutosave(flow.id, doc, editor.version, flow.revision, !readOnly);
  const [tab, setTab] = useState<SideTab>('props');
  const [focus, setFocus] = useState<{ pointer: string; at: number } | undefined>();
  const [lit, setLit] = useState<LitPath | null>(null);
  const [diff, setDiff] = useState<DiffOverlay | null>(null);

  // live validation with the engine's validator, a moment after the last change
  const ctx = useMemo(() => validationContext(refs), [refs]);
  // the first run waits a moment too, so opening a large flow draws the canvas first
  const [checked, setChecked] = useState<DraftValidation | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setChecked(validateDraft(doc, ctx)), 200);
    return () => clearTimeout(timer);
  }, [doc, ctx]);
  const validation = checked ?? NOT_CHECKED;
  const names = useMemo(() => refNames(refs, locale), [refs, locale]);
  const errorCounts = useMemo(() => new Map([...validation.byNode].map(([id, list]) => [id, list.length])), [validation]);

  const selectedId = editor.selectedNodes.size === 1 ? [...editor.selectedNodes][0] : undefined;
  const selected = selectedId ? doc.nodes.find((n) => n.id === selectedId) : undefined;
  // picking a node while the problem list is open shows its properties
  useEffect(() => {
    if (selectedId) setTab((t) => (t === 'problems' ? 'props' : t));
  }, [selectedId]);

  const focusNode = useCallback(
    (nodeId: string) => {
      const n = editor.doc.nodes.find((x) => x.id === nodeId);
      if (!n) return;
      editor.select([nodeId]);
      void rf.setCenter(n.position.x + 120, n.position.y + 60, { zoom: Math.max(rf.getZoom(), 0.9), duration: 300 });
    },
    [editor, rf],
  );

  const pickError = useCallback(
    (p: PlacedError) => {
      if (!p.nodeId) return;
      focusNode(p.nodeId);
      setTab('props');
      const pointer = p.paramsPointer ?? (p.error.code === 'FLOW_OUTPUT_NOT_CONNECTED' ? outputPointer(p) : undefined);
      if (pointer !== undefined) setFocus({ pointer, at: Date.now() });
    },
    [focusNode],
  );

  /** Lights a customer's path and brings it into view. */
  const lightUp = useCallback(
    (p: LitPath | null) => {
      setLit(p);
      if (p) window.requestAnimationFrame(() => void rf.fitView({ nodes: [...p.nodes.keys()].map((id) => ({ id })), padding: 0.2, maxZoom: 1, duration: 300 }));
    },
    [rf],
  );

  const addFromPalette = useCallback(
    (type: string) => {
      const center = rf.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
      editor.edit((d) => {
        const node = createNode(d, type, placeNear(d, selectedId, center));
        return { doc: addNode(d, node), select: [node.id] };
      });
      setTab('props');
    },
    [editor, rf, selectedId],
  );

  const layout = useCallback(async () => {
    const measured = new Map(rf.getNodes().flatMap((n) => (n.measured?.width && n.measured.height ? [[n.id, { width: n.measured.width, height: n.measured.height }]] : [])));
    const positions = await autoLayout(editor.doc, measured);
    editor.edit((d) => moveNodes(d, positions));
    window.requestAnimationFrame(() => void rf.fitView({ padding: 0.15, duration: 300 }));
  }, [editor, rf]);

  const shortcuts = useMemo(
    () => ({
      undo: editor.undo,
      redo: editor.redo,
      copy: () => {
        const n = editor.copy();
        if (n) void message.info(t('editor.copied', { count: n }));
      },
      paste: () => editor.paste(),
      selectAll: () => editor.select(editor.doc.nodes.map((n) => n.id)),
    }),
    [editor, message, t],
  );
  useEditorShortcuts(shortcuts, !readOnly && !diff);

  const catalog = nodeCatalog(locale);
  const problems = validation.errors.length;

  return (
    <>
      <EditorToolbar
        flow={flow}
        doc={doc}
        editor={editor}
        readOnly={readOnly || diff !== null}
        saveState={autosave.state}
        validation={validation}
        checking={checked === null}
        onLayout={() => void layout()}
        onFit={() => void rf.fitView({ padding: 0.15, duration: 300 })}
        onShowProblems={() => setTab('problems')}
        flushSave={autosave.flush}
        onPublished={() => setTab('versions')}
      />
      {autosave.state === 'conflict' && <Alert type="error" banner message={t('editor.conflict')} />}
      {readOnly && <Alert type="info" banner message={t(flow.archivedAt ? 'editor.archived' : 'editor.readOnly')} />}
      {diff && (
        <Alert
          type="warning"
          banner
          message={diff.title}
          description={diff.details.length ? <span data-testid="diff-details">{diff.details.join(' · ')}</span> : undefined}
          action={<a onClick={() => setDiff(null)} data-testid="exit-diff">{t('versions.exitDiff')}</a>}
        />
      )}
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {!readOnly && !diff && <NodePalette catalog={catalog} kind={doc.kind} onAdd={addFromPalette} />}
        <div style={{ flex: 1, minWidth: 0, position: 'relative' }} data-testid="canvas-area">
          {diff ? (
            <FlowCanvas key="diff" doc={diff.doc} diff={diff.decorations} names={names} />
          ) : (
            <FlowCanvas
              doc={doc}
              {...(readOnly ? {} : { editor })}
              errorCounts={errorCounts}
              names={names}
              {...(lit ? { path: lit } : {})}
              onNodeClick={readOnly ? (id) => editor.select([id]) : undefined}
            />
          )}
          <ReadyMark />
        </div>
        <div className="allot-side" style={tab === 'simulate' || tab === 'versions' ? { width: 520 } : undefined}>
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as SideTab)}
            size="small"
            style={{ padding: '0 12px' }}
            items={[
              { key: 'props', label: <span data-testid="tab-props">{t('editor.tabs.props')}</span> },
              { key: 'problems', label: <Badge count={problems} size="small" offset={[8, -2]}><span data-testid="tab-problems">{t('editor.tabs.problems')}</span></Badge> },
              { key: 'simulate', label: <span data-testid="tab-simulate">{t('editor.tabs.simulate')}</span> },
              { key: 'versions', label: <span data-testid="tab-versions">{t('editor.tabs.versions')}</span> },
            ]}
          />
          <div className="allot-side-body">
            {tab === 'props' &&
              (selected ? (
                <PropertyPanel key={selected.id} editor={editor} node={selected} refs={refs} errors={validation.byNode.get(selected.id) ?? []} focus={focus} readOnly={readOnly} />
              ) : (
                <FlowSettings editor={editor} readOnly={readOnly} />
              ))}
            {tab === 'problems' && <ValidationPanel doc={doc} validation={validation} onPick={pickError} />}
            {tab === 'simulate' && <SimulationPanel flowId={flow.id} doc={doc} refs={refs} flushSave={autosave.flush} onLight={lightUp} lit={lit} onPickNode={focusNode} />}
            {tab === 'versions' && <VersionsPanel flow={flow} doc={doc} readOnly={readOnly} onDiff={setDiff} flushSave={autosave.flush} />}
          </div>
        </div>
      </div>
    </>
  );
}

/** Names of the organisation's teams, reps and pools by id, in the UI language. */
export function refNames(refs: OrgRefs | null, locale: 'zh-CN' | 'en'): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (!refs) return out;
  for (const x of [...refs.teams, ...refs.pools, ...refs.reps]) out.set(x.id, refName(x, locale) ?? x.id);
  return out;
}

/** Pointer of the output field an "output not connected" error is about (`/outputs/<id>`). */
function outputPointer(p: PlacedError): string | undefined {
  const id = /^Output "[^"]*" \(([^)]+)\)/.exec(p.error.message.en)?.[1];
  return id ? `/outputs/${id}` : undefined;
}

/** Marks the moment the canvas has measured every node (the editor is interactive), once per open. */
function ReadyMark() {
  const initialized = useNodesInitialized();
  const done = useRef(false);
  useEffect(() => {
    if (!initialized || done.current) return;
    done.current = true;
    requestAnimationFrame(() => performance.mark(EDITOR_READY_MARK));
  }, [initialized]);
  return null;
}
