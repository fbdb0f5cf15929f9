import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';

const MAX_ROW = 0xffffff;

/**
 * The customer id an import gives the valid row `row` of job `jobId`, the same every time it is
 * computed: a resumed job recognises the rows it committed before a crash (the customer, or contact
 * keys reserved under that id) instead of importing them twice. Layout of the 12 bytes: the job id's
 * timestamp (4), a digest of the job id (5: one job's ids never meet another's), the row number (3:
 * ids ascend with the rows, like ObjectIds made one after another).
 */
export function rowCustomerId(jobId: Types.ObjectId, row: number): string {
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROW) throw new RangeError(`import row ${row} outside 1..${MAX_ROW}`);
  const job = Buffer.from(jobId.toHexString(), 'hex');
  const id = Buffer.alloc(12);
  job.copy(id, 0, 0, 4);
  createHash('sha256').update(job).digest().copy(id, 4, 0, 5);
  id.writeUIntBE(row, 9, 3);
  return id.toString('hex');
}
