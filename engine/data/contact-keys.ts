import type { Types } from 'mongoose';
import type { Models } from './models';
import { insertError, insertGrouped } from './group-insert';
import { normalizeCompany, normalizeEmail, normalizePhone } from './normalize-contact';

/** The dedupe keys of a customer's contact details (`p:`, `e:`, `c:` + the normalised value). */
export function contactKeysOf(c: { phone?: string | null; email?: string | null; company?: string | null }): string[] {
  const keys: string[] = [];
  const phone = c.phone ? normalizePhone(c.phone) : undefined;
  const email = c.email ? normalizeEmail(c.email) : undefined;
  const company = c.company ? normalizeCompany(c.company) : undefined;
  if (phone) keys.push(`p:${phone}`);
  if (email) keys.push(`e:${email}`);
  if (company) keys.push(`c:${company}`);
  return keys;
}

/**
 * Inserts key documents; a key another customer already holds stays with that customer. Returns, per
 * document, whether its key was held by another (code 11000); any other failure throws.
 */
export async function insertContactKeys(models: Pick<Models, 'ContactKey'>, docs: { _id: string; customerId: Types.ObjectId | string }[]): Promise<boolean[]> {
  if (!docs.length) return [];
  // with other requests' keys of the same moment, as one unordered insert (group-insert.ts)
  const outcomes = await insertGrouped(models.ContactKey, docs);
  const failed = outcomes.find((f) => f !== null && f.code !== 11000);
  if (failed) throw insertError(failed);
  return outcomes.map((f) => f !== null);
}

/** Records the keys for a customer; a key another customer already holds stays with that customer. */
export async function recordContactKeys(models: Pick<Models, 'ContactKey'>, customers: { _id: Types.ObjectId | string; phone?: string | null; email?: string | null; company?: string | null }[]): Promise<void> {
  await insertContactKeys(models, customers.flatMap((c) => contactKeysOf(c).map((k) => ({ _id: k, customerId: c._id }))));
}
