/** Reads a record's own property only (a rep id such as `constructor` never reads the prototype). */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;
