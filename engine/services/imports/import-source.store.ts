import { promisify } from 'node:util';
import { deflateRaw, inflateRaw, constants } from 'node:zlib';
import type { Types } from 'mongoose';
import type { Models } from '../../data/models';

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/** compressed bytes per stored chunk (a document stays far below the 16 MB limit, base64 included) */
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Where an import's upload is kept: chunk count and sizes (on the job's checkpoint). */
export interface StoredSource {
  chunks: number;
  bytes: number;
  storedBytes: number;
}

const chunkId = (jobId: Types.ObjectId, n: number) => `${jobId.toHexString()}:${n}`;

/**
 * Keeps an upload until its import ends, deflated (fast level: CSV and JSON shrink several times)
 * and cut into chunks written with one insertMany, so that another process can read the rows again.
 */
export async function saveImportSource(models: Pick<Models, 'JobSource'>, jobId: Types.ObjectId, body: Buffer): Promise<StoredSource> {
  const packed = await deflate(body, { level: constants.Z_BEST_SPEED });
  const docs = [];
  for (let n = 0, at = 0; at < packed.length || n === 0; n++, at += CHUNK_BYTES) {
    docs.push({ _id: chunkId(jobId, n), jobId, n, data: packed.subarray(at, at + CHUNK_BYTES) });
  }
  await models.JobSource.insertMany(docs, { ordered: true, lean: true });
  return { chunks: docs.length, bytes: body.length, storedBytes: packed.length };
}

/** The upload as it was sent; null when a chunk is missing. */
export async function loadImportSource(models: Pick<Models, 'JobSource'>, jobId: Types.ObjectId, source: StoredSource): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  for (let n = 0; n < source.chunks; n++) {
    // hydrated (not lean): the chunk comes back as a Buffer, not the driver's Binary
    const doc = await models.JobSource.findById(chunkId(jobId, n));
    if (!doc) return null;
    parts.push(Buffer.from(doc.data));
  }
  const body = await inflate(Buffer.concat(parts));
  return body.length === source.bytes ? body : null;
}

/** Drops a finished import's upload (one `_id` delete per chunk). */
export async function dropImportSource(models: Pick<Models, 'JobSource'>, jobId: Types.ObjectId, source: StoredSource): Promise<void> {
  for (let n = 0; n < source.chunks; n++) await models.JobSource.deleteOne({ _id: chunkId(jobId, n) });
}
