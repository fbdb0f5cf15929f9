import type { PreparedTest } from './operator-definition';

/**
 * json-rules-engine's `in` / `notIn` evaluate `value.indexOf(fact)`: strict equality in a list, and — when the
 * value is a text (only possible through a fact reference) — a substring search for the fact as text.
 * Where json-rules-engine would throw (a value that is neither), Allot answers "no match possible": -1 means
 * not searchable.
 */
export function searchValue(fact: unknown, value: unknown): number {
  if (Array.isArray(value)) return value.indexOf(fact) > -1 ? 1 : 0;
  if (typeof value === 'string') {
    try {
      return value.indexOf(String(fact)) > -1 ? 1 : 0;
    } catch {
      return -1;
    }
  }
  return -1;
}

/** Membership in a checked literal list (no NaN in it, so a Set's SameValueZero equals `indexOf`'s `===`). */
export function prepareMembership(list: readonly unknown[], wanted: boolean): PreparedTest {
  const items = list.slice();
  if (items.length > 8) {
    const set = new Set(items);
    return wanted ? (a) => set.has(a) : (a) => !set.has(a);
  }
  return wanted ? (a) => items.indexOf(a) > -1 : (a) => items.indexOf(a) === -1;
}
