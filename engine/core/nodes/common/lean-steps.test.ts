import { describe, expect, it } from 'vitest';
import type { AllocationContext, AllocationStepResult } from '../node-definition';
import { conditionNode } from '../condition/condition.node';
import { switchNode } from '../switch/switch.node';
import { tagNode } from '../tag/tag.node';
import { triggerNode } from '../trigger/trigger.node';
import { allocCtx, makeCustomer } from './test-data.fixture';

/** The lean result (explain: false) says what the full one says, without the detail. */
function sameButLean(lean: AllocationStepResult, full: AllocationStepResult): void {
  expect(lean.output).toBe(full.output);
  expect(lean.trace.summary).toEqual(full.trace.summary);
  expect(lean.effects).toEqual(full.effects);
  expect(lean.trace.detail).toBeUndefined();
}

const lean = (ctx: AllocationContext, prepared: unknown): AllocationContext => ({ ...ctx, explain: false, prepared });

describe('lean step results of the routing nodes', () => {
  it('condition: one shared, frozen result per output', () => {
    const params = { condition: { fact: 'industry', operator: 'equal' as const, value: 'finance' } };
    const prepared = conditionNode.prepare?.(params);
    for (const industry of ['finance', 'retail']) {
      const ctx = allocCtx(makeCustomer({ industry }));
      const r = conditionNode.evaluate(params, lean(ctx, prepared));
      sameButLean(r, conditionNode.evaluate(params, ctx));
      expect(Object.isFrozen(r)).toBe(true);
      expect(conditionNode.evaluate(params, lean(ctx, prepared))).toBe(r);
    }
  });

  it('switch: one shared result per case and for the default', () => {
    const params = { field: 'grade', cases: [{ key: 'A', label: 'A', values: ['A'] }, { key: 'B', label: 'B', values: ['B', 'b'] }] };
    const prepared = switchNode.prepare?.(params);
    for (const grade of ['A', 'b', 'C', undefined]) {
      const ctx = allocCtx(makeCustomer(grade === undefined ? {} : { grade }));
      const r = switchNode.evaluate(params, lean(ctx, prepared));
      sameButLean(r, switchNode.evaluate(params, ctx));
      expect(Object.isFrozen(r)).toBe(true);
    }
  });

  it('tag: shared when nothing is added, a fresh result with the effect otherwise', () => {
    const params = { rules: [{ condition: { fact: 'estimatedValue', operator: 'greaterThan' as const, value: 10 }, tags: ['big', 'x'] }] };
    const prepared = tagNode.prepare?.(params);
    const none = allocCtx(makeCustomer({ estimatedValue: 1 }));
    sameButLean(tagNode.evaluate(params, lean(none, prepared)), tagNode.evaluate(params, none));
    const some = allocCtx(makeCustomer({ estimatedValue: 100, tags: ['x'] }));
    const r = tagNode.evaluate(params, lean(some, prepared));
    sameButLean(r, tagNode.evaluate(params, some));
    expect(r.effects).toEqual([{ kind: 'addTags', tags: ['big'] }]);
  });

  it('trigger: the prepared result', () => {
    const params = { on: 'customerCreated' as const };
    const prepared = triggerNode.prepare?.(params);
    const ctx = allocCtx(makeCustomer());
    const r = triggerNode.evaluate(params, lean(ctx, prepared));
    sameButLean(r, triggerNode.evaluate(params, ctx));
    expect(r).toBe(prepared);
  });
});
