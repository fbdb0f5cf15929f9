import { describe, expect, it } from 'vitest';
import { candidate, makeRep } from '../common/test-data.fixture';
import type { Candidate } from '../node-definition';
import { allocCtx, makeCustomer, makeEnv } from '../common/test-data.fixture';
import { candidateSet, prepareCandidateSet } from './candidate-set';
import { repsInTeams } from './team-memo';

const list = (): Candidate[] => [
  candidate(makeRep('a', { teamId: 't1' })),
  candidate(makeRep('b', { teamId: 't2' })),
  candidate(makeRep('c', { teamId: 't1' })),
  candidate(makeRep('d', { teamId: 't3' })),
];
const ids = (cs: readonly Candidate[]) => cs.map((c) => c.rep.id);

describe('repsInTeams', () => {
  it('keeps the entries of the candidate teams in list order (one team, several, none)', () => {
    const reps = list();
    expect(ids(repsInTeams(prepareCandidateSet({ candidateTeams: ['t1'] }), reps))).toEqual(['a', 'c']);
    expect(ids(repsInTeams(prepareCandidateSet({ candidateTeams: ['t3', 't2'] }), reps))).toEqual(['b', 'd']);
    expect(ids(repsInTeams(prepareCandidateSet({ candidateTeams: [] }), reps))).toEqual(['a', 'b', 'c', 'd']);
    expect(repsInTeams(prepareCandidateSet({ candidateTeams: ['nobody'] }), reps)).toEqual([]);
  });

  it('reuses its answer while the same list holds the same entries', () => {
    const cs = prepareCandidateSet({ candidateTeams: ['t1'] });
    const reps = list();
    const first = repsInTeams(cs, reps);
    const second = repsInTeams(cs, reps);
    const third = repsInTeams(cs, reps);
    expect(ids(second)).toEqual(['a', 'c']);
    expect(third).toBe(second);
    expect(ids(first)).toEqual(ids(third));
    // loads change between decisions and are read live through the shared entries
    (reps[0] as Candidate).load.openCount = 7;
    expect(repsInTeams(cs, reps)[0]?.load.openCount).toBe(7);
  });

  it('recomputes when an entry is replaced, added or removed, or for another list', () => {
    const cs = prepareCandidateSet({ candidateTeams: ['t1'] });
    const reps = list();
    repsInTeams(cs, reps);
    repsInTeams(cs, reps);
    reps[1] = candidate(makeRep('b', { teamId: 't1' })); // b moved to t1: a new entry
    expect(ids(repsInTeams(cs, reps))).toEqual(['a', 'b', 'c']);
    reps.push(candidate(makeRep('e', { teamId: 't1' })));
    expect(ids(repsInTeams(cs, reps))).toEqual(['a', 'b', 'c', 'e']);
    reps.splice(0, 1);
    expect(ids(repsInTeams(cs, reps))).toEqual(['b', 'c', 'e']);
    const other = list().slice(2);
    expect(ids(repsInTeams(cs, other))).toEqual(['c']);
    expect(ids(repsInTeams(cs, reps))).toEqual(['b', 'c', 'e']);
  });
});

describe('candidateSet', () => {
  const reps = (): Candidate[] => [
    candidate(makeRep('a', { teamId: 't1', languages: ['en'], industries: ['retail'] })),
    candidate(makeRep('b', { teamId: 't1', languages: ['zh'], industries: ['finance'] })),
    candidate(makeRep('c', { teamId: 't2', languages: ['en'], industries: ['finance'] })),
  ];

  it('keeps the answer of a filter on rep facts only with the team memo', () => {
    const cs = prepareCandidateSet({ candidateTeams: ['t1'], repFilter: { fact: 'rep.languages', operator: 'contains', value: 'en' } });
    expect(cs.filterReadsRepOnly).toBe(true);
    const env = makeEnv({ reps: reps() });
    const ctx = allocCtx(makeCustomer(), env);
    expect(ids(candidateSet(cs, ctx))).toEqual(['a']);
    const kept = candidateSet(cs, ctx);
    expect(ids(kept)).toEqual(['a']);
    expect(candidateSet(cs, ctx)).toBe(kept);
    env.reps[1] = candidate(makeRep('b', { teamId: 't1', languages: ['en'] }));
    expect(ids(candidateSet(cs, ctx))).toEqual(['a', 'b']);
  });

  it('tests a filter that reads the customer (or the load) for every decision', () => {
    const cs = prepareCandidateSet({ candidateTeams: ['t1', 't2'], repFilter: { fact: 'rep.industries', operator: 'contains', value: { fact: 'industry' } } });
    expect(cs.filterReadsRepOnly).toBe(false);
    expect(prepareCandidateSet({ candidateTeams: [], repFilter: { fact: 'load.openCount', operator: 'lessThan', value: 5 } }).filterReadsRepOnly).toBe(false);
    const env = makeEnv({ reps: reps() });
    for (let k = 0; k < 3; k++) {
      expect(ids(candidateSet(cs, allocCtx(makeCustomer({ industry: 'finance' }), env)))).toEqual(['b', 'c']);
      expect(ids(candidateSet(cs, allocCtx(makeCustomer({ industry: 'retail' }), env)))).toEqual(['a']);
    }
  });
});
