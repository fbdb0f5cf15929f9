/**
 * Free-form (Mixed) values are stored as they are, so their keys must be keys both MongoDB and
 * FerretDB accept: no `.`, no leading `$`, no NUL, nesting at most 64 deep.
 */
const MAX_DEPTH = 64;

export function findUnsafeKey(value: unknown, path = '', depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `${path || '/'} (nested deeper than ${MAX_DEPTH})`;
  if (value === null || typeof value !== 'object') return undefined;
  if (value instanceof Date || isObjectIdLike(value)) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findUnsafeKey(value[i], `${path}/${i}`, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('.') || key.startsWith('$') || key.includes('\0')) return `${path}/${key}`;
    const bad = findUnsafeKey(child, `${path}/${key}`, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

function isObjectIdLike(value: object): boolean {
  return (value as { _bsontype?: unknown })._bsontype !== undefined;
}

/** A mongoose validator for Mixed paths. */
export const safeKeys = {
  validator: (value: unknown): boolean => findUnsafeKey(value) === undefined,
  message: (props: { path: string; value: unknown }): string =>
    `${props.path}: key ${findUnsafeKey(props.value) ?? '?'} is not storable (no "." and no leading "$" in field names) / 字段名不能含 "." 或以 "$" 开头`,
};
