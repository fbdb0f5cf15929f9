/** Reads a record's own property only (a rep id such as `constructor` never reads the prototype). */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => {
  // read first: an absent key (the common miss) then costs one lookup instead of two
  const v = record[key];
  return v !== undefined && Object.hasOwn(record, key) ? v : undefined;
};
