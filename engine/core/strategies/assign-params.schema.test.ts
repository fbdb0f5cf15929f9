import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { ConditionSchema } from '../conditions/condition.schema';
import { AssignParamsSchema, CONDITION_SCHEMA_ID, STRATEGY_NAMES, StrategyNameSchema } from './assign-params.schema';
import { STRATEGIES } from './strategy.registry';

function compile() {
  const ajv = new Ajv({ useDefaults: true, strict: true, allErrors: true });
  for (const k of ['x-label', 'x-description', 'x-ref']) ajv.addKeyword(k);
  ajv.addSchema(ConditionSchema);
  return ajv.compile(AssignParamsSchema);
}

describe('AssignParamsSchema', () => {
  const validate = compile();

  it('fills every default into an empty params object', () => {
    const params: Record<string, unknown> = {};
    expect(validate(params)).toBe(true);
    expect(params).toEqual({
      candidateTeams: [],
      strategy: 'roundRobin',
      constraints: { requireWorkingHours: false, respectCapacity: true, respectDailyCap: true },
      quotas: {},
      skillWeights: { industry: 3, region: 2, language: 1, productLine: 2, level: 2, winRate: 3 },
      specific: {},
    });
  });

  it('validates the rep filter through the shared Condition schema', () => {
    expect(CONDITION_SCHEMA_ID).toBe('Condition');
    const ok = { repFilter: { all: [{ fact: 'rep.industries', operator: 'contains', value: { fact: 'customer.industry' } }] } };
    expect(validate(ok)).toBe(true);
    expect(validate({ repFilter: { all: [{ fact: 'rep.level', operator: 'sortOf', value: 3 }] } })).toBe(false);
  });

  it.each([
    [{ strategy: 'random' }, '/strategy'],
    [{ quotas: { newHireMinShare: 1.5 } }, '/quotas/newHireMinShare'],
    [{ quotas: { topRepMaxShare: -0.1 } }, '/quotas/topRepMaxShare'],
    [{ skillWeights: { industry: -1 } }, '/skillWeights/industry'],
    [{ constraints: { respectCapacity: 'yes' } }, '/constraints/respectCapacity'],
    [{ specific: { repId: '' } }, '/specific/repId'],
    [{ candidateTeams: ['a', 'a'] }, '/candidateTeams'],
    [{ extra: 1 }, ''],
  ])('rejects %j at %s', (params, pointer) => {
    expect(validate(params)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain(pointer);
  });

  it('labels every strategy and every form field in both languages', () => {
    for (const option of StrategyNameSchema.anyOf) {
      expect(option['x-label']).toEqual({ 'zh-CN': expect.any(String), en: expect.any(String) });
    }
    const sections = ['candidateTeams', 'strategy', 'constraints', 'quotas', 'skillWeights', 'specific', 'repFilter'] as const;
    for (const key of sections) expect(AssignParamsSchema.properties[key]['x-label']).toBeDefined();
    for (const [, field] of Object.entries(AssignParamsSchema.properties.skillWeights.properties)) {
      expect(field['x-label']['zh-CN']).not.toBe('');
    }
  });

  it('lists exactly the strategies the registry implements', () => {
    expect([...STRATEGY_NAMES].sort()).toEqual(Object.keys(STRATEGIES).sort());
    expect(StrategyNameSchema.anyOf.map((o) => o.const).sort()).toEqual([...STRATEGY_NAMES].sort());
  });
});
