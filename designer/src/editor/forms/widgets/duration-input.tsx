import { InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

type Duration = { amount: number; unit: 'minutes' | 'hours' | 'days' };
const isDuration = (v: unknown): v is Duration => v !== null && typeof v === 'object' && typeof (v as Duration).amount === 'number';

/** A length of time: a number and minutes, hours or days. */
export function DurationInput({ value, onChange, testId }: { value: unknown; onChange(v: Duration): void; testId?: string }) {
  const { t } = useTranslation();
  const d: Duration = isDuration(value) ? value : { amount: 1, unit: 'hours' };
  return (
    <Space.Compact data-testid={testId}>
      <InputNumber min={1} max={100000} precision={0} value={d.amount} onChange={(n) => onChange({ ...d, amount: typeof n === 'number' ? n : 1 })} style={{ width: 110 }} />
      <Select
        value={d.unit}
        style={{ width: 100 }}
        onChange={(unit: Duration['unit']) => onChange({ ...d, unit })}
        options={(['minutes', 'hours', 'days'] as const).map((u) => ({ value: u, label: t(`duration.${u}`) }))}
      />
    </Space.Compact>
  );
}
