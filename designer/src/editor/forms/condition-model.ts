import { text, type LocalizedText } from '../../../../engine/core/common/localized';
import {
  FACT_CATALOG, describeFact, getOperator, operatorsFor,
  type Condition, type FactInfo, type FactType, type LeafCondition, type OperatorDefinition,
} from '../../../../engine/core/conditions';
import type { ConditionScope } from './form-model';

/**
 * The condition builder's logic, apart from its widgets: groups (all / any, optionally negated), leaves
 * (fact, operator, value), which facts and operators fit, and how a value is reshaped when the operator changes.
 */
export type GroupKind = 'all' | 'any';
export interface GroupView {
  kind: GroupKind;
  negated: boolean;
  items: Condition[];
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A condition as a group (a leaf or `not` of a leaf is a one-item `all` group). */
export function asGroup(cond: Condition | undefined): GroupView {
  if (!cond) return { kind: 'all', negated: false, items: [] };
  if ('all' in cond && Array.isArray(cond.all)) return { kind: 'all', negated: false, items: cond.all };
  if ('any' in cond && Array.isArray(cond.any)) return { kind: 'any', negated: false, items: cond.any };
  if ('not' in cond && isObj(cond.not)) {
    const inner = cond.not as Condition;
    if ('all' in inner || 'any' in inner) return { ...asGroup(inner), negated: true };
    return { kind: 'all', negated: true, items: [inner] };
  }
  return { kind: 'all', negated: false, items: [cond] };
}

export function fromGroup(g: GroupView): Condition {
  const group: Condition = g.kind === 'all' ? { all: g.items } : { any: g.items };
  return g.negated ? { not: group } : group;
}

export function isLeaf(cond: Condition): cond is LeafCondition {
  return isObj(cond) && typeof (cond as { fact?: unknown }).fact === 'string';
}

export function isGroupLike(cond: Condition): boolean {
  return !isLeaf(cond);
}

/** Facts the picker offers: customer fields and day counts; rep filters add the rep's own fields and load. */
export function factChoices(scope: ConditionScope): FactInfo[] {
  const customer = FACT_CATALOG.filter((f) => f.scope === 'customer' || f.scope === 'derived');
  if (scope === 'customer') return customer;
  return [...FACT_CATALOG.filter((f) => f.scope === 'rep' || f.scope === 'load'), ...customer];
}

/** Customer facts a rep-filter value may be compared with (`customer.industry`). */
export function customerFactChoices(): FactInfo[] {
  return FACT_CATALOG.filter((f) => f.scope === 'customer').map((f) => ({ ...f, name: `customer.${f.name}` }));
}

export function factType(name: string): FactType {
  return describeFact(name)?.type ?? 'any';
}

export function factLabel(name: string): LocalizedText {
  return describeFact(name)?.labels ?? text(name, name);
}

/** Operators that fit the fact's type. */
export function operatorChoices(fact: string): OperatorDefinition[] {
  return operatorsFor(factType(fact));
}

/** Values the picker can offer for some fields. */
export const KNOWN_VALUES: Readonly<Record<string, Array<{ value: string; label: LocalizedText }>>> = {
  grade: ['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: text(`${g} 级`, `Grade ${g}`) })),
  status: [
    { value: 'new', label: text('新建', 'New') },
    { value: 'assigned', label: text('已分配', 'Assigned') },
    { value: 'inPool', label: text('在公海', 'In pool') },
    { value: 'won', label: text('赢单', 'Won') },
    { value: 'lost', label: text('输单', 'Lost') },
  ],
  size: [
    { value: 'micro', label: text('微型', 'Micro') },
    { value: 'small', label: text('小型', 'Small') },
    { value: 'medium', label: text('中型', 'Medium') },
    { value: 'large', label: text('大型', 'Large') },
    { value: 'enterprise', label: text('超大型', 'Enterprise') },
  ],
};

export function knownValues(fact: string) {
  const bare = fact.startsWith('customer.') ? fact.slice('customer.'.length) : fact;
  return KNOWN_VALUES[bare];
}

/** A starting leaf for a new row. */
export function newLeaf(scope: ConditionScope): LeafCondition {
  return scope === 'rep'
    ? { fact: 'rep.industries', operator: 'contains', value: { fact: 'customer.industry' } }
    : { fact: 'grade', operator: 'equal', value: 'A' };
}

const isFactRef = (v: unknown): v is { fact: string } => isObj(v) && typeof v.fact === 'string';

/** Reshapes a value for an operator's value kind, keeping what can be kept. */
export function coerceValue(value: unknown, op: OperatorDefinition, type: FactType): LeafCondition['value'] {
  if (isFactRef(value) && op.acceptsFactRef) return value;
  const first = Array.isArray(value) ? value[0] : isFactRef(value) ? undefined : value;
  const asNumber = (v: unknown): number => (typeof v === 'number' ? v : Number.isFinite(Number(v)) && v !== '' && v !== null ? Number(v) : 0);
  switch (op.valueKind) {
    case 'boolean':
      return typeof value === 'boolean' ? value : true;
    case 'range':
      return Array.isArray(value) && value.length === 2 ? [asNumber(value[0]), asNumber(value[1])] : [asNumber(first), asNumber(first)];
    case 'number':
      return asNumber(first);
    case 'list': {
      const list = Array.isArray(value) ? value : first === undefined || first === '' ? [] : [first];
      return list.filter((v) => v !== null && typeof v !== 'object').map((v) => (type === 'number' ? asNumber(v) : String(v)));
    }
    case 'text':
    case 'pattern':
      return typeof first === 'string' ? first : first === undefined || first === null ? '' : String(first);
    case 'scalar':
      if (type === 'number') return asNumber(first);
      if (type === 'boolean') return typeof first === 'boolean' ? first : true;
      return typeof first === 'string' ? first : first === undefined || first === null ? '' : String(first);
  }
}

/** A leaf after its fact changed: keeps the operator if it still fits, else the first that does. */
export function withFact(leaf: LeafCondition, fact: string): LeafCondition {
  const ops = operatorChoices(fact);
  const op = ops.find((o) => o.name === leaf.operator) ?? ops[0];
  if (!op) return { ...leaf, fact };
  const next: LeafCondition = { fact, operator: op.name, value: coerceValue(leaf.value, op, factType(fact)) };
  return next;
}

export function withOperator(leaf: LeafCondition, operator: string): LeafCondition {
  const op = getOperator(operator);
  if (!op) return leaf;
  return { ...leaf, operator: op.name, value: coerceValue(leaf.value, op, factType(leaf.fact)) };
}

/** Counts leaves (for the collapsed summary "3 conditions"). */
export function countLeaves(cond: Condition | undefined, depth = 0): number {
  if (!cond || depth > 40) return 0;
  if (isLeaf(cond)) return 1;
  const g = asGroup(cond);
  return g.items.reduce((n, c) => n + countLeaves(c, depth + 1), 0);
}
