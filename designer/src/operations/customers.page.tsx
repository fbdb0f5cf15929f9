import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersApi, type CustomerFilter, type CustomerViewT } from '../api/customers.api';
import { canDesign, useSession } from '../auth/session.context';
import { useLocale } from '../i18n/i18n';
import { CustomerDrawer } from './customer-drawer';
import { ImportCard } from './import-card';

const STATUS_COLORS: Record<string, string> = { new: 'default', assigned: 'blue', inPool: 'orange', won: 'green', lost: 'red' };

/** Customers with their owner and grade, filters, and (for admins and managers) the import with its progress. */
export function CustomersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { user } = useSession();
  const [filter, setFilter] = useState<CustomerFilter>({});
  const [q, setQ] = useState('');
  const [items, setItems] = useState<CustomerViewT[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const cursorRef = useRef<string | null>(null);
  cursorRef.current = cursor;
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const load = useCallback(
    async (more: boolean) => {
      setLoading(true);
      setError(null);
      try {
        const page = await customersApi.list(filter, more ? cursorRef.current : null);
        setItems((prev) => (more ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [filter],
  );
  useEffect(() => void load(false), [load]);

  const columns = [
    { title: t('customers.name'), dataIndex: 'name', render: (n: string, c: CustomerViewT) => <a onClick={() => setOpen(c.id)}>{n}</a> },
    { title: t('customers.company'), dataIndex: 'company', render: (v: string | null) => v ?? '—' },
    { title: t('customers.grade'), dataIndex: 'grade', width: 70, render: (g: string | null) => (g ? <Tag color="geekblue">{g}</Tag> : '—') },
    { title: t('customers.score'), dataIndex: 'score', width: 70, render: (s: number | null) => s ?? '—' },
    { title: t('customers.owner'), dataIndex: 'ownerName', render: (o: string | null) => o ?? '—' },
    { title: t('customers.status'), dataIndex: 'status', width: 100, render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`status.${s}`)}</Tag> },
    { title: t('customers.source'), dataIndex: 'source', render: (v: string | null) => v ?? '—' },
    { title: t('customers.assignedAt'), dataIndex: 'assignedAt', render: (v: string | null) => (v ? new Date(v).toLocaleString(locale) : '—') },
  ];

  return (
    <div data-testid="customers-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('customers.title')}</Typography.Title>
      {user && canDesign(user.role) && <ImportCard onFinished={() => void load(false)} />}
      <Space wrap style={{ margin: '12px 0' }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('customers.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onPressEnter={() => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
          style={{ width: 220 }}
          data-testid="customers-search"
        />
        <Select allowClear placeholder={t('customers.status')} style={{ width: 140 }} value={filter.status} onChange={(v) => setFilter((f) => ({ ...f, status: v }))}
          options={['new', 'assigned', 'inPool', 'won', 'lost'].map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        <Select allowClear placeholder={t('customers.grade')} style={{ width: 110 }} value={filter.grade} onChange={(v) => setFilter((f) => ({ ...f, grade: v }))}
          options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))} />
        <Button icon={<ReloadOutlined />} onClick={() => void load(false)} data-testid="customers-reload">{t('customers.reload')}</Button>
      </Space>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      <Table size="small" rowKey="id" columns={columns} dataSource={items} loading={loading} pagination={false} data-testid="customers-table" />
      {cursor && <Button style={{ marginTop: 12 }} onClick={() => void load(true)} loading={loading}>{t('customers.more')}</Button>}
      {open && <CustomerDrawer id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
