import { describe, expect, it } from 'vitest';
import { averageWonValue, computeRepStats, median, ownershipSpans, winRatesByIndustry, type OwnershipEvent } from './rep-stats.compute';

const H = 3_600_000;

describe('win rate and deal value', () => {
  const deals = [
    { industry: 'finance', status: 'won' as const, estimatedValue: 100_000 },
    { industry: 'finance', status: 'lost' as const, estimatedValue: 900_000 },
    { industry: 'finance', status: 'won' as const, estimatedValue: 200_000 },
    { industry: 'retail', status: 'lost' as const },
    { industry: null, status: 'won' as const },
  ];
  it('is won / (won + lost) per industry, with the number of deals', () => {
    expect(winRatesByIndustry(deals)).toEqual([
      { industry: 'finance', winRate: 0.6667, deals: 3 },
      { industry: 'retail', winRate: 0, deals: 1 },
      { industry: 'unknown', winRate: 1, deals: 1 },
    ]);
  });
  it('averages only won deals that carry a value', () => {
    expect(averageWonValue(deals)).toBe(150_000);
    expect(averageWonValue([{ status: 'lost', estimatedValue: 5 }])).toBe(0);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('ownership spans', () => {
  const ev = (customerId: string, outcome: string, ownerId: string | null, at: number): OwnershipEvent => ({ customerId, outcome, ownerId, at });
  it('starts when the rep gets a customer and ends when it changes hands or goes back to a pool', () => {
    const events = [
      ev('c1', 'assigned', 'r1', 10), ev('c1', 'reassigned', 'r2', 20), ev('c1', 'reassigned', 'r1', 30),
      ev('c2', 'claimed', 'r1', 5), ev('c2', 'manual', 'r1', 8), ev('c2', 'released', 'r1', 12),
      ev('c3', 'assigned', 'r2', 1),
    ];
    expect(ownershipSpans(events, 'r1', 0)).toEqual([
      { customerId: 'c2', from: 5, to: 12 },
      { customerId: 'c1', from: 10, to: 20 },
      { customerId: 'c1', from: 30, to: null },
    ]);
  });
  it('leaves out spans that began before the window', () => {
    expect(ownershipSpans([ev('c1', 'assigned', 'r1', 10), ev('c1', 'manual', 'r1', 50)], 'r1', 40)).toEqual([]);
  });
});

describe('computeRepStats', () => {
  it('measures first response and escalations per assignment span', () => {
    const events: OwnershipEvent[] = [
      { customerId: 'a', outcome: 'assigned', ownerId: 'r', at: 0 },
      { customerId: 'b', outcome: 'assigned', ownerId: 'r', at: 0 },
      { customerId: 'c', outcome: 'assigned', ownerId: 'r', at: 0 },
      { customerId: 'd', outcome: 'assigned', ownerId: 'r', at: 0 },
      { customerId: 'd', outcome: 'reassigned', ownerId: 'x', at: 10 * H },
    ];
    const stats = computeRepStats({
      repId: 'r',
      since: 0,
      closedDeals: [],
      events,
      // a: 2h, b: 4h (and a later one), c: none, d: after the span ended → none
      followUps: [{ customerId: 'a', at: 2 * H }, { customerId: 'b', at: 6 * H }, { customerId: 'b', at: 4 * H }, { customerId: 'd', at: 11 * H }],
      // a escalated twice (two notifications), d escalated only after it left the rep
      escalations: [{ customerId: 'a', at: 3 * H }, { customerId: 'a', at: 3 * H }, { customerId: 'd', at: 12 * H }],
    });
    expect(stats.assignments).toBe(4);
    expect(stats.respondedAssignments).toBe(2);
    expect(stats.medianFirstResponseHours).toBe(3);
    expect(stats.escalatedAssignments).toBe(1);
    expect(stats.escalationShare).toBe(0.25);
  });
});
