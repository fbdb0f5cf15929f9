import type { Schema } from 'mongoose';
import { CoreError } from '../core/common/core-error';
import { text } from '../core/common/localized';

/** An update or delete was attempted on an append-only (or immutable) collection. */
export class AppendOnlyViolationError extends CoreError {
  constructor(
    readonly collection: string,
    readonly operation: string,
  ) {
    super(
      'APPEND_ONLY',
      text(
        `${collection} 只能追加，不能${operation === 'update' ? '修改' : '删除'}。`,
        `${collection} is append-only: it cannot be ${operation === 'update' ? 'updated' : 'deleted'}.`,
      ),
    );
    this.name = 'AppendOnlyViolationError';
  }
}

const UPDATES = ['updateOne', 'updateMany', 'findOneAndUpdate', 'findOneAndReplace', 'replaceOne'] as const;
const DELETES = ['deleteOne', 'deleteMany', 'findOneAndDelete'] as const;

/**
 * Makes a schema's collection append-only through mongoose: inserts pass; every update, replace
 * and delete (query or document, and inside bulkWrite) throws AppendOnlyViolationError, as does
 * saving an already stored document. The raw driver (`Model.collection`) stays reachable for the
 * one legitimate use, a full reset of the demo data.
 */
export function appendOnly(schema: Schema, collection: string): void {
  schema.pre([...UPDATES], { document: true, query: true }, function refuseUpdate() {
    throw new AppendOnlyViolationError(collection, 'update');
  });
  schema.pre([...DELETES], { document: true, query: true }, function refuseDelete() {
    throw new AppendOnlyViolationError(collection, 'delete');
  });
  schema.pre('save', function refuseResave(this: { isNew: boolean }) {
    if (!this.isNew) throw new AppendOnlyViolationError(collection, 'update');
  });
  schema.pre('bulkWrite', function refuseBulkChanges(ops) {
    for (const op of ops) {
      if (!('insertOne' in op)) {
        throw new AppendOnlyViolationError(collection, 'deleteOne' in op || 'deleteMany' in op ? 'delete' : 'update');
      }
    }
  });
}
