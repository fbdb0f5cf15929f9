/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (formatters.size > 500) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The last answer per time zone, for the UTC minute it was asked in: since 1972 every time zone's
 * offset is a whole number of minutes, so the local date cannot change within one UTC minute. Intake asks for each
 * rep's "today" many times a second, and formatting is the slow part.
 */
const SINCE_WHOLE_MINUTE_OFFSETS = Date.UTC(1972, 0, 1);
const lastByZone = new Map<string, { minute: number; date: string }>();

/** Calendar date `YYYY-MM-DD` of an instant in an IANA time zone (a rep's "today" for daily caps). */
export function localDate(epochMs: number, timeZone: string): string {
  const minute = Math.floor(epochMs / 60_000);
  const last = lastByZone.get(timeZone);
  if (last?.minute === minute && epochMs >= SINCE_WHOLE_MINUTE_OFFSETS) return last.date;
  const parts = formatterFor(timeZone).formatToParts(epochMs);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  if (lastByZone.size > 500) lastByZone.clear();
  lastByZone.set(timeZone, { minute, date });
  return date;
}

export const LOCAL_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
