import { PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Collapse, Progress, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgRefs } from '../../api/org.api';
import { simulationsApi, type SimulationReportViewT } from '../../api/simulations.api';
import { pick, useLocale } from '../../i18n/i18n';
import type { DraftDoc } from '../model/draft.types';
import { chartRows } from './chart-rows';
import { FairnessTable, OutcomeTable } from './simulation-figures';
import { lightPath, type LitPath } from './light-path';
import { RepBarChart } from './rep-bar-chart';

interface Props {
  flowId: string;
  doc: DraftDoc;
  refs: OrgRefs | null;
  flushSave(): Promise<boolean>;
  lit: LitPath | null;
  onLight(p: LitPath | null): void;
  onPickNode(nodeId: string): void;
}

type Source = 'current' | 'upload';

/**
 * Runs the draft (beside the active version) over the current customers or an uploaded file, with progress;
 * shows customers per rep by grade, fairness, unassigned reasons and differences; a customer lights its path.
 */
export function SimulationPanel({ flowId, doc, flushSave, lit, onLight, onPickNode }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [source, setSource] = useState<Source>('current');
  const [file, setFile] = useState<File | null>(null);
  const [compare, setCompare] = useState(true);
  const [arrival, setArrival] = useState<'now' | 'createdAt'>('now');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<SimulationReportViewT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    setProgress(null);
    onLight(null);
    abort.current = new AbortController();
    try {
      await flushSave();
      const opts = { compareWithActive: compare, arrival, paths: 500 };
      const onProgress = (p: number) => setProgress(Math.round(p * 100));
      const r = source === 'upload' && file
        ? await simulationsApi.upload(flowId, file, opts, onProgress, abort.current.signal)
        : await simulationsApi.current(flowId, opts, onProgress, abort.current.signal);
      setReport(r);
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setError((err as Error).message);
    } finally {
      setRunning(false);
      setProgress(null);
    }
  };

  const repName = new Map<string, string>();
  for (const side of [report?.draft, report?.active]) for (const r of side?.reps ?? []) repName.set(r.repId, r.name);
  const poolName = new Map((report?.draft.pools ?? []).map((p) => [p.poolId, p.name]));
  const placement = (outcome: string, ownerId: string | null, poolId: string | null) =>
    outcome === 'assigned' ? repName.get(ownerId ?? '') ?? ownerId ?? '' : outcome === 'pool' ? `${t('sim.outcome.pool')}: ${poolName.get(poolId ?? '') ?? poolId ?? ''}` : t(`sim.outcome.${outcome}`, { defaultValue: outcome });
  const light = (customerId: string) => {
    const p = report?.draft.paths.find((x) => x.customerId === customerId);
    if (!p) return;
    onLight(lightPath(doc, customerId, p.steps, locale));
  };

  return (
    <div data-testid="simulation-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={source} onChange={(e) => setSource(e.target.value as Source)} data-testid="sim-source">
          <Radio value="current">{t('sim.sourceCurrent')}</Radio>
          <Radio value="upload">{t('sim.sourceUpload')}</Radio>
        </Radio.Group>
        {source === 'upload' && (
          <Upload
            accept=".csv,.json,text/csv,application/json"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t('sim.chooseFile')}</Button>
          </Upload>
        )}
        <Space wrap>
          <Checkbox checked={compare} onChange={(e) => setCompare(e.target.checked)}>{t('sim.compare')}</Checkbox>
          <Radio.Group size="small" value={arrival} onChange={(e) => setArrival(e.target.value as 'now' | 'createdAt')}>
            <Radio.Button value="now">{t('sim.arrivalNow')}</Radio.Button>
            <Radio.Button value="createdAt">{t('sim.arrivalCreated')}</Radio.Button>
          </Radio.Group>
        </Space>
        <Space>
          <Button type="primary" icon={<PlayCircleOutlined />} loading={running} disabled={source === 'upload' && !file} onClick={() => void run()} data-testid="sim-run">
            {t('sim.run')}
          </Button>
          {running && <Button onClick={() => abort.current?.abort()}>{t('common.cancel')}</Button>}
        </Space>
        {running && <Progress percent={progress ?? 100} status="active" showInfo={progress !== null} format={(p) => `${p}%`} data-testid="sim-progress" />}
        {error && <Alert type="error" showIcon message={error} data-testid="sim-error" />}
      </Space>

      {report && (
        <div style={{ marginTop: 12 }} data-testid="sim-report">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('sim.ranOver', { count: report.customers, ms: report.elapsedMs })}
          </Typography.Text>
          {report.activeNote && <Alert style={{ margin: '8px 0' }} type="info" message={pick(report.activeNote, locale)} />}
          {report.draft.violations.total > 0 && <Alert style={{ margin: '8px 0' }} type="error" message={t('sim.violations', { count: report.draft.violations.total })} />}
          <OutcomeTable draft={report.draft} active={report.active} />
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('sim.chartTitle')}</Typography.Title>
          <RepBarChart rows={chartRows(report.draft, report.active)} />
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('sim.fairness')}</Typography.Title>
          <FairnessTable draft={report.draft} active={report.active} />
          <Collapse
            size="small"
            style={{ marginTop: 12 }}
            defaultActiveKey={['unassigned']}
            items={[
              {
                key: 'unassigned',
                label: `${t('sim.unassigned')} (${report.draft.unassigned.total}${report.active ? ` / ${report.active.unassigned.total}` : ''})`,
                children: (
                  <div data-testid="sim-unassigned">
                    {[{ side: report.draft, label: t('sim.draft') }, ...(report.active ? [{ side: report.active, label: `${t('sim.active')} v${report.active.version ?? ''}` }] : [])].map(({ side, label }) => (
                      <div key={label} style={{ marginBottom: 8 }}>
                        {report.active && <Typography.Text strong>{label}</Typography.Text>}
                        {side.unassigned.groups.length === 0 ? (
                          <div>{t('sim.noneUnassigned')}</div>
                        ) : (
                          side.unassigned.groups.map((g, i) => (
                            <div key={i} style={{ marginBottom: 8 }}>
                              <Tag color="orange">{g.count}</Tag> {pick(g.text, locale)}
                              {g.nodeId && side === report.draft && <a style={{ marginLeft: 6 }} onClick={() => onPickNode(g.nodeId as string)}>{t('sim.showNode')}</a>}
                              {side === report.draft && (
                                <div style={{ marginTop: 2 }}>
                                  {g.customerIds.slice(0, 8).map((id) => <Tag key={id} style={{ cursor: 'pointer' }} onClick={() => light(id)}>{report.draft.paths.find((p) => p.customerId === id)?.name ?? id}</Tag>)}
                                </div>
                              )}
                            </div>
                          ))
                        )}
                      </div>
                    ))}
                  </div>
                ),
              },
              {
                key: 'differences',
                label: `${t('sim.differences')} (${report.differences.total})`,
                children: (
                  <Table
                    size="small"
                    pagination={{ pageSize: 8, size: 'small' }}
                    rowKey="customerId"
                    dataSource={report.differences.items}
                    onRow={(r) => ({ onClick: () => light(r.customerId), style: { cursor: 'pointer' } })}
                    columns={[
                      { title: t('sim.customer'), dataIndex: 'name' },
                      { title: t('sim.draft'), render: (_, r) => placement(r.draft.outcome, r.draft.ownerId, r.draft.poolId) },
                      { title: t('sim.active'), render: (_, r) => placement(r.active.outcome, r.active.ownerId, r.active.poolId) },
                    ]}
                  />
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('sim.customers')}</Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sim.clickToLight')}</Typography.Text>
          {lit && <div><a onClick={() => onLight(null)} data-testid="sim-unlight">{t('sim.unlight')}</a></div>}
          <Table
            size="small"
            rowKey="customerId"
            pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }}
            dataSource={report.draft.paths}
            rowClassName={(r) => (lit?.customerId === r.customerId ? 'ant-table-row-selected' : '')}
            onRow={(r) => ({ onClick: () => light(r.customerId), style: { cursor: 'pointer' }, 'data-testid': `sim-customer-${r.customerId}` } as object)}
            columns={[
              { title: t('sim.customer'), dataIndex: 'name', ellipsis: true },
              { title: t('sim.grade'), dataIndex: 'grade', width: 60, render: (g: string | null) => g ?? '—' },
              { title: t('sim.result'), render: (_, r) => placement(r.outcome, r.ownerId, r.poolId), ellipsis: true },
            ]}
          />
        </div>
      )}
    </div>
  );
}
