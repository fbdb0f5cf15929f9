import { describe, expect, it } from 'vitest';
import roundRobin from '../../../templates/round-robin/flow.json';
import { parseFlow } from './validate-flow';
import { bindEntityReferences, listEntityReferences } from './bind-references';
import type { FlowDocument } from './flow.schema';

const doc = () => {
  const r = parseFlow(structuredClone(roundRobin));
  if (!r.ok) throw new Error('template invalid');
  return r.flow;
};

describe('entity references of a flow', () => {
  it('lists the pools, teams and reps a template names, with pointers into the document', () => {
    const refs = listEntityReferences(doc());
    const pool = refs.find((r) => r.kind === 'pool');
    expect(pool?.id).toBe('pool-main');
    expect(pool?.pointer).toMatch(/^\/nodes\/\d+\/params\/poolId$/);
  });

  it('binds symbolic ids to real ones in a copy, leaving unbound ids and the original alone', () => {
    const original = doc();
    const bound: FlowDocument = bindEntityReferences(original, { pool: { 'pool-main': '0123456789abcdef01234567' } });
    expect(listEntityReferences(bound).filter((r) => r.kind === 'pool').map((r) => r.id)).toEqual(['0123456789abcdef01234567']);
    expect(listEntityReferences(original).find((r) => r.kind === 'pool')?.id).toBe('pool-main');
    const untouched = bindEntityReferences(original, { pool: { other: 'x' } });
    expect(untouched).toEqual(original);
  });
});
