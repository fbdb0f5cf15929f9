import { describe, expect, it } from 'vitest';
import { cand, decide, makeParams, makeRep } from './test-fixtures';

const manager = makeRep('m1', { teamId: 't1', isManager: true, name: '赵主管' });
const otherManager = makeRep('m2', { teamId: 't2', isManager: true });
const rep = makeRep('r1', { teamId: 't1', name: '钱一' });
const candidates = [cand(otherManager), cand(rep), cand(manager)];

describe('specific', () => {
  it('picks the named rep', () => {
    const d = decide({ params: makeParams({ strategy: 'specific', specific: { repId: 'r1' } }), candidates });
    expect(d.repId).toBe('r1');
    expect(d.why.en).toBe('Specific: assigned to the named rep 钱一');
  });

  it('picks the team manager passed in by the caller', () => {
    const params = makeParams({ strategy: 'specific', candidateTeams: ['t1'], specific: { useTeamManager: true } });
    expect(decide({ params, candidates, teamManagerRepId: 'm2' }).repId).toBe('m2');
  });

  it('finds the manager of the first candidate team among the candidates when none is passed in', () => {
    const params = makeParams({ strategy: 'specific', candidateTeams: ['t1', 't2'], specific: { useTeamManager: true } });
    expect(decide({ params, candidates }).repId).toBe('m1');
  });

  it('falls back from an ineligible named rep to the manager', () => {
    const params = makeParams({ strategy: 'specific', candidateTeams: ['t1'], specific: { repId: 'r1', useTeamManager: true } });
    const d = decide({ params, candidates: [cand(rep, { openCount: 5000 }), cand(manager)] });
    expect(d.repId).toBe('m1');
    expect(d.why['zh-CN']).toContain('指定销售 钱一 不可分配');
  });

  it('takes none when the named rep is ineligible or missing', () => {
    const onLeave = decide({ params: makeParams({ strategy: 'specific', specific: { repId: 'r1' } }), candidates: [cand({ ...rep, status: 'onLeave' })] });
    expect(onLeave.repId).toBeNull();
    expect(onLeave.why.en).toContain('named rep 钱一 cannot take it');
    const missing = decide({ params: makeParams({ strategy: 'specific', specific: { repId: 'ghost' } }), candidates });
    expect(missing.repId).toBeNull();
    expect(missing.why.en).toContain('(ghost) is not among the candidates');
  });

  it('takes none when there is no manager to find or nothing is named', () => {
    const noTeam = decide({ params: makeParams({ strategy: 'specific', specific: { useTeamManager: true } }), candidates });
    expect(noTeam.repId).toBeNull();
    expect(noTeam.why.en).toContain('the first candidate team has no manager');
    const nothing = decide({ params: makeParams({ strategy: 'specific' }), candidates });
    expect(nothing.repId).toBeNull();
    expect(nothing.why.en).toBe('Specific: the node names neither a rep nor the team manager');
  });
});
