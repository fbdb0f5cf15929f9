import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FactInfo } from '../../../../../engine/core/conditions';
import { pick } from '../../../i18n/i18n';
import { factChoices, factLabel } from '../condition-model';
import type { ConditionScope } from '../form-model';
import { useFormEnv } from '../form-context';

interface Props {
  value: string;
  onChange(fact: string): void;
  scope: ConditionScope;
  /** a fixed list instead of the scope's (e.g. customer fields a rep field is compared with) */
  choices?: FactInfo[];
  status?: 'error';
  testId?: string;
  width?: number | string;
}

const GROUP_ORDER = ['customer', 'derived', 'attribute', 'rep', 'load'] as const;

/** Picks a customer field (or, in rep filters, a rep field) from the fact catalog, grouped, searchable in both languages. */
export function FactPicker({ value, onChange, scope, choices, status, testId, width = '100%' }: Props) {
  const { t } = useTranslation();
  const { locale, refs } = useFormEnv();
  const base = choices ?? factChoices(scope);
  const attributes: FactInfo[] = choices ? [] : (refs?.fields ?? []).map((k) => {
    const name = k.startsWith('attributes.') ? k : `attributes.${k}`;
    return { name, type: 'any', scope: 'attribute', labels: factLabel(name) };
  });
  const all = [...base, ...attributes];
  const known = all.some((f) => f.name === value);
  const groups = GROUP_ORDER.map((g) => ({
    label: t(`facts.${g}`),
    options: all.filter((f) => f.scope === g).map((f) => ({ value: f.name, label: pick(f.labels, locale), search: `${f.name} ${f.labels['zh-CN']} ${f.labels.en}` })),
  })).filter((g) => g.options.length > 0);
  const extra = value && !known ? [{ value, label: pick(factLabel(value), locale), search: value }] : [];
  return (
    <Select
      showSearch
      style={{ width }}
      popupMatchSelectWidth={false}
      value={value || undefined}
      placeholder={t('form.pick.field')}
      options={[...extra, ...groups]}
      filterOption={(input, option) => String((option as { search?: string } | undefined)?.search ?? '').toLowerCase().includes(input.toLowerCase())}
      onChange={(v: string) => onChange(v)}
      status={status}
      data-testid={testId}
    />
  );
}
