/** what a group insert needs of a mongoose model */
export interface InsertManyModel {
  insertMany(docs: object[], opts: { ordered: false; rawResult: true }): Promise<unknown>;
}

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

  constructor(private readonly model: InsertManyModel) {}

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

  private async flush(batch: Waiting[]): Promise<void> {
    const all = batch.flatMap((w) => w.docs);
    let results: unknown[] | undefined;
    try {
      const res = (await this.model.insertMany(all, { ordered: false, rawResult: true })) as { mongoose?: { results?: unknown[] } };
      results = res.mongoose?.results;
    } catch (err) {
      results = (err as { results?: unknown[] }).results;
      if (!Array.isArray(results)) {
        for (const w of batch) w.reject(err);
        return;
      }
    }
    let i = 0;
    for (const w of batch) w.resolve(w.docs.map(() => failureOf(results?.[i++])));
  }
}

const inserters = new WeakMap<object, GroupInserter>();

/** Inserts `docs` as part of the next group insert of their collection; resolves with each document's failure or null. */
export function insertGrouped(model: object, docs: object[]): Promise<(InsertFailure | null)[]> {
  let g = inserters.get(model);
  if (!g) inserters.set(model, (g = new GroupInserter(model as InsertManyModel)));
  return g.insert(docs);
}

/** As insertGrouped, but throws the first failure (a duplicate key as an error with `code` 11000, a validation error as mongoose's). */
export async function insertGroupedOrThrow(model: object, docs: object[]): Promise<void> {
  const failed = (await insertGrouped(model, docs)).find((f) => f !== null);
  if (!failed) return;
  if (failed.error instanceof Error) throw failed.error;
  throw Object.assign(new Error(failed.message), { code: failed.code });
}
