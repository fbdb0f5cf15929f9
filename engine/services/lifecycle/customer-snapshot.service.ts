import { isValidObjectId } from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { CustomerRaw } from '../../data/collections/customer.model';
import { toEngineCustomer, type Stored } from '../../data/mappers';
import type { CustomerSnapshot } from '../../temporal/activities/lifecycle-io';
import { poolRulesFor } from '../recycling/pool-rules.service';

type App = Pick<AppContext, 'conn' | 'models'>;

/** The customer as its lifecycle sees it (one `_id` look-up), with the pool rules that apply to it; null when gone. */
export async function loadCustomerSnapshot(app: App, customerId: string): Promise<CustomerSnapshot | null> {
  if (!isValidObjectId(customerId)) return null;
  const doc = (await app.models.Customer.findById(customerId).lean()) as Stored<CustomerRaw> | null;
  if (!doc) return null;
  const customer = toEngineCustomer(doc);
  const rules = await poolRulesFor(app, customer.poolId);
  return {
    customer,
    ...(doc.protectedUntil ? { protectedUntil: doc.protectedUntil.getTime() } : {}),
    ...(rules ? { rules } : {}),
  };
}
