import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, InputNumber, Select, Space, Switch, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Condition } from '../../../../engine/core/conditions';
import { pick } from '../../i18n/i18n';
import { errorsAt } from '../validation/validate-draft';
import { fieldDomId, useFormEnv } from './form-context';
import { emptyValue, type FieldModel, type GroupModel, type ListModel } from './form-model';
import { isFieldVisible, isNestedVisible } from './form-hints';
import { ConditionBuilder } from './widgets/condition-builder';
import { DurationInput } from './widgets/duration-input';
import { FactPicker } from './widgets/fact-picker';
import { LocalizedTextInput } from './widgets/localized-text-input';
import { RefPicker } from './widgets/ref-picker';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Widgets that show every error inside them (their parts have no field of their own). */
const ATOMIC = new Set(['condition', 'ref', 'tags', 'multiSelect', 'numberSet', 'duration', 'localizedText']);

/** The property form of a node: one widget per param, generated from the params' form model. */
export function SchemaForm({ model, nodeType, value, onChange }: { model: GroupModel; nodeType: string; value: Obj; onChange(v: Obj): void }) {
  return (
    <div data-testid="property-form">
      {model.fields
        .filter((f) => isFieldVisible(nodeType, f.key, value))
        .map((f) => (
          <FieldView key={f.key} field={f} pointer={`/${f.key}`} value={value[f.key]} onChange={(v) => onChange(setKey(value, f.key, v, f.required))} />
        ))}
    </div>
  );
}

/** Sets a key; an optional value that is emptied is removed instead. */
function setKey(obj: Obj, key: string, v: unknown, required: boolean): Obj {
  const empty = v === undefined || v === '' || v === null;
  if (empty && !required) {
    const { [key]: _drop, ...rest } = obj;
    return rest;
  }
  return { ...obj, [key]: v };
}

function FieldView({ field, pointer, value, onChange }: { field: FieldModel; pointer: string; value: unknown; onChange(v: unknown): void }) {
  const { t } = useTranslation();
  const env = useFormEnv();
  const errors = ATOMIC.has(field.kind) ? errorsAt(env.errors, pointer) : env.errors.filter((e) => e.paramsPointer === pointer);
  const status = errors.length ? ('error' as const) : undefined;
  const testId = `field-${pointer.slice(1).replace(/\//g, '.')}`;
  const label = pick(field.label, env.locale);
  const help = field.help ? pick(field.help, env.locale) : undefined;

  let body: ReactNode;
  switch (field.kind) {
    case 'text':
      body = <Input value={typeof value === 'string' ? value : ''} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} status={status} data-testid={testId} />;
      break;
    case 'number':
      body = (
        <InputNumber
          value={typeof value === 'number' ? value : null}
          min={field.min}
          max={field.max}
          precision={field.integer ? 0 : undefined}
          step={field.max !== undefined && field.max <= 1 ? 0.05 : 1}
          onChange={(n) => onChange(n === null ? (field.required ? (field.min ?? 0) : undefined) : n)}
          status={status}
          style={{ width: 160 }}
          data-testid={testId}
        />
      );
      break;
    case 'boolean':
      return (
        <div className={`allot-field${status ? ' has-error' : ''}`} id={fieldDomId(env.nodeId, pointer)} data-pointer={pointer}>
          <Space>
            <Switch checked={value === true} onChange={(c) => onChange(c)} data-testid={testId} size="small" />
            <span>{label}</span>
            {help && <Tooltip title={help}><QuestionCircleOutlined style={{ color: '#8c959f' }} /></Tooltip>}
          </Space>
          {errors.map((e, i) => <div key={i} className="allot-field-error">{pick(e.error.message, env.locale)}</div>)}
        </div>
      );
    case 'select':
      body = (
        <Select
          style={{ width: '100%' }}
          value={value as string | undefined}
          options={field.options.map((o) => ({ value: o.value as string, label: pick(o.label, env.locale) }))}
          onChange={(v) => onChange(v)}
          status={status}
          data-testid={testId}
        />
      );
      break;
    case 'multiSelect':
      body = (
        <Checkbox.Group
          value={Array.isArray(value) ? (value as string[]) : []}
          options={field.options.map((o) => ({ value: o.value as string, label: pick(o.label, env.locale) }))}
          onChange={(v) => onChange(v)}
          data-testid={testId}
        />
      );
      break;
    case 'ref':
      body = <RefPicker kind={field.ref} multiple={field.multiple} value={value} onChange={onChange} status={status} testId={testId} />;
      break;
    case 'fact':
      body = <FactPicker scope="customer" value={typeof value === 'string' ? value : ''} onChange={onChange} status={status} testId={testId} />;
      break;
    case 'tags':
      body = (
        <Select
          mode="tags"
          style={{ width: '100%' }}
          value={Array.isArray(value) ? value.map(String) : []}
          tokenSeparators={[',', '，']}
          placeholder={t('form.typeAndEnter')}
          onChange={(v: string[]) => onChange(v)}
          status={status}
          open={false}
          suffixIcon={null}
          data-testid={testId}
        />
      );
      break;
    case 'numberSet':
      body = (
        <Checkbox.Group
          value={Array.isArray(value) ? (value as number[]) : []}
          options={Array.from({ length: field.max - field.min + 1 }, (_, i) => field.min + i).map((n) => ({ value: n, label: field.max === 7 && field.min === 1 ? t(`weekday.${n}`) : String(n) }))}
          onChange={(v) => onChange([...(v as number[])].sort((a, b) => a - b))}
          data-testid={testId}
        />
      );
      break;
    case 'duration':
      body = <DurationInput value={value} onChange={onChange} testId={testId} />;
      break;
    case 'localizedText':
      body = <LocalizedTextInput value={value} onChange={onChange} testId={testId} />;
      break;
    case 'condition':
      body =
        value === undefined && !field.required ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ all: [] })} data-testid={`${testId}-enable`}>{t('cond.addFilter')}</Button>
        ) : (
          <>
            <ConditionBuilder value={value as Condition | undefined} onChange={onChange} scope={field.scope} testId={testId} />
            {!field.required && <a style={{ fontSize: 12 }} onClick={() => onChange(undefined)}>{t('cond.removeFilter')}</a>}
          </>
        );
      break;
    case 'group':
      body = <GroupView group={field} pointer={pointer} value={isObj(value) ? value : {}} onChange={onChange} />;
      break;
    case 'list':
      body = <ListView list={field} pointer={pointer} value={Array.isArray(value) ? value : []} onChange={onChange} />;
      break;
    case 'unsupported':
      body = <pre style={{ fontSize: 11 }}>{JSON.stringify(value, null, 1)}</pre>;
      break;
  }
  return (
    <div className={`allot-field${status ? ' has-error' : ''}`} id={fieldDomId(env.nodeId, pointer)} data-pointer={pointer}>
      <div className="allot-field-label">
        {label}
        {help && <Tooltip title={help}><QuestionCircleOutlined style={{ color: '#8c959f' }} /></Tooltip>}
      </div>
      {body}
      {errors.map((e, i) => <div key={i} className="allot-field-error" data-testid="field-error">{pick(e.error.message, env.locale)}</div>)}
    </div>
  );
}

function GroupView({ group, pointer, value, onChange }: { group: GroupModel; pointer: string; value: Obj; onChange(v: Obj): void }) {
  return (
    <div style={{ borderLeft: '2px solid #eef1f5', paddingLeft: 10 }}>
      {group.fields
        .filter((f) => isNestedVisible(group.key, f.key, value))
        .map((f) => (
          <FieldView key={f.key} field={f} pointer={`${pointer}/${f.key}`} value={value[f.key]} onChange={(v) => onChange(setKey(value, f.key, v, f.required))} />
        ))}
    </div>
  );
}

/** A new list item; items with an output `key` (switch cases) get one not used yet. */
function newItem(list: ListModel, items: unknown[]): unknown {
  const item = emptyValue(list.item) as Obj;
  if (list.item.fields.some((f) => f.key === 'key')) {
    const used = new Set(items.map((i) => (isObj(i) ? i.key : undefined)));
    let n = items.length + 1;
    while (used.has(`case${n}`)) n++;
    item.key = `case${n}`;
    if ('label' in item && !item.label) item.label = `${n}`;
  }
  return item;
}

function ListView({ list, pointer, value, onChange }: { list: ListModel; pointer: string; value: unknown[]; onChange(v: unknown[]): void }) {
  const { t } = useTranslation();
  const move = (i: number, d: number) => {
    const next = [...value];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x);
    onChange(next);
  };
  const full = list.maxItems !== undefined && value.length >= list.maxItems;
  return (
    <div>
      {value.map((item, i) => (
        <div key={i} className="allot-list-item" data-testid={`list-item-${pointer.slice(1)}-${i}`}>
          <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 4 }}>
            <span style={{ color: '#8c959f', fontSize: 12 }}>#{i + 1}</span>
            <Space size={0}>
              <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('form.moveUp')} />
              <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label={t('form.moveDown')} />
              <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('form.remove')} />
            </Space>
          </div>
          {list.item.fields.map((f) => (
            <FieldView
              key={f.key}
              field={f}
              pointer={`${pointer}/${i}/${f.key}`}
              value={isObj(item) ? item[f.key] : undefined}
              onChange={(v) => onChange(value.map((x, j) => (j === i ? setKey(isObj(x) ? x : {}, f.key, v, f.required) : x)))}
            />
          ))}
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />} disabled={full} onClick={() => onChange([...value, newItem(list, value)])} data-testid={`add-${pointer.slice(1)}`}>
        {t('form.addItem')}
      </Button>
    </div>
  );
}
