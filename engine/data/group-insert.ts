/** what a group insert needs of a mongoose model */
interface ModelLike {
  new (doc: object): { validate(): Promise<void>; initializeTimestamps?(): unknown; toObject(opts: object): object };
  collection: { insertMany(docs: object[], opts: { ordered: false }): Promise<unknown> };
}

/** how mongoose's own insertMany turns a document into what it sends (no getters, virtuals or transforms) */
const AS_STORED = { depopulate: true, transform: false, virtuals: false, getters: false, flattenMaps: false, minimize: false } as const;

/** Why one document of a group insert was not stored (a duplicate key: code 11000; a validation error: no code). */
export interface InsertFailure {
  code?: number;
  message: string;
  /** the error as mongoose or the driver reported it */
  error: unknown;
}

interface Waiting {
  docs: object[];
  resolve(outcomes: (InsertFailure | null)[]): void;
  reject(err: unknown): void;
}

/** a flush takes callers until it holds at least this many documents (one caller's documents are never split) */
const MAX_DOCS = 500;

function failureOf(r: unknown): InsertFailure | null {
  if (r instanceof Error) return { code: (r as { code?: number }).code, message: r.message, error: r };
  if (r && typeof r === 'object' && 'errmsg' in r) {
    const w = r as { code?: number; errmsg?: string };
    return { code: w.code, message: w.errmsg ?? 'write error', error: r };
  }
  return null;
}

/**
 * Group insert for one collection. Documents handed in while an insert of the same collection is on
 * its way to the database wait, and then go together as ONE unordered insertMany; alone, a caller's
 * documents go at once. Every write command on the embedded FerretDB passes one at a time (see
 * tools/ferretdb/serialize.go), so under load this turns N concurrent requests' inserts into one
 * command instead of N. Each caller learns what happened to each of its own documents: they are
 * validated and stored (or refused) one by one, as an unordered insertMany does.
 */
export class GroupInserter {
  private readonly queue: Waiting[] = [];
  private running = false;

  constructor(private readonly model: ModelLike) {}

  insert(docs: object[]): Promise<(InsertFailure | null)[]> {
    if (!docs.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ docs, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        let n = 0;
        let take = 0;
        while (take < this.queue.length && (take === 0 || n < MAX_DOCS)) n += (this.queue[take++] as Waiting).docs.length;
        await this.flush(this.queue.splice(0, take));
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Each document is cast, validated (its schema's validators and `validate` middleware) and
   * time-stamped as mongoose's insertMany does, then all valid ones go as ONE unordered insert
   * through the driver. (Mongoose's insertMany costs about 0.7 ms more CPU per call for the same
   * work; insertMany middleware is not run — the collections this serves have none, see the test.)
   */
  private async flush(batch: Waiting[]): Promise<void> {
    const all = batch.flatMap((w) => w.docs);
    const outcomes: (InsertFailure | null)[] = all.map(() => null);
    const prepared = await Promise.all(
      all.map(async (raw, i) => {
        try {
          const doc = new this.model(raw);
          await doc.validate();
          doc.initializeTimestamps?.();
          return doc.toObject(AS_STORED);
        } catch (err) {
          outcomes[i] = failureOf(err);
          return null;
        }
      }),
    );
    const sent = prepared.flatMap((d, i) => (d ? [{ d, i }] : []));
    if (sent.length) {
      try {
        await this.model.collection.insertMany(sent.map((x) => x.d), { ordered: false });
      } catch (err) {
        const writeErrors = (err as { writeErrors?: { index: number }[] }).writeErrors;
        if (!Array.isArray(writeErrors) || !writeErrors.length) {
          for (const w of batch) w.reject(err);
          return;
        }
        for (const we of writeErrors) {
          const at = sent[we.index]?.i;
          if (at !== undefined) outcomes[at] = failureOf(we);
        }
      }
    }
    let i = 0;
    for (const w of batch) w.resolve(w.docs.map(() => outcomes[i++] ?? null));
  }
}

const inserters = new WeakMap<object, GroupInserter>();

/** Inserts `docs` as part of the next group insert of their collection; resolves with each document's failure or null. */
export function insertGrouped(model: object, docs: object[]): Promise<(InsertFailure | null)[]> {
  let g = inserters.get(model);
  if (!g) inserters.set(model, (g = new GroupInserter(model as unknown as ModelLike)));
  return g.insert(docs);
}

/** A failure as an error to throw: mongoose's validation error as is, a driver write error as an Error with its `code` (11000: duplicate key). */
export function insertError(failed: InsertFailure): Error {
  return failed.error instanceof Error ? failed.error : Object.assign(new Error(failed.message), { code: failed.code });
}

/** As insertGrouped, but throws the first failure (insertError). */
export async function insertGroupedOrThrow(model: object, docs: object[]): Promise<void> {
  const failed = (await insertGrouped(model, docs)).find((f) => f !== null);
  if (failed) throw insertError(failed);
}
