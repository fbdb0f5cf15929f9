/**
 * json-rules-engine 7's fact check for lessThan / greaterThan …: `Number.parseFloat(fact).toString() !== 'NaN'`.
 * So numbers (except NaN) pass, and so do numeric-looking strings ("12", "3px") and arrays whose text
 * starts with a number ([5], ["7"]); the comparison itself then uses JavaScript's `<`, `>`, `<=`, `>=`.
 */
export function isJreNumeric(v: unknown): boolean {
  if (typeof v === 'number') return v === v;
  try {
    return !Number.isNaN(Number.parseFloat(v as string));
  } catch {
    return false;
  }
}

/** Relations compared the way JavaScript compares them (with its coercion), used only off the number fast path. */
export type Rel = 'lt' | 'le' | 'gt' | 'ge';

export function looseRelation(a: unknown, b: unknown, rel: Rel): boolean {
  try {
    if (!isJreNumeric(a)) return false;
    const x = a as number;
    const y = b as number;
    switch (rel) {
      case 'lt':
        return x < y;
      case 'le':
        return x <= y;
      case 'gt':
        return x > y;
      case 'ge':
        return x >= y;
    }
  } catch {
    return false;
  }
}
