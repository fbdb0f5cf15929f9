import { Types } from 'mongoose';
import type { ExistingCustomerRef } from '../../core/nodes/node-definition';
import type { Customer } from '../../core/model/customer.schema';
import type { AppContext } from '../../api/app-context';
import { contactKeysOf, insertContactKeys } from '../../data/contact-keys';
import { insertError, insertGrouped } from '../../data/group-insert';
import { holderOfKey } from './contact-key-holder';

/** What an intake holds of a new customer's dedupe keys, and the stored customers that already had some. */
export interface IntakeKeys {
  /** stored customers sharing a key with the new one, oldest first (what the dedupe node compares) */
  existing: ExistingCustomerRef[];
  /** the customer is not stored (a duplicate, a failure): give back the keys it reserved */
  release(): Promise<void>;
  /** the customer is stored: take the keys a customer in flight held, if it has let them go since */
  settle(): Promise<void>;
}

/**
 * Reserves a new customer's dedupe keys by inserting them (DESIGN.md "Dedupe"): for a new customer
 * that one insert is the whole look-up, where reading each key first and writing it after took two
 * commands. A refused key (code 11000) belongs to a stored customer, whose record the dedupe node
 * gets; or to one in flight (tried again once this one is stored); or to one never stored, whose
 * key is taken over (contact-key-holder.ts).
 */
export async function reserveIntakeKeys(app: AppContext, c: Pick<Customer, 'id' | 'phone' | 'email' | 'company'>): Promise<IntakeKeys> {
  const { ContactKey } = app.models;
  const keys = contactKeysOf(c);
  const customerId = new Types.ObjectId(c.id);
  const own = (k: string) => ({ _id: k, customerId });
  const outcomes = keys.length ? await insertGrouped(ContactKey, keys.map(own)) : [];
  const mine = keys.filter((_, i) => outcomes[i] === null);
  const release = async () => {
    // only keys still its own: a key another customer holds is never touched
    await Promise.all(mine.map((k) => ContactKey.deleteOne({ _id: k, customerId })));
  };
  const failed = outcomes.find((o) => o !== null && o.code !== 11000);
  if (failed) {
    await release();
    throw insertError(failed);
  }
  const refused = keys.filter((_, i) => outcomes[i]?.code === 11000);
  if (!refused.length) return { existing: [], release, settle: async () => undefined };

  const holders = await Promise.all(refused.map(async (key) => ({ key, holder: await holderOfKey(app, key, c.id) })));
  const byId = new Map<string, ExistingCustomerRef & { createdAt: Date }>();
  const pending: string[] = [];
  for (const { key, holder } of holders) {
    if (holder.kind === 'taken') mine.push(key);
    else if (holder.kind === 'inFlight') pending.push(key);
    else if (holder.ref) byId.set(holder.customerId, holder.ref);
  }
  const existing = [...byId.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(({ createdAt: _c, ...ref }) => ref);
  const settle = async () => {
    if (!pending.length) return;
    const stillHeld = await insertContactKeys(app.models, pending.map(own));
    // still held by a customer not stored: should that one never be, the key comes to this one (contact-key-holder.ts)
    const held = pending.filter((_, i) => stillHeld[i]);
    await Promise.all(held.map((k) => ContactKey.updateOne({ _id: k }, { $addToSet: { waiting: customerId } })));
  };
  return { existing, release, settle };
}
