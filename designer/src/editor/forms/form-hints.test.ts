import { describe, expect, it } from 'vitest';
import { describeCatalog } from '../../../../engine/core/nodes';
import { FIELD_VISIBILITY, isFieldVisible } from './form-hints';

describe('form hints', () => {
  it('name only real params of real node types', () => {
    const catalog = describeCatalog('en');
    for (const [type, rules] of Object.entries(FIELD_VISIBILITY)) {
      const entry = catalog.find((e) => e.type === type);
      expect(entry, type).toBeDefined();
      const props = Object.keys((entry!.paramsSchema as { properties: object }).properties);
      for (const key of Object.keys(rules)) expect(props, `${type}.${key}`).toContain(key);
    }
  });

  it('show strategy-specific settings only for their strategy', () => {
    expect(isFieldVisible('assign', 'skillWeights', { strategy: 'skillMatch' })).toBe(true);
    expect(isFieldVisible('assign', 'skillWeights', { strategy: 'roundRobin' })).toBe(false);
    expect(isFieldVisible('assign', 'quotas', { strategy: 'sticky' })).toBe(false);
    expect(isFieldVisible('assign', 'strategy', {})).toBe(true);
    expect(isFieldVisible('trigger', 'every', { on: 'schedule' })).toBe(true);
    expect(isFieldVisible('notify', 'repIds', { recipients: ['owner'] })).toBe(false);
  });
});
