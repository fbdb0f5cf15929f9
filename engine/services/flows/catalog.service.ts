import { text, type Locale } from '../../core/common/localized';
import { FACT_CATALOG, OPERATOR_LIST, operatorsFor, type FactType } from '../../core/conditions';
import { describeCatalog } from '../../core/nodes/describe-catalog';
import { TRIGGER_EVENTS, TRIGGER_EVENT_WORDS } from '../../core/nodes/trigger/trigger-event.schema';
import { orgContext } from './flow-validation';
import type { App } from './flow-view';
import type { FactsViewT, OrgRefsViewT } from './catalog.schemas';
import { TRIGGER_KINDS } from './trigger-kinds';

/** The node catalog, facts and operators, and the organisation's pickable teams, reps and pools. */

const KINDS = [
  { kind: 'allocation', labels: text('分配流程', 'Allocation') },
  { kind: 'followUp', labels: text('跟进流程', 'Follow-up') },
] as const;

export function catalogView(locale: Locale) {
  return {
    locale,
    nodes: describeCatalog(locale),
    triggers: TRIGGER_EVENTS.map((t) => ({ trigger: t, label: TRIGGER_EVENT_WORDS[t][locale], labels: TRIGGER_EVENT_WORDS[t], kinds: [...TRIGGER_KINDS[t]] })),
    kinds: KINDS.map((k) => ({ kind: k.kind, label: k.labels[locale], labels: k.labels })),
  };
}

const FACT_TYPES: readonly FactType[] = ['string', 'number', 'date', 'stringArray', 'boolean', 'any'];

export async function factsView(app: App, locale: Locale): Promise<FactsViewT> {
  const org = await orgContext(app);
  const byType = Object.fromEntries(FACT_TYPES.map((t) => [t, operatorsFor(t).map((o) => o.name as string)])) as Record<FactType, string[]>;
  const catalogued = FACT_CATALOG.map((f) => ({ name: f.name, type: f.type, scope: f.scope, label: f.labels[locale], labels: f.labels, operators: byType[f.type] }));
  const attributes = org.fields.map((key) => {
    const labels = text(`自定义属性 ${key}`, `Attribute ${key}`);
    return { name: `attributes.${key}`, type: 'any', scope: 'attribute', label: labels[locale], labels, operators: byType.any };
  });
  return {
    locale,
    facts: [...catalogued, ...attributes],
    operators: OPERATOR_LIST.map((o) => ({ name: o.name, label: o.labels[locale], labels: o.labels, valueKind: o.valueKind, acceptsFactRef: o.acceptsFactRef, fits: [...o.fits] })),
    operatorsByType: byType,
  };
}

export async function orgRefs(app: App): Promise<OrgRefsViewT> {
  const [teams, reps, pools] = await Promise.all([
    app.models.Team.find({}, { name: 1, nameEn: 1, managerRepId: 1 }).sort({ name: 1 }).limit(5000).lean(),
    app.models.Rep.find({}, { name: 1, teamId: 1, status: 1 }).sort({ name: 1 }).limit(20_000).lean(),
    app.models.Pool.find({}, { name: 1, nameEn: 1, isDefault: 1 }).sort({ name: 1 }).limit(5000).lean(),
  ]);
  return {
    teams: teams.map((t) => ({ id: String(t._id), name: t.name, nameEn: t.nameEn ?? null, managerRepId: t.managerRepId ? String(t.managerRepId) : null })),
    reps: reps.map((r) => ({ id: String(r._id), name: r.name, teamId: String(r.teamId), status: r.status })),
    pools: pools.map((p) => ({ id: String(p._id), name: p.name, nameEn: p.nameEn ?? null, isDefault: p.isDefault })),
  };
}
