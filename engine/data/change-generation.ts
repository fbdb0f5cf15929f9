import type { Schema } from 'mongoose';

/**
 * Per-connection counters of writes to a collection, for this process's short-lived caches (the reps an
 * intake decides on, who a session token belongs to, which flow version is active): a cache remembers
 * the generation it read at and reads again as soon as a write through this process's models moved it.
 * Writes from other processes are caught by each cache's own short time limit.
 */
const generations = new WeakMap<object, Map<string, number>>();

export function changeGeneration(conn: object, collection: string): number {
  return generations.get(conn)?.get(collection) ?? 0;
}

export function markChanged(conn: object, collection: string): void {
  let byName = generations.get(conn);
  if (!byName) generations.set(conn, (byName = new Map()));
  byName.set(collection, (byName.get(collection) ?? 0) + 1);
}

/** Fields of an update document (operators or a replacement), e.g. `{ $inc: { openCount: 1 } }` → openCount. */
export function updatedFields(update: unknown): string[] | null {
  if (!update || typeof update !== 'object' || Array.isArray(update)) return null;
  return Object.entries(update as Record<string, unknown>).flatMap(([key, value]) =>
    key.startsWith('$') ? (value && typeof value === 'object' ? Object.keys(value) : [key]) : [key],
  );
}

/**
 * Mongoose plugin: every write through the schema's models marks `collection` changed on the model's
 * connection, except updates that touch only `ignoredFields` (e.g. counters the caches check otherwise).
 */
export function markChangesPlugin(collection: string, ignoredFields: ReadonlySet<string> = new Set()) {
  return (schema: Schema): void => {
    schema.post(['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace'], { query: true, document: false }, function afterUpdate() {
      const fields = updatedFields(this.getUpdate());
      if (!fields || !fields.every((f) => ignoredFields.has(f))) markChanged(this.model.db, collection);
    });
    schema.post(['deleteOne', 'deleteMany', 'findOneAndDelete'], { query: true, document: false }, function afterDelete() {
      markChanged(this.model.db, collection);
    });
    schema.post('save', function afterSave() {
      markChanged(this.db, collection);
    });
    schema.post('insertMany', function afterInsert() {
      markChanged(this.db, collection);
    });
    schema.post('bulkWrite', function afterBulkWrite() {
      markChanged(this.db, collection);
    });
  };
}
