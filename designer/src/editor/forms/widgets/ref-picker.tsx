import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { refName, type RefItem } from '../../../api/org.api';
import type { RefKind } from '../form-model';
import { useFormEnv } from '../form-context';

interface Props {
  kind: RefKind;
  multiple: boolean;
  value: unknown;
  onChange(v: unknown): void;
  status?: 'error';
  testId?: string;
}

/** Picks teams, reps or pools by name; ids the organisation does not have are shown as such. */
export function RefPicker({ kind, multiple, value, onChange, status, testId }: Props) {
  const { t } = useTranslation();
  const { refs, locale } = useFormEnv();
  const list: RefItem[] = !refs ? [] : kind === 'team' ? refs.teams : kind === 'rep' ? refs.reps : refs.pools;
  const known = new Set(list.map((r) => r.id));
  const chosen = multiple ? (Array.isArray(value) ? value.map(String) : []) : typeof value === 'string' && value ? [value] : [];
  const unknown = chosen.filter((id) => !known.has(id)).map((id) => ({ value: id, label: t('form.unknownRef', { id }) }));
  const teamName = new Map((refs?.teams ?? []).map((tm) => [tm.id, refName(tm, locale)]));
  const options =
    kind === 'rep' && refs
      ? [...new Set(refs.reps.map((r) => r.teamId ?? ''))].map((teamId) => ({
          label: teamName.get(teamId) ?? t('form.noTeam'),
          options: refs.reps
            .filter((r) => (r.teamId ?? '') === teamId)
            .map((r) => ({ value: r.id, label: `${refName(r, locale)}${r.status !== 'active' ? ` (${t(`repStatus.${r.status}`, { defaultValue: r.status })})` : ''}` })),
        }))
      : list.map((r) => ({ value: r.id, label: refName(r, locale) ?? r.id }));
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      showSearch
      optionFilterProp="label"
      allowClear
      style={{ width: '100%' }}
      value={multiple ? chosen : chosen[0]}
      placeholder={t(`form.pick.${kind}`)}
      options={[...unknown, ...options]}
      onChange={(v) => onChange(multiple ? (v ?? []) : (v ?? ''))}
      status={status}
      loading={!refs}
      data-testid={testId}
    />
  );
}
