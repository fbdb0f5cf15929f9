import { describe, expect, it } from 'vitest';
import { CUSTOMER_FIELDS } from '../model/customer.schema';
import { describeFact, FACT_CATALOG, isKnownFact } from './fact-catalog';
import { parseFactName } from './fact-name';

describe('fact catalog', () => {
  it('lists every customer field, rep field and load field with a type and labels', () => {
    for (const name of Object.keys(CUSTOMER_FIELDS)) expect(describeFact(name)?.type).toBe(CUSTOMER_FIELDS[name]?.type);
    expect(describeFact('rep.industries')).toMatchObject({ type: 'stringArray', scope: 'rep' });
    expect(describeFact('rep.level')).toMatchObject({ type: 'number', scope: 'rep' });
    expect(describeFact('load.openCount')).toMatchObject({ type: 'number', scope: 'load' });
    expect(describeFact('daysSinceCreated')).toMatchObject({ type: 'number', scope: 'derived' });
    for (const f of FACT_CATALOG) {
      expect(f.labels['zh-CN'] && f.labels.en).toBeTruthy();
      expect(parseFactName(f.name).ok).toBe(true);
    }
  });
  it('answers for aliases and attributes, and not for unknown or invalid names', () => {
    expect(describeFact('customer.industry')).toMatchObject({ name: 'customer.industry', type: 'string', scope: 'customer' });
    expect(describeFact('attributes.渠道')).toMatchObject({ type: 'any', scope: 'attribute' });
    expect(describeFact('attributes.渠道')?.labels.en).toBe('Attribute 渠道');
    expect(isKnownFact('rep.industries')).toBe(true);
    for (const name of ['nonsense', 'rep.nonsense', 'load.repId', 'customer.rep', '__proto__', 'rep.constructor']) {
      expect(isKnownFact(name), name).toBe(false);
    }
  });
});
