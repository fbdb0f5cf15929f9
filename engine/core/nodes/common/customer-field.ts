import { compileFactReader, parseFactName, type FactReader } from '../../conditions';
import type { Customer } from '../../model/customer.schema';

const readers = new Map<string, FactReader | null>();
const MAX_CACHED = 1000;

/** A reader for a fact name (built by the condition layer, so conditions, switches and messages agree); null if invalid. */
export function factReader(field: string): FactReader | null {
  let r = readers.get(field);
  if (r === undefined) {
    const parsed = parseFactName(field);
    r = parsed.ok ? compileFactReader(parsed.source, null) : null;
    if (readers.size < MAX_CACHED) readers.set(field, r);
  }
  return r;
}

/**
 * Reads a customer field by fact name: `grade`, `customer.grade`, `attributes.budget`, or a derived day count
 * (`daysSinceLastFollowUp`). Undefined when missing or when the name is not a valid fact.
 */
export function readCustomerField(customer: Customer, field: string, now: number): unknown {
  const r = factReader(field);
  return r ? r({ customer, now }) : undefined;
}
