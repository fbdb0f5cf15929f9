import { Type, type Static } from '@sinclair/typebox';
import { CustomerSchema } from '../model/customer.schema';
import { RepLoadSchema, RepSchema } from '../model/rep.schema';

/**
 * What a condition is evaluated against: the customer, optionally a rep and its load (rep filters of an
 * assign node), and `now` in epoch milliseconds (the core never reads a clock).
 */
export const FactContextSchema = Type.Object({
  customer: CustomerSchema,
  rep: Type.Optional(RepSchema),
  load: Type.Optional(RepLoadSchema),
  now: Type.Number(),
});
export type FactContext = Static<typeof FactContextSchema>;
