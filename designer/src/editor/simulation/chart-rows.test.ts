import { describe, expect, it } from 'vitest';
import type { SimulationSideT } from '../../api/simulations.api';
import { chartRows, gradesOf } from './chart-rows';

const rep = (repId: string, name: string, status: string, byGrade: Array<{ grade: string; count: number }>) => ({
  repId, name, teamId: 't', status, isNewHire: false, isTopRep: false, weight: 1, count: byGrade.reduce((a, g) => a + g.count, 0), byGrade,
  share: 0, weightTarget: 0, weightDeviation: 0, openCount: 0, capacity: 10, dailyCap: 5, maxInOneDay: 0,
});
const side = (reps: ReturnType<typeof rep>[]) => ({ reps }) as unknown as SimulationSideT;

describe('simulation chart rows', () => {
  it('pairs the draft and the active version per rep, busiest first, without idle inactive reps', () => {
    const draft = side([rep('a', 'Ann', 'active', [{ grade: 'A', count: 2 }, { grade: '—', count: 1 }]), rep('b', 'Bo', 'active', [{ grade: 'C', count: 5 }]), rep('x', 'Gone', 'departed', [])]);
    const active = side([rep('a', 'Ann', 'active', [{ grade: 'B', count: 1 }]), rep('c', 'Cy', 'onLeave', [{ grade: 'A', count: 1 }])]);
    const rows = chartRows(draft, active);
    expect(rows.map((r) => r.repId)).toEqual(['b', 'a', 'c']);
    expect(rows[1]).toMatchObject({ draft: { A: 2, '—': 1 }, active: { B: 1 } });
    expect(rows[0]?.active).toEqual({});
    expect(gradesOf(rows)).toEqual(['A', 'B', 'C', '—']);
    expect(chartRows(draft, null).every((r) => r.active === undefined)).toBe(true);
  });
});
