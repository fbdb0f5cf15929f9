import { Descriptions, Drawer, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Static } from '@sinclair/typebox';
import type { CustomerDetailView } from '../../../engine/services/customers/customer.schemas';
import { api } from '../api/http-client';
import { useAsync } from '../common/use-async';
import { pick, useLocale } from '../i18n/i18n';

type CustomerDetailViewT = Static<typeof CustomerDetailView>;

/** One customer: owner, grade and score, and each assignment with its reason in words. */
export function CustomerDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const detail = useAsync(() => api<CustomerDetailViewT>('GET', `/api/customers/${encodeURIComponent(id)}`), [id]);
  const d = detail.data;
  return (
    <Drawer open width={520} onClose={onClose} title={d?.customer.name ?? ''} data-testid="customer-drawer">
      {!d ? (
        detail.error ? <Typography.Text type="danger">{detail.error.message}</Typography.Text> : <Spin />
      ) : (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('customers.company')}>{d.customer.company ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('customers.owner')}>{d.customer.ownerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('customers.grade')}>{d.customer.grade ?? '—'} · {t('customers.score')} {d.customer.score ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('customers.status')}>{t(`status.${d.customer.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('customers.tags')}>{d.customer.tags.map((x) => <Tag key={x}>{x}</Tag>)}</Descriptions.Item>
          </Descriptions>
          {d.decisionTrace && (
            <Typography.Paragraph style={{ marginTop: 12 }} data-testid="customer-why">
              <Typography.Text strong>{t('customers.why')}</Typography.Text> {pick(d.decisionTrace.why, locale)}
            </Typography.Paragraph>
          )}
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('customers.history')}</Typography.Title>
          <Timeline
            items={d.assignmentHistory.map((e) => ({
              children: (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{new Date(e.at).toLocaleString(locale)}</Typography.Text>
                  <div>{pick(e.why, locale)}</div>
                </div>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
