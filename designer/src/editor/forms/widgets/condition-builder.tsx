import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Condition, LeafCondition } from '../../../../../engine/core/conditions';
import { pick } from '../../../i18n/i18n';
import { asGroup, fromGroup, isLeaf, newLeaf, operatorChoices, withFact, withOperator, type GroupView } from '../condition-model';
import type { ConditionScope } from '../form-model';
import { useFormEnv } from '../form-context';
import { FactPicker } from './fact-picker';
import { ValueEditor } from './value-editor';

interface Props {
  value: Condition | undefined;
  onChange(c: Condition): void;
  scope: ConditionScope;
  testId?: string;
}

const MAX_DEPTH = 4;

/** Conditions without typing: rows of field · operator · value, in nested "all" / "any" groups. */
export function ConditionBuilder({ value, onChange, scope, testId }: Props) {
  return (
    <div data-testid={testId}>
      <GroupEditor group={asGroup(value)} onChange={(g) => onChange(fromGroup(g))} scope={scope} depth={0} path={testId ?? 'cond'} />
    </div>
  );
}

function GroupEditor({ group, onChange, scope, depth, path, onRemove }: { group: GroupView; onChange(g: GroupView): void; scope: ConditionScope; depth: number; path: string; onRemove?: () => void }) {
  const { t } = useTranslation();
  const setItem = (i: number, c: Condition) => onChange({ ...group, items: group.items.map((x, j) => (j === i ? c : x)) });
  const removeItem = (i: number) => onChange({ ...group, items: group.items.filter((_, j) => j !== i) });
  return (
    <div className={`allot-cond-group ${group.kind}`} data-testid={`${path}-group`}>
      <Space size={6} wrap style={{ marginBottom: 4 }}>
        <Segmented
          size="small"
          value={group.kind}
          onChange={(k) => onChange({ ...group, kind: k as GroupView['kind'] })}
          options={[{ value: 'all', label: t('cond.all') }, { value: 'any', label: t('cond.any') }]}
          data-testid={`${path}-kind`}
        />
        <Checkbox checked={group.negated} onChange={(e) => onChange({ ...group, negated: e.target.checked })}>{t('cond.not')}</Checkbox>
        {onRemove && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('form.remove')} />}
      </Space>
      {group.items.length === 0 && <div style={{ color: '#8c959f', fontSize: 12, margin: '2px 0 4px' }}>{t(group.kind === 'all' ? 'cond.emptyAll' : 'cond.emptyAny')}</div>}
      {group.items.map((item, i) =>
        isLeaf(item) ? (
          <LeafEditor key={i} leaf={item} onChange={(l) => setItem(i, l)} onRemove={() => removeItem(i)} scope={scope} testId={`${path}-${i}`} />
        ) : (
          <GroupEditor key={i} group={asGroup(item)} onChange={(g) => setItem(i, fromGroup(g))} onRemove={() => removeItem(i)} scope={scope} depth={depth + 1} path={`${path}-${i}`} />
        ),
      )}
      <Space size={6} style={{ marginTop: 2 }}>
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...group, items: [...group.items, newLeaf(scope)] })} data-testid={`${path}-add`}>
          {t('cond.addCondition')}
        </Button>
        {depth < MAX_DEPTH && (
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange({ ...group, items: [...group.items, { any: [newLeaf(scope)] }] })} data-testid={`${path}-addgroup`}>
            {t('cond.addGroup')}
          </Button>
        )}
      </Space>
    </div>
  );
}

function LeafEditor({ leaf, onChange, onRemove, scope, testId }: { leaf: LeafCondition; onChange(l: LeafCondition): void; onRemove(): void; scope: ConditionScope; testId: string }) {
  const { t } = useTranslation();
  const { locale } = useFormEnv();
  const ops = operatorChoices(leaf.fact);
  return (
    <div className="allot-cond-leaf" data-testid={testId}>
      <FactPicker scope={scope} value={leaf.fact} onChange={(f) => onChange(withFact(leaf, f))} width={150} testId={`${testId}-fact`} />
      <Select
        style={{ width: 118 }}
        popupMatchSelectWidth={false}
        value={leaf.operator}
        options={ops.map((o) => ({ value: o.name, label: pick(o.labels, locale) }))}
        onChange={(op: string) => onChange(withOperator(leaf, op))}
        data-testid={`${testId}-op`}
      />
      <ValueEditor leaf={leaf} onChange={(value) => onChange({ ...leaf, value })} allowFactRef={scope === 'rep'} testId={`${testId}-value`} />
      <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('form.remove')} />
    </div>
  );
}
