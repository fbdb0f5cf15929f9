import { DiffOutlined, RollbackOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flowsApi, type FlowDetailT, type FlowVersionSummaryT } from '../../api/flows.api';
import { ApiError } from '../../api/http-client';
import { useAsync } from '../../common/use-async';
import { useLocale } from '../../i18n/i18n';
import { getNodeDefinition } from '../../../../engine/core/nodes';
import type { DraftDoc } from '../model/draft.types';
import { draftFrom } from '../model/draft-from';
import { PublishDialog } from '../publish-dialog';
import { diffDecorations, mergedForDiff, type EdgeChange, type NodeChange } from './flow-diff';

export interface DiffOverlay {
  doc: DraftDoc;
  decorations: { nodes: ReadonlyMap<string, NodeChange>; edges: ReadonlyMap<string, EdgeChange> };
  title: string;
  /** "Score (score): thresholds.A" per changed node */
  details: string[];
}

interface Props {
  flow: FlowDetailT;
  doc: DraftDoc;
  readOnly: boolean;
  onDiff(d: DiffOverlay | null): void;
  flushSave(): Promise<boolean>;
}

/** Published versions, newest first: compare one with the draft (drawn on the canvas), activate it, or publish it again (roll back). */
export function VersionsPanel({ flow, readOnly, onDiff, flushSave }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const versions = useAsync(() => flowsApi.versions(flow.id), [flow.id]);
  const [rollback, setRollback] = useState<FlowVersionSummaryT | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const compare = async (v: FlowVersionSummaryT) => {
    setBusy(v.id);
    try {
      await flushSave();
      const [detail, current, d] = await Promise.all([flowsApi.version(v.id), flowsApi.get(flow.id), flowsApi.diff(flow.id, v.id, 'draft')]);
      const before = draftFrom(detail.document, { id: flow.id, name: detail.name, kind: detail.kind, trigger: detail.trigger });
      const after = draftFrom(current.document, { id: flow.id, name: current.name, kind: current.kind, trigger: current.trigger });
      const c = d.diff.nodes;
      const title = d.diff.identical
        ? t('versions.identical', { version: v.version })
        : t('versions.diffTitle', { version: v.version, added: c.added.length, removed: c.removed.length, changed: c.changed.length, edges: d.diff.edges.added.length + d.diff.edges.removed.length });
      const details = d.diff.nodes.changed.map((n) => {
        const what = n.paths.map((p) => p.replace(/^\/params\//, '').replace(/\//g, '.')).slice(0, 4).join(', ');
        return `${n.label || titleOf(n.type)} (${n.id}): ${what}${n.truncated || n.paths.length > 4 ? ' …' : ''}`;
      });
      onDiff({ doc: mergedForDiff(before, after), decorations: diffDecorations(d.diff), title, details });
    } catch (err) {
      void message.error((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const activate = async (v: FlowVersionSummaryT) => {
    setBusy(v.id);
    try {
      await flowsApi.activate(v.id);
      void message.success(t('versions.activated', { version: v.version }));
      versions.reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const titleOf = (type: string) => getNodeDefinition(type)?.labels[locale] ?? type;
  const items = versions.data?.items ?? [];
  return (
    <div data-testid="versions-panel">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('versions.explain')}</Typography.Paragraph>
      {items.length === 0 && !versions.loading ? (
        <Empty description={t('versions.none')} />
      ) : (
        <List
          loading={versions.loading}
          dataSource={items}
          renderItem={(v) => (
            <List.Item data-testid={`version-${v.version}`}>
              <div style={{ width: '100%' }}>
                <Space>
                  <Typography.Text strong>v{v.version}</Typography.Text>
                  {v.active && <Tag color="green" icon={<ThunderboltOutlined />}>{t('versions.active')}</Tag>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {new Date(v.publishedAt).toLocaleString()} · {v.publishedBy?.name ?? '—'}
                  </Typography.Text>
                </Space>
                {v.note && <div style={{ margin: '4px 0', color: '#3b4758' }}>{v.note}</div>}
                <Space size={6} style={{ marginTop: 4 }}>
                  <Button size="small" icon={<DiffOutlined />} loading={busy === v.id} onClick={() => void compare(v)} data-testid={`compare-${v.version}`}>
                    {t('versions.compare')}
                  </Button>
                  {!readOnly && !v.active && (
                    <Button size="small" icon={<ThunderboltOutlined />} onClick={() => void activate(v)} data-testid={`activate-${v.version}`}>{t('versions.activate')}</Button>
                  )}
                  {!readOnly && (
                    <Button size="small" icon={<RollbackOutlined />} onClick={() => setRollback(v)} data-testid={`rollback-${v.version}`}>{t('versions.rollback')}</Button>
                  )}
                </Space>
              </div>
            </List.Item>
          )}
        />
      )}
      {rollback && (
        <PublishDialog
          flow={flow}
          fromVersion={{ id: rollback.id, version: rollback.version }}
          flushSave={flushSave}
          onClose={() => setRollback(null)}
          onDone={() => {
            setRollback(null);
            versions.reload();
          }}
        />
      )}
    </div>
  );
}
