import { CopyOutlined, DeleteOutlined, EditOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flowsApi, type FlowSummaryT } from '../api/flows.api';
import { ApiError } from '../api/http-client';
import { navigate } from '../app/router';
import { useSession } from '../auth/session.context';
import { useAsync } from '../common/use-async';
import { pick, useLocale } from '../i18n/i18n';
import { NewFlowDialog } from './new-flow-dialog';

/** Flows by trigger: drafts and their published versions, which one is active, who edited last and when. */
export function FlowListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const { user } = useSession();
  const canWrite = user?.role === 'admin';
  const list = useAsync(() => flowsApi.list(), []);
  const [creating, setCreating] = useState(false);

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      void message.success(ok);
      list.reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : String(err));
    }
  };

  const items = list.data?.items ?? [];
  const triggers = (list.data?.triggers ?? []).filter((tr) => tr.active || items.some((f) => f.trigger === tr.trigger));
  const when = (iso: string) => new Date(iso).toLocaleString(locale);

  const columns = [
    {
      title: t('flows.name'),
      key: 'name',
      render: (_: unknown, f: FlowSummaryT) => (
        <Space direction="vertical" size={0}>
          <a onClick={() => navigate(`/flows/${f.id}`)} data-testid={`flow-link-${f.id}`}>{f.name}</a>
          {f.description && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.description}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('flows.kind'), key: 'kind', width: 110, render: (_: unknown, f: FlowSummaryT) => <Tag>{t(`kinds.${f.kind}`, { defaultValue: f.kind })}</Tag> },
    {
      title: t('flows.versions'),
      key: 'versions',
      width: 220,
      render: (_: unknown, f: FlowSummaryT) =>
        f.versions.length === 0 ? (
          <Tag>{t('flows.draftOnly')}</Tag>
        ) : (
          <Space size={[4, 4]} wrap>
            {f.versions.slice(0, 5).map((v) => (
              <Tooltip key={v.id} title={`${v.note ?? ''} · ${when(v.publishedAt)}`}>
                <Tag color={v.active ? 'green' : 'default'} icon={v.active ? <ThunderboltOutlined /> : undefined}>v{v.version}</Tag>
              </Tooltip>
            ))}
            {f.versions.length > 5 && <Tag>+{f.versions.length - 5}</Tag>}
          </Space>
        ),
    },
    {
      title: t('flows.lastEdit'),
      key: 'edited',
      width: 210,
      render: (_: unknown, f: FlowSummaryT) => (
        <span style={{ fontSize: 12 }}>
          {f.updatedBy?.name ?? '—'}
          <br />
          <Typography.Text type="secondary">{when(f.updatedAt)}</Typography.Text>
        </span>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 240,
      render: (_: unknown, f: FlowSummaryT) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => navigate(`/flows/${f.id}`)} data-testid={`open-${f.id}`}>{canWrite ? t('flows.edit') : t('flows.view')}</Button>
          {canWrite && (
            <Button size="small" icon={<CopyOutlined />} onClick={() => void act(async () => navigate(`/flows/${(await flowsApi.duplicate(f.id)).id}`), t('flows.duplicated'))}>
              {t('flows.duplicate')}
            </Button>
          )}
          {canWrite && (
            <Popconfirm title={t('flows.deleteConfirm')} okText={t('flows.delete')} cancelText={t('common.cancel')} onConfirm={() => void act(() => flowsApi.archive(f.id), t('flows.deleted'))}>
              <Button size="small" danger icon={<DeleteOutlined />} disabled={f.active !== null} data-testid={`delete-${f.id}`}>{t('flows.delete')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="flow-list">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('flows.title')}</Typography.Title>
        <Space>
          <Button onClick={() => navigate('/templates')}>{t('flows.fromTemplate')}</Button>
          {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-flow">{t('flows.new')}</Button>}
        </Space>
      </Space>
      {list.error && <Typography.Text type="danger">{list.error.message}</Typography.Text>}
      {!list.loading && triggers.length === 0 && <Empty description={t('flows.empty')} />}
      {triggers.map((tr) => (
        <Card
          key={tr.trigger}
          size="small"
          style={{ marginBottom: 16 }}
          title={
            <Space>
              <ThunderboltOutlined />
              {pick(tr.labels, locale)}
              {tr.active ? (
                <Tag color="green" data-testid={`active-${tr.trigger}`}>{t('flows.activeIs', { name: tr.active.flowName, version: tr.active.version })}</Tag>
              ) : (
                <Tag>{t('flows.noneActive')}</Tag>
              )}
            </Space>
          }
        >
          <Table size="small" rowKey="id" pagination={false} columns={columns} dataSource={items.filter((f) => f.trigger === tr.trigger)} loading={list.loading} />
        </Card>
      ))}
      {creating && <NewFlowDialog triggers={list.data?.triggers ?? []} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/flows/${id}`)} />}
    </div>
  );
}
