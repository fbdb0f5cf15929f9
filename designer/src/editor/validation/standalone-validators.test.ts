import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { envelopeValidator, paramsValidator } from '../../../../engine/core/flow/flow-ajv';
import { NODE_TYPES } from '../../../../engine/core/nodes';
import { checkingModule, defaultingModule, exportName } from '../../../ajv-standalone.plugin';

/**
 * The browser bundle validates with ajv standalone code generated at build time (no eval under the API's CSP).
 * It must behave exactly like the engine's run-time compiled validators: same verdicts, same errors, same defaults.
 */
const dir = join(__dirname, '../../../../node_modules/.cache/allot-standalone-test');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

async function load(code: string, name: string): Promise<Record<string, Validate>> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${process.pid}.mjs`);
  writeFileSync(file, code);
  return (await import(pathToFileURL(file).href)) as Record<string, Validate>;
}

const samples: Record<string, unknown[]> = {
  assign: [{}, { strategy: 'nope' }, { candidateTeams: ['t1', 't1'] }, { quotas: { newHireMinShare: 2 } }, { repFilter: { all: [{ fact: 'rep.level', operator: 'greaterThan', value: 3 }] } }],
  score: [{}, { rules: [{ label: '', condition: { all: [] }, points: 500 }] }, { thresholds: { A: 90, B: 70, C: 50 } }],
  switch: [{}, { cases: [{ key: 'bad key!', label: 'x', values: [] }] }, { field: 'grade', cases: [{ key: 'A', label: 'A', values: ['A'] }] }],
  waitForFollowUp: [{}, { sla: { amount: 0, unit: 'weeks' } }, { workingHours: { days: [1, 9] } }],
  notify: [{}, { channels: [] }, { webhookUrl: 'ftp://x' }],
  trigger: [{}, { on: 'nope' }, { on: 'schedule', every: { amount: 2, unit: 'days' } }],
};

describe('standalone validators in the browser bundle', () => {
  it('agree with the engine on every node type: verdicts, errors and filled-in defaults', async () => {
    const mod = await load(defaultingModule(), 'defaulting');
    for (const type of NODE_TYPES) {
      for (const sample of [...(samples[type] ?? []), {}, { unexpected: true }]) {
        const a = structuredClone(sample);
        const b = structuredClone(sample);
        const engine = paramsValidator(type);
        const bundled = mod[exportName(type)] as Validate;
        expect(bundled(a), `${type} ${JSON.stringify(sample)}`).toBe(engine(b));
        expect(bundled.errors ?? null).toEqual(engine.errors ?? null);
        expect(a).toEqual(b);
      }
    }
    const env = { schemaVersion: 1, id: 'f', name: 'F', kind: 'allocation', trigger: 'customerCreated', nodes: [{ id: 'n', type: 'end' }], edges: [] };
    const a = structuredClone(env);
    const b = structuredClone(env);
    expect((mod.envelope as Validate)(a)).toBe(envelopeValidator()(b));
    expect(a).toEqual(b);
  });

  it('generates code without eval or require', () => {
    for (const code of [defaultingModule(), checkingModule()]) {
      expect(code).not.toMatch(/\bnew Function\b|\beval\(|\brequire\(/);
    }
  });
});
