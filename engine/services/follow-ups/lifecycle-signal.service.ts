import type { Types } from 'mongoose';
import type { LIFECYCLE_SIGNAL_KINDS } from '../../data/collections/lifecycle-signal.model';
import type { Models } from '../../data/models';

export type LifecycleSignalKind = (typeof LIFECYCLE_SIGNAL_KINDS)[number];

/**
 * Records that a customer's lifecycle workflow must hear about something (the `lifecycleSignals`
 * outbox, see lifecycle-signal.model.ts). The dispatcher of the workflows issue delivers pending
 * rows (no `deliveredAt`) oldest first and marks them delivered.
 */
export async function recordLifecycleSignal(
  models: Models,
  signal: { customerId: Types.ObjectId; kind: LifecycleSignalKind; at: Date; payload: Record<string, unknown> },
): Promise<string> {
  const doc = await models.LifecycleSignal.create({ ...signal, attempts: 0 });
  return doc._id.toString();
}
