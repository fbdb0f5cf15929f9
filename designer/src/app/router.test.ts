import { describe, expect, it } from 'vitest';
import { matchPath, queryParam } from './router';

describe('matchPath', () => {
  it('matches static and parameter segments', () => {
    expect(matchPath('/flows', '/flows')).toEqual({});
    expect(matchPath('/flows/:id', '/flows/abc123')).toEqual({ id: 'abc123' });
    expect(matchPath('/flows/:id', '/flows/a%20b?x=1')).toEqual({ id: 'a b' });
  });
  it('rejects other shapes', () => {
    expect(matchPath('/flows/:id', '/flows')).toBeNull();
    expect(matchPath('/flows/:id', '/templates/x')).toBeNull();
    expect(matchPath('/flows', '/flows/x')).toBeNull();
    expect(matchPath('/flows/:id', '/flows/%E0%A4%A')).toBeNull();
  });
  it('ignores a trailing slash', () => {
    expect(matchPath('/customers', '/customers/')).toEqual({});
  });
  it('reads query parameters', () => {
    expect(queryParam('/flows/x?tab=sim', 'tab')).toBe('sim');
    expect(queryParam('/flows/x', 'tab')).toBeNull();
  });
});
