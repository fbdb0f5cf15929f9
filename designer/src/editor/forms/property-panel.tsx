import { CodeOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Collapse, ConfigProvider, Divider, Empty, Input, Select, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getNodeDefinition } from '../../../../engine/core/nodes';
import { nodeCatalog } from '../model/catalog';
import type { OrgRefs } from '../../api/org.api';
import { pick, useLocale } from '../../i18n/i18n';
import { addNode, connect, createNode, disconnect, placeNear, removeElements, setNodeLabel, updateParams } from '../model/doc-ops';
import type { DraftNode } from '../model/draft.types';
import { nodeOutputs } from '../model/node-info';
import type { FlowEditor } from '../model/use-flow-editor';
import { NodeIcon } from '../palette/node-icon';
import type { PlacedError } from '../validation/validate-draft';
import { fieldDomId, FormEnvContext } from './form-context';
import { groupModel, type JsonSchema } from './form-model';
import { SchemaForm } from './schema-form';

interface Props {
  editor: FlowEditor;
  node: DraftNode;
  refs: OrgRefs | null;
  errors: readonly PlacedError[];
  /** a params pointer to scroll to and highlight (from a clicked error) */
  focus?: { pointer: string; at: number } | undefined;
  readOnly?: boolean;
}

const NEW_END = '__new_end__';

/** The selected node's settings: its name, a form generated from its params schema, and where each output leads. */
export function PropertyPanel({ editor, node, refs, errors, focus, readOnly = false }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const def = getNodeDefinition(node.type);
  const entry = useMemo(() => nodeCatalog(locale).find((e) => e.type === node.type), [locale, node.type]);
  const model = useMemo(() => (entry ? groupModel(entry.paramsSchema as JsonSchema) : null), [entry]);
  const outputs = nodeOutputs(node);
  const env = useMemo(() => ({ locale, refs, errors, nodeId: node.id }), [locale, refs, errors, node.id]);
  const targets = editor.doc.nodes.filter((n) => n.id !== node.id && n.type !== 'trigger');
  const titleOf = (n: DraftNode) => n.label || (getNodeDefinition(n.type)?.labels[locale] ?? n.type);
  const nodeErrors = errors.filter((e) => e.paramsPointer === undefined);

  useEffect(() => {
    if (!focus) return;
    // the deepest field whose pointer starts the error's pointer
    const parts = focus.pointer.split('/');
    for (let i = parts.length; i > 1; i--) {
      const el = document.getElementById(fieldDomId(node.id, parts.slice(0, i).join('/')));
      if (el) {
        el.scrollIntoView({ block: 'center', behavior: 'smooth' });
        el.classList.remove('flash');
        void el.offsetWidth;
        el.classList.add('flash');
        el.querySelector<HTMLElement>('input,textarea,.ant-select-selector,button')?.focus();
        return;
      }
    }
  }, [focus, node.id]);

  const setTarget = (output: string, target: string | undefined) => {
    if (!target) return editor.edit((d) => disconnect(d, node.id, output));
    if (target === NEW_END) {
      return editor.edit((d) => {
        const end = createNode(d, 'end', placeNear(d, node.id, node.position));
        return connect(addNode(d, end), node.id, output, end.id);
      });
    }
    editor.edit((d) => connect(d, node.id, output, target));
  };

  if (!def || !model) return <Empty description={t('props.unknownType', { type: node.type })} />;
  return (
    <FormEnvContext.Provider value={env}>
      <ConfigProvider componentDisabled={readOnly}>
        <div data-testid="property-panel" data-node-id={node.id}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <span style={{ fontSize: 20 }}><NodeIcon name={def.icon} /></span>
          <Typography.Title level={5} style={{ margin: 0, flex: 1 }}>{def.labels[locale]}</Typography.Title>
          <Tag>{node.id}</Tag>
        </div>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 10px' }}>{def.help[locale]}</Typography.Paragraph>
        {nodeErrors.map((e, i) => (
          <div key={i} className="allot-field-error" style={{ marginBottom: 6 }}>{pick(e.error.message, locale)}</div>
        ))}
        <div className="allot-field">
          <div className="allot-field-label">{t('props.name')}</div>
          <Input
            value={node.label ?? ''}
            placeholder={def.labels[locale]}
            maxLength={100}
            onChange={(e) => editor.edit((d) => setNodeLabel(d, node.id, e.target.value))}
            data-testid="node-label"
          />
        </div>
        <Divider style={{ margin: '8px 0 12px' }} orientation="left" plain>{t('props.settings')}</Divider>
        <SchemaForm model={model} nodeType={node.type} value={node.params} onChange={(params) => editor.edit((d) => updateParams(d, node.id, params))} />
        {outputs.length > 0 && (
          <>
            <Divider style={{ margin: '8px 0 12px' }} orientation="left" plain>{t('props.outputs')}</Divider>
            {outputs.map((o) => {
              const edge = editor.doc.edges.find((e) => e.source === node.id && e.sourceHandle === o.id);
              const unconnected = !edge;
              return (
                <div key={o.id} className="allot-field" style={{ display: 'flex', alignItems: 'center', gap: 8 }} id={fieldDomId(node.id, `/outputs/${o.id}`)}>
                  <span style={{ width: 96, flexShrink: 0 }}>{o.labels[locale]} →</span>
                  <Select
                    style={{ flex: 1 }}
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    status={unconnected ? 'warning' : undefined}
                    placeholder={t('props.notConnected')}
                    value={edge?.target}
                    onChange={(v: string | undefined) => setTarget(o.id, v)}
                    options={[
                      ...targets.map((n) => ({ value: n.id, label: `${titleOf(n)} · ${n.id}` })),
                      { value: NEW_END, label: t('props.newEnd') },
                    ]}
                    data-testid={`output-${o.id}`}
                  />
                </div>
              );
            })}
          </>
        )}
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 8 }}
          items={[{ key: 'json', label: <span><CodeOutlined /> {t('props.viewJson')}</span>, children: <pre style={{ fontSize: 11, maxHeight: 300, overflow: 'auto', background: '#f6f8fa', padding: 8 }} data-testid="node-json">{JSON.stringify(node, null, 2)}</pre> }]}
        />
        {node.type !== 'trigger' && (
          <Button danger icon={<DeleteOutlined />} block style={{ marginTop: 12 }} onClick={() => editor.edit((d) => removeElements(d, [node.id]))} data-testid="delete-node">
            {t('props.deleteNode')}
          </Button>
        )}
      </div>
      </ConfigProvider>
    </FormEnvContext.Provider>
  );
}
