/** Milliseconds in a day; day arithmetic is plain elapsed time, not calendar days in a time zone. */
export const DAY_MS = 86_400_000;

/** Derived facts: days elapsed since a customer date, floor((now − date) / 1 day); undefined without the date. */
export const DERIVED_DAY_FACTS = {
  daysSinceCreated: 'createdAt',
  daysSinceAssigned: 'assignedAt',
  daysSinceLastFollowUp: 'lastFollowUpAt',
} as const;
export type DerivedDayFact = keyof typeof DERIVED_DAY_FACTS;
export type DerivedDateField = (typeof DERIVED_DAY_FACTS)[DerivedDayFact];

export function isDerivedDayFact(name: string): name is DerivedDayFact {
  return Object.hasOwn(DERIVED_DAY_FACTS, name);
}

/** Whole days from `date` to `now` (negative for a future date); undefined when `date` is not a finite number. */
export function daysSince(now: number, date: unknown): number | undefined {
  return typeof date === 'number' && Number.isFinite(date) ? Math.floor((now - date) / DAY_MS) : undefined;
}
