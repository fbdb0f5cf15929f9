import { AppstoreAddOutlined, CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { ReactFlowProvider } from '@xyflow/react';
import { App, Button, Card, Col, Empty, List, Row, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http-client';
import { orgApi, refName } from '../api/org.api';
import { templatesApi, type Bindings } from '../api/templates.api';
import { navigate } from '../app/router';
import { useSession } from '../auth/session.context';
import { useAsync } from '../common/use-async';
import { FlowCanvas } from '../editor/canvas/flow-canvas';
import { draftFrom } from '../editor/model/draft-from';
import { chartRows } from '../editor/simulation/chart-rows';
import { RepBarChart } from '../editor/simulation/rep-bar-chart';
import { OutcomeTable } from '../editor/simulation/simulation-figures';
import { pick, useLocale } from '../i18n/i18n';

/** Prebuilt flows: each previewed read-only with what it does to its example data; installed as a draft in one click. */
export function TemplateGalleryPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useAsync(() => templatesApi.list(), [locale]);
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected ?? list.data?.items[0]?.id ?? null;
  return (
    <div data-testid="template-gallery">
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('templates.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('templates.intro')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col span={8}>
          <List
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            renderItem={(tpl) => (
              <Card
                size="small"
                hoverable
                style={{ marginBottom: 10, borderColor: tpl.id === current ? '#1f6feb' : undefined }}
                onClick={() => setSelected(tpl.id)}
                data-testid={`template-${tpl.id}`}
              >
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space>
                    <Typography.Text strong>{pick(tpl.name, locale)}</Typography.Text>
                    <Tag>{t(`kinds.${tpl.kind}`, { defaultValue: tpl.kind })}</Tag>
                  </Space>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>{pick(tpl.description, locale)}</Typography.Paragraph>
                </Space>
              </Card>
            )}
          />
        </Col>
        <Col span={16}>{current ? <TemplateDetail key={current} id={current} /> : <Empty />}</Col>
      </Row>
    </div>
  );
}

function TemplateDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const { user } = useSession();
  const detail = useAsync(() => templatesApi.get(id), [id, locale]);
  const refs = useAsync(() => orgApi.load(), []);
  const [bindings, setBindings] = useState<Bindings>({});
  const [installing, setInstalling] = useState(false);
  const d = detail.data;
  const exampleNames = useMemo(
    () => new Map(d ? [...d.example.teams, ...d.example.pools, ...d.example.reps].map((x) => [x.id, x.name] as [string, string]) : []),
    [d],
  );
  const doc = useMemo(() => (d ? draftFrom(d.document, { id: d.id, name: pick(d.name, locale), kind: d.kind, trigger: d.trigger }) : null), [d, locale]);

  const install = async () => {
    if (!d) return;
    setInstalling(true);
    try {
      const r = await templatesApi.install(d.id, { bindings });
      void message.success(r.unbound.length ? t('templates.installedUnbound', { count: r.unbound.length }) : t('templates.installed'));
      navigate(`/flows/${r.flow.id}`);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setInstalling(false);
    }
  };

  if (detail.error) return <Typography.Text type="danger">{detail.error.message}</Typography.Text>;
  if (!d || !doc) return <Spin />;
  const exampleName = (kind: 'team' | 'pool' | 'rep', pid: string) =>
    (kind === 'team' ? d.example.teams : kind === 'pool' ? d.example.pools : d.example.reps).find((x) => x.id === pid)?.name ?? pid;
  const orgOptions = (kind: 'team' | 'pool' | 'rep') =>
    (refs.data ? (kind === 'team' ? refs.data.teams : kind === 'pool' ? refs.data.pools : refs.data.reps) : []).map((r) => ({ value: r.id, label: refName(r, locale) ?? r.id }));
  const placeholders = (['team', 'pool', 'rep'] as const).flatMap((kind) => d.placeholders[kind].map((pid) => ({ kind, pid })));

  return (
    <Card data-testid="template-detail" title={<Space><AppstoreAddOutlined />{pick(d.name, locale)}</Space>}>
      <Typography.Paragraph>{pick(d.description, locale)}</Typography.Paragraph>
      <ul style={{ paddingLeft: 18 }}>{d.highlights.map((h, i) => <li key={i}>{pick(h, locale)}</li>)}</ul>
      <div style={{ height: 340, border: '1px solid #e5e9f0', borderRadius: 6, marginBottom: 12 }} data-testid="template-preview">
        <ReactFlowProvider>
          <FlowCanvas doc={doc} minimap={false} names={exampleNames} />
        </ReactFlowProvider>
      </div>
      <Typography.Title level={5}>{t('templates.onSample', { count: d.example.customers })}</Typography.Title>
      {d.preview.expectations.met ? (
        <Tag icon={<CheckCircleOutlined />} color="success">{t('templates.expectationsMet')}</Tag>
      ) : (
        <Tag icon={<WarningOutlined />} color="warning">{t('templates.expectationsNotMet')}</Tag>
      )}
      {d.preview.report && (
        <>
          <OutcomeTable draft={d.preview.report} active={null} draftLabel={t('templates.sampleResult')} />
          <RepBarChart rows={chartRows(d.preview.report, null)} />
        </>
      )}
      {d.preview.scenarios.map((s, i) => (
        <div key={i} style={{ marginTop: 8 }}>
          <Typography.Text strong>{pick(s.name, locale)}</Typography.Text>
          <Timeline
            style={{ marginTop: 8 }}
            items={s.entries.filter((e) => e.actions.length > 0).map((e) => ({
              children: `${t('templates.atHours', { hours: e.atHours })}: ${e.actions.map((a) => (a.message ? pick(a.message, locale) : t(`actions.${a.kind}`, { defaultValue: a.kind }))).join('; ')}`,
            }))}
          />
        </div>
      ))}
      {placeholders.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('templates.bindTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('templates.bindHelp')}</Typography.Paragraph>
          {placeholders.map(({ kind, pid }) => (
            <Space key={`${kind}:${pid}`} style={{ display: 'flex', marginBottom: 6 }}>
              <span style={{ width: 180, display: 'inline-block' }}>{t(`templates.kind.${kind}`)}「{exampleName(kind, pid)}」→</span>
              <Select
                allowClear
                style={{ width: 240 }}
                placeholder={kind === 'pool' ? t('templates.defaultPool') : t('templates.bindLater')}
                value={bindings[kind]?.[pid]}
                options={orgOptions(kind)}
                onChange={(v: string | undefined) =>
                  setBindings((b) => {
                    const next = { ...(b[kind] ?? {}) };
                    if (v) next[pid] = v;
                    else delete next[pid];
                    return { ...b, [kind]: next };
                  })
                }
                data-testid={`bind-${kind}-${pid}`}
              />
            </Space>
          ))}
        </>
      )}
      {user?.role === 'admin' && (
        <Button type="primary" size="large" icon={<AppstoreAddOutlined />} loading={installing} onClick={() => void install()} style={{ marginTop: 12 }} data-testid="install-template">
          {t('templates.install')}
        </Button>
      )}
    </Card>
  );
}

