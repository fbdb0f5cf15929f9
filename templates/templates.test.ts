import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseFlow } from '../engine/core/flow/validate-flow';
import { prepareFlow } from '../engine/core/interpreter/prepare-flow';
import { simulate } from '../engine/core/simulation/simulate';
import { getTemplate, templateExample, TEMPLATES, TEMPLATE_EPOCH } from './index';
import { checkAllocation, checkFollowUp } from './template-checks';
import { AllocationExpectedSchema, FollowUpExpectedSchema, TemplateMetaSchema } from './template.schema';

const ajv = new Ajv({ strict: false, allErrors: true });
const metaOk = ajv.compile(TemplateMetaSchema);
const allocationExpectedOk = ajv.compile(AllocationExpectedSchema);
const followUpExpectedOk = ajv.compile(FollowUpExpectedSchema);

describe('templates', () => {
  it('has every template the engine issue lists', () => {
    expect(TEMPLATES.map((t) => t.meta.id).sort()).toEqual([
      'big-account-collaboration', 'churn-risk-rescue', 'industry-specialists', 'new-hire-quota', 'pool-recycling',
      'round-robin', 'sla-ladder', 'territory', 'tiered-by-value', 'weighted',
    ]);
  });

  it('finds templates by id', () => {
    expect(getTemplate('sla-ladder')?.meta.kind).toBe('followUp');
    expect(getTemplate('nope')).toBeUndefined();
  });

  describe.each(TEMPLATES.map((t) => [t.meta.id, t] as const))('%s', (id, t) => {
    const { customers, ...org } = templateExample(t);

    it('describes itself in both languages and matches its flow', () => {
      expect(metaOk(t.meta), JSON.stringify(metaOk.errors)).toBe(true);
      expect(t.meta.id).toBe(id);
      expect(t.meta.kind).toBe((t.flow as { kind: string }).kind);
      for (const s of [t.meta.name, t.meta.description, ...t.meta.highlights]) {
        expect(s['zh-CN'].length).toBeGreaterThan(0);
        expect(s.en.length).toBeGreaterThan(0);
      }
    });

    it('is a valid flow, also against its example organisation', () => {
      const parsed = parseFlow(t.flow, { teamIds: org.teams.map((x) => x.id), repIds: org.reps.map((x) => x.id), poolIds: org.pools.map((x) => x.id) });
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    });

    it('produces the expected outcomes on its example data', () => {
      const parsed = parseFlow(t.flow);
      if (!parsed.ok) throw new Error('invalid flow');
      const prepared = prepareFlow(parsed.flow);
      if (t.meta.kind === 'allocation') {
        expect(allocationExpectedOk(t.expected), JSON.stringify(allocationExpectedOk.errors)).toBe(true);
        const report = simulate(prepared, { customers, reps: org.reps, teams: org.teams, pools: org.pools, loads: org.loads, now: TEMPLATE_EPOCH });
        expect(report.violations.total).toBe(0);
        expect(report.outcomes.unassigned + report.outcomes.assigned + report.outcomes.pool + report.outcomes.duplicate).toBe(customers.length);
        expect(checkAllocation(report, t.expected as never)).toEqual([]);
      } else {
        expect(followUpExpectedOk(t.expected), JSON.stringify(followUpExpectedOk.errors)).toBe(true);
        expect(checkFollowUp(prepared, customers, t.expected as never, TEMPLATE_EPOCH)).toEqual([]);
      }
    });
  });
});
