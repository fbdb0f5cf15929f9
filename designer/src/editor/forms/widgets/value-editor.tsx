import { DatePicker, Input, InputNumber, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { getOperator, type LeafCondition } from '../../../../../engine/core/conditions';
import { pick } from '../../../i18n/i18n';
import { customerFactChoices, factType, knownValues } from '../condition-model';
import { useFormEnv } from '../form-context';
import { FactPicker } from './fact-picker';

const isFactRef = (v: unknown): v is { fact: string } => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { fact?: unknown }).fact === 'string';

interface Props {
  leaf: LeafCondition;
  onChange(value: LeafCondition['value']): void;
  /** rep filters may compare with a customer field */
  allowFactRef: boolean;
  testId?: string;
}

/** The value part of a condition row, shaped by the operator (one value, a list, a range, yes/no) and the field type. */
export function ValueEditor({ leaf, onChange, allowFactRef, testId }: Props) {
  const { t } = useTranslation();
  const { locale } = useFormEnv();
  const op = getOperator(leaf.operator);
  const type = factType(leaf.fact);
  if (!op) return null;
  const value = leaf.value;

  if (allowFactRef && op.acceptsFactRef && isFactRef(value)) {
    return (
      <Space size={4} data-testid={testId}>
        <FactPicker scope="customer" choices={customerFactChoices()} value={value.fact} onChange={(fact) => onChange({ fact })} width={150} />
        <a onClick={() => onChange(type === 'number' ? 0 : '')}>{t('cond.fixedValue')}</a>
      </Space>
    );
  }
  const refLink = allowFactRef && op.acceptsFactRef ? <a onClick={() => onChange({ fact: 'customer.industry' })}>{t('cond.customerField')}</a> : null;
  const known = knownValues(leaf.fact);
  const isDate = type === 'date';
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const dateInput = (v: unknown, set: (n: number) => void) => (
    <DatePicker value={typeof v === 'number' && v > 0 ? dayjs(v) : null} onChange={(d) => set(d ? d.valueOf() : 0)} style={{ width: 140 }} />
  );

  let editor;
  switch (op.valueKind) {
    case 'boolean':
      editor = <Switch checked={value === true} onChange={(c) => onChange(c)} checkedChildren={t('cond.yes')} unCheckedChildren={t('cond.no')} />;
      break;
    case 'range': {
      const [a, b] = Array.isArray(value) ? value : [0, 0];
      editor = isDate ? (
        <Space size={4}>{dateInput(a, (n) => onChange([n, num(b) ?? n]))}–{dateInput(b, (n) => onChange([num(a) ?? n, n]))}</Space>
      ) : (
        <Space size={4}>
          <InputNumber value={num(a)} onChange={(n) => onChange([n ?? 0, num(b) ?? 0])} style={{ width: 100 }} />–
          <InputNumber value={num(b)} onChange={(n) => onChange([num(a) ?? 0, n ?? 0])} style={{ width: 100 }} />
        </Space>
      );
      break;
    }
    case 'number':
      editor = isDate ? dateInput(value, (n) => onChange(n)) : <InputNumber value={num(value)} onChange={(n) => onChange(n ?? 0)} style={{ width: 130 }} />;
      break;
    case 'list': {
      const list = Array.isArray(value) ? value.map(String) : [];
      editor = (
        <Select
          mode="tags"
          style={{ minWidth: 170, maxWidth: 260 }}
          value={list}
          tokenSeparators={[',', '，', ' ']}
          placeholder={t('cond.typeValues')}
          options={known?.map((k) => ({ value: k.value, label: pick(k.label, locale) }))}
          onChange={(vals: string[]) => onChange(type === 'number' ? vals.map(Number).filter((n) => Number.isFinite(n)) : vals)}
        />
      );
      break;
    }
    default: {
      if (type === 'number') editor = <InputNumber value={num(value)} onChange={(n) => onChange(n ?? 0)} style={{ width: 130 }} />;
      else if (type === 'boolean') editor = <Switch checked={value === true} onChange={(c) => onChange(c)} checkedChildren={t('cond.yes')} unCheckedChildren={t('cond.no')} />;
      else if (known && op.valueKind === 'scalar')
        editor = <Select style={{ width: 130 }} value={typeof value === 'string' ? value : undefined} options={known.map((k) => ({ value: k.value, label: pick(k.label, locale) }))} onChange={(v: string) => onChange(v)} />;
      else
        editor = (
          <Input
            style={{ width: 160 }}
            value={typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value)}
            placeholder={op.valueKind === 'pattern' ? t('cond.pattern') : t('cond.value')}
            onChange={(e) => onChange(e.target.value)}
          />
        );
    }
  }
  return (
    <Space size={4} data-testid={testId}>
      {editor}
      {refLink}
    </Space>
  );
}
