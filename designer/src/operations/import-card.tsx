import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersApi, type JobViewT } from '../api/customers.api';
import { api, ApiError } from '../api/http-client';
import type { JobRowViewT } from '../../../engine/services/imports/job.schemas';
import { pick, useLocale } from '../i18n/i18n';

const POLL_MS = 500;
const DONE = new Set(['succeeded', 'failed', 'cancelled']);

/** Upload a CSV or JSON file of customers; follow the import job to the end; show what was rejected and why. */
export function ImportCard({ onFinished }: { onFinished(): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [job, setJob] = useState<JobViewT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rejected, setRejected] = useState<JobRowViewT[]>([]);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const follow = (id: string) => {
    customersApi.job(id).then(
      async (j) => {
        setJob(j);
        if (DONE.has(j.status)) {
          setBusy(false);
          if (j.counts.rejected > 0) {
            const rows = await api<{ items: JobRowViewT[] }>('GET', `/api/jobs/${encodeURIComponent(id)}/rows`, { query: { status: 'rejected', limit: 20 } });
            setRejected(rows.items);
          }
          onFinished();
        } else timer.current = setTimeout(() => follow(id), POLL_MS);
      },
      (err: Error) => {
        setBusy(false);
        setError(err.message);
      },
    );
  };

  const start = async (file: File) => {
    setError(null);
    setJob(null);
    setRejected([]);
    setBusy(true);
    try {
      const accepted = await customersApi.import(file);
      follow(accepted.jobId);
    } catch (err) {
      setBusy(false);
      setError(err instanceof ApiError ? err.message : (err as Error).message);
    }
  };

  const pct = job ? (job.total ? Math.round((job.processed / job.total) * 100) : DONE.has(job.status) ? 100 : 0) : 0;
  return (
    <Card size="small" title={t('import.title')} data-testid="import-card">
      <Space align="start" wrap style={{ width: '100%' }}>
        <Upload accept=".csv,.json,.ndjson,text/csv,application/json" showUploadList={false} beforeUpload={(f) => { void start(f); return false; }} disabled={busy}>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={busy} data-testid="import-button">{t('import.choose')}</Button>
        </Upload>
        <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 520, display: 'inline-block' }}>{t('import.help')}</Typography.Text>
      </Space>
      {error && <Alert style={{ marginTop: 10 }} type="error" showIcon message={error} />}
      {job && (
        <div style={{ marginTop: 12 }} data-testid="import-progress" data-status={job.status}>
          <Progress percent={pct} status={job.status === 'failed' ? 'exception' : DONE.has(job.status) ? 'success' : 'active'} />
          <Space size={24} wrap>
            <Statistic title={t('import.processed')} value={job.processed} suffix={job.total !== null ? `/ ${job.total}` : ''} />
            <Statistic title={t('import.imported')} value={job.counts.imported} />
            <Statistic title={t('import.assigned')} value={job.counts.assigned} valueStyle={{ color: '#2da44e' }} />
            <Statistic title={t('import.pooled')} value={job.counts.pooled} />
            <Statistic title={t('import.unassigned')} value={job.counts.unassigned} />
            <Statistic title={t('import.duplicate')} value={job.counts.duplicate} />
            <Statistic title={t('import.rejected')} value={job.counts.rejected} valueStyle={job.counts.rejected ? { color: '#cf222e' } : undefined} />
          </Space>
          {job.error && <Alert style={{ marginTop: 8 }} type="error" message={job.error} />}
          {rejected.length > 0 && (
            <Table
              size="small"
              style={{ marginTop: 8 }}
              rowKey="row"
              pagination={false}
              dataSource={rejected}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 70 },
                { title: t('import.field'), dataIndex: 'field', width: 120, render: (f: string | null) => f ?? '—' },
                { title: t('import.reason'), dataIndex: 'reason', render: (r: JobRowViewT['reason']) => (r ? pick(r, locale) : '—') },
              ]}
            />
          )}
        </div>
      )}
    </Card>
  );
}
