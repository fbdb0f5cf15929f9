import type { Types } from 'mongoose';
import type { Models } from './models';
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

/** Records the keys for a customer; a key another customer already holds stays with that customer. */
export async function recordContactKeys(models: Pick<Models, 'ContactKey'>, customers: { _id: Types.ObjectId | string; phone?: string | null; email?: string | null; company?: string | null }[]): Promise<void> {
  const docs = customers.flatMap((c) => contactKeysOf(c).map((k) => ({ _id: k, customerId: c._id })));
  if (!docs.length) return;
  try {
    await models.ContactKey.insertMany(docs, { ordered: false });
  } catch (err) {
    const e = err as { code?: number; writeErrors?: { code?: number; err?: { code?: number } }[] };
    const codes = e.writeErrors?.map((w) => w.code ?? w.err?.code) ?? [e.code];
    if (!codes.every((c) => c === 11000)) throw err;
  }
}
