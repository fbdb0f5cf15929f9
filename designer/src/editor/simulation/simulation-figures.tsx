import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SimulationSideT } from '../../api/simulations.api';

/** Outcome counts, the draft beside the active version. */
export function OutcomeTable({ draft, active, draftLabel }: { draft: SimulationSideT; active: SimulationSideT | null; draftLabel?: string }) {
  const { t } = useTranslation();
  const rows = (['assigned', 'pool', 'duplicate', 'unassigned'] as const).map((k) => ({ key: k, label: t(`sim.outcome.${k}`), draft: draft.outcomes[k], active: active?.outcomes[k] }));
  return (
    <Table
      size="small"
      pagination={false}
      style={{ marginTop: 8 }}
      dataSource={rows}
      data-testid="sim-outcomes"
      columns={[
        { title: '', dataIndex: 'label' },
        { title: draftLabel ?? t('sim.draft'), dataIndex: 'draft', align: 'right' },
        ...(active ? [{ title: `${t('sim.active')} v${active.version ?? ''}`, dataIndex: 'active', align: 'right' as const }] : []),
      ]}
    />
  );
}

const fmt = (n: number, digits = 2) => (Number.isInteger(n) ? String(n) : n.toFixed(digits));

/** Spread (max − min), Gini, mean, min and max of customers per active rep; lower spread and Gini are fairer. */
export function FairnessTable({ draft, active }: { draft: SimulationSideT; active: SimulationSideT | null }) {
  const { t } = useTranslation();
  const keys = ['spread', 'gini', 'mean', 'min', 'max'] as const;
  const rows = keys.map((k) => ({
    key: k,
    label: t(`sim.fair.${k}`),
    draft: fmt(draft.fairness[k]),
    drafted: fmt(draft.fairnessAssigned[k]),
    active: active ? fmt(active.fairness[k]) : undefined,
  }));
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="sim-fairness"
      columns={[
        { title: t('sim.fair.measure'), dataIndex: 'label' },
        { title: t('sim.fair.draftAll', { count: draft.fairness.reps }), dataIndex: 'draft', align: 'right' },
        { title: t('sim.fair.draftAssigned', { count: draft.fairnessAssigned.reps }), dataIndex: 'drafted', align: 'right' },
        ...(active ? [{ title: t('sim.fair.active'), dataIndex: 'active', align: 'right' as const }] : []),
      ]}
    />
  );
}
