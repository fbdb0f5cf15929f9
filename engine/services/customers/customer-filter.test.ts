import { describe, expect, it } from 'vitest';
import type { Principal } from '../../api/auth/principal';
import { customerFilter, escapeRegex } from './customer-filter';
import { isOverdue } from './customer-view';
import { versionFromIfMatch } from './customer-update.service';

const admin: Principal = { kind: 'user', id: 'u', name: 'a', role: 'admin', teamIds: [], scopes: [] };
const rep: Principal = { kind: 'user', id: 'u', name: 'r', role: 'rep', repId: '64b000000000000000000001', teamIds: [], scopes: [] };
const NOW = Date.UTC(2025, 5, 16);
const H = 3_600_000;

describe('customerFilter', () => {
  it('escapes the name / company prefix, so a pattern matches only itself', () => {
    const f = customerFilter(admin, { q: 'a.*(b', overdueHours: 24 }, NOW) as { $or: { name: RegExp }[] };
    const re = f.$or[0]!.name;
    expect(re.test('a.*(b corp')).toBe(true);
    expect(re.test('abc')).toBe(false);
    expect(re.flags).toBe('i');
    expect(escapeRegex('$^[]{}|\\/')).toBe('\\$\\^\\[\\]\\{\\}\\|\\\\\\/');
  });

  it('keeps the caller’s scope alongside every filter', () => {
    const f = customerFilter(rep, { status: 'assigned', grade: 'A', overdueHours: 24 }, NOW) as { $and: Record<string, unknown>[] };
    expect(f.$and).toHaveLength(3);
    expect(Object.keys(f.$and[0]!)).toEqual(['$or']);
    expect(f.$and.slice(1)).toEqual([{ status: 'assigned' }, { grade: 'A' }]);
  });

  it('overdue: assigned, last follow-up (or assignment) older than the SLA', () => {
    const assignedAt = new Date(NOW - 30 * H);
    expect(isOverdue({ status: 'assigned', assignedAt, lastFollowUpAt: undefined }, NOW, 24)).toBe(true);
    expect(isOverdue({ status: 'assigned', assignedAt, lastFollowUpAt: new Date(NOW - 2 * H) }, NOW, 24)).toBe(false);
    expect(isOverdue({ status: 'won', assignedAt, lastFollowUpAt: undefined }, NOW, 24)).toBe(false);
    expect(isOverdue({ status: 'assigned', assignedAt, lastFollowUpAt: undefined }, NOW, 48)).toBe(false);
  });
});

describe('If-Match', () => {
  it('reads a version from 3, "3" or W/"3", and refuses anything else', () => {
    expect(versionFromIfMatch('3')).toBe(3);
    expect(versionFromIfMatch('"12"')).toBe(12);
    expect(versionFromIfMatch('W/"7"')).toBe(7);
    expect(versionFromIfMatch(undefined)).toBeUndefined();
    expect(() => versionFromIfMatch('*')).toThrow(/If-Match/);
    expect(() => versionFromIfMatch('"3", "4"')).toThrow();
  });
});
