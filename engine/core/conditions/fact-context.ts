import { Type, type Static } from '@sinclair/typebox';
import { CustomerSchema } from '../model/customer.schema';
import { RepLoadSchema, RepSchema } from '../model/rep.schema';

/**
 * What a condition is evaluated against: the customer, optionally a rep and its load (rep filters of an
 * assign node), and `now` in epoch milliseconds (the core never reads a clock).
 * `shaped: true` is the caller's promise that `customer` has every field of the Customer schema as an own data
 * property (the interpreter's working copy does): compiled conditions then read those fields without checking
 * that they are own. Leave it out for any other customer object.
 */
export const FactContextSchema = Type.Object({
  customer: CustomerSchema,
  rep: Type.Optional(RepSchema),
  load: Type.Optional(RepLoadSchema),
  now: Type.Number(),
  shaped: Type.Optional(Type.Boolean()),
});
export type FactContext = Static<typeof FactContextSchema>;
