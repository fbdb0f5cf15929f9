import { Types } from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { ExistingCustomerRef } from '../../core/nodes/node-definition';
import { EXISTING_REF_FIELDS, existingRef } from './allocation-env.loader';

/**
 * A dedupe key whose holder was never stored is taken over once the holder's id (an ObjectId, which
 * carries the second its intake or import began) is this old: no intake or import batch still in
 * flight began so long ago. Such keys are what a process killed between reserving and storing leaves.
 */
export const ORPHAN_KEY_AGE_MS = 2 * 60_000;

type StoredRef = ExistingCustomerRef & { createdAt: Date };

/** Who holds a key a customer could not reserve. */
export type KeyHolder =
  /** a stored customer (`ref` as the dedupe node sees it), or the asking customer itself (an import row resumed after a crash) */
  | { kind: 'stored'; customerId: string; ref?: StoredRef }
  /** a customer being taken in at this moment, not stored (yet) */
  | { kind: 'inFlight'; customerId: string }
  /** nobody any more: the key is now the asking customer's (an orphan taken over, or given back meanwhile) */
  | { kind: 'taken' };

const ageOf = (id: Types.ObjectId): number => Date.now() - id.getTimestamp().getTime();

/**
 * Resolves a key `customerId` could not reserve: the holder is looked up; a holder that was never
 * stored and is older than ORPHAN_KEY_AGE_MS loses the key (compare-and-set) to the first customer
 * stored while waiting for it (IntakeKeys.settle), or else to `customerId`; a key given back
 * meanwhile is reserved again.
 */
export async function holderOfKey(app: AppContext, key: string, customerId: string): Promise<KeyHolder> {
  const { ContactKey, Customer } = app.models;
  const mine = new Types.ObjectId(customerId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const hit = await ContactKey.findById(key).lean();
    if (!hit) {
      // given back since the insert was refused: try to take it
      const again = await ContactKey.updateOne({ _id: key }, { $setOnInsert: { customerId: mine } }, { upsert: true });
      if (again.upsertedCount === 1) return { kind: 'taken' };
      continue;
    }
    const holder = String(hit.customerId);
    if (holder === customerId) return { kind: 'stored', customerId: holder };
    const doc = await Customer.findById(hit.customerId, EXISTING_REF_FIELDS).lean();
    if (doc) return { kind: 'stored', customerId: holder, ref: { ...existingRef(doc), createdAt: doc.createdAt } };
    // not stored (yet): a customer stored while waiting for the key is the one to compare with
    let waiter: { id: Types.ObjectId; ref: StoredRef } | undefined;
    for (const w of hit.waiting ?? []) {
      const stored = await Customer.findById(w, EXISTING_REF_FIELDS).lean();
      if (stored) {
        waiter = { id: w, ref: { ...existingRef(stored), createdAt: stored.createdAt } };
        break;
      }
    }
    if (ageOf(hit.customerId) < ORPHAN_KEY_AGE_MS) return waiter ? { kind: 'stored', customerId: String(waiter.id), ref: waiter.ref } : { kind: 'inFlight', customerId: holder };
    // never stored, and no longer can be: the key passes to the waiting customer, else to the asking one
    if (waiter) {
      const moved = await ContactKey.updateOne({ _id: key, customerId: hit.customerId }, { $set: { customerId: waiter.id }, $unset: { waiting: 1 } });
      if (moved.modifiedCount === 1) return { kind: 'stored', customerId: String(waiter.id), ref: waiter.ref };
      continue;
    }
    const took = await ContactKey.updateOne({ _id: key, customerId: hit.customerId }, { $set: { customerId: mine }, $unset: { waiting: 1 } });
    if (took.modifiedCount === 1) return { kind: 'taken' };
  }
  const last = await ContactKey.findById(key).lean();
  return last ? { kind: 'stored', customerId: String(last.customerId) } : { kind: 'inFlight', customerId };
}
