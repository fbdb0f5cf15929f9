import { describe, expect, it } from 'vitest';
import { describeCatalog } from '../../../../engine/core/nodes';
import { emptyValue, groupModel, walkFields, type FieldModel, type JsonSchema } from './form-model';

const catalog = describeCatalog('en');
const modelOf = (type: string) => groupModel(catalog.find((e) => e.type === type)!.paramsSchema as JsonSchema);
const field = (type: string, path: string[]): FieldModel => {
  let f: FieldModel = modelOf(type);
  for (const key of path) {
    if (f.kind === 'list') f = f.item;
    if (f.kind !== 'group') throw new Error(`${key}: not a group`);
    const next: FieldModel | undefined = f.fields.find((x) => x.key === key);
    if (!next) throw new Error(`no field ${key}`);
    f = next;
  }
  return f;
};

describe('params schema → form model', () => {
  it('gives every field of every node type a widget (no JSON editing anywhere)', () => {
    for (const entry of catalog) {
      walkFields(groupModel(entry.paramsSchema as JsonSchema), (f, depth) => {
        expect(f.kind, `${entry.type}.${f.key}`).not.toBe('unsupported');
        if (depth > 0 && f.key) expect(f.label['zh-CN'], `${entry.type}.${f.key}`).not.toBe(f.key);
      });
    }
  });

  it('uses pickers for teams, reps, pools and customer fields', () => {
    expect(field('assign', ['candidateTeams'])).toMatchObject({ kind: 'ref', ref: 'team', multiple: true });
    expect(field('assign', ['specific', 'repId'])).toMatchObject({ kind: 'ref', ref: 'rep', multiple: false });
    expect(field('toPool', ['poolId'])).toMatchObject({ kind: 'ref', ref: 'pool', multiple: false });
    expect(field('notify', ['repIds'])).toMatchObject({ kind: 'ref', ref: 'rep', multiple: true });
    expect(field('switch', ['field'])).toMatchObject({ kind: 'fact' });
  });

  it('renders enums as selects with words in both languages', () => {
    const strategy = field('assign', ['strategy']);
    expect(strategy.kind).toBe('select');
    if (strategy.kind !== 'select') return;
    expect(strategy.options.map((o) => o.value)).toEqual(['roundRobin', 'weightedRoundRobin', 'leastLoaded', 'skillMatch', 'sticky', 'specific']);
    expect(strategy.options[0]?.label).toEqual({ 'zh-CN': '轮询', en: 'Round robin' });
    expect(field('dedupe', ['matchBy'])).toMatchObject({ kind: 'multiSelect', minItems: 1 });
  });

  it('builds condition builders, durations, bilingual messages and lists', () => {
    expect(field('condition', ['condition'])).toMatchObject({ kind: 'condition', scope: 'customer' });
    expect(field('assign', ['repFilter'])).toMatchObject({ kind: 'condition', scope: 'rep', required: false });
    expect(field('waitForFollowUp', ['sla'])).toMatchObject({ kind: 'duration', default: { amount: 24, unit: 'hours' } });
    expect(field('notify', ['message'])).toMatchObject({ kind: 'localizedText' });
    expect(field('wait', ['workingHours', 'days'])).toMatchObject({ kind: 'numberSet', min: 1, max: 7 });
    const rules = field('score', ['rules']);
    expect(rules.kind).toBe('list');
    if (rules.kind === 'list') expect(rules.item.fields.map((f) => f.kind)).toEqual(['text', 'condition', 'number']);
    expect(field('switch', ['cases', 'values'])).toMatchObject({ kind: 'tags', itemType: 'scalar', minItems: 1 });
  });

  it('makes new list items from defaults', () => {
    const rules = field('score', ['rules']);
    if (rules.kind !== 'list') throw new Error('list expected');
    expect(emptyValue(rules.item)).toEqual({ label: '', condition: { all: [] }, points: 10 });
    expect(emptyValue(field('score', ['thresholds']))).toEqual({ A: 80, B: 60, C: 40 });
  });
});
