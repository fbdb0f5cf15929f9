import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../engine/data/connect';

/** A MongoDB URI for a fresh database named for this test file (the server comes from the global setup). */
export function testDatabaseUri(label = 'test'): string {
  const base = new URL(inject('mongoUri'));
  base.pathname = `/allot_${label.replace(/[^a-z0-9]/gi, '_').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  return base.toString();
}

/** Each test file gets its own database; call in beforeAll and `drop()` in afterAll. */
export async function useTestDatabase(label?: string): Promise<{ uri: string; conn: Connection; drop(): Promise<void> }> {
  const uri = testDatabaseUri(label);
  const conn = await connectDatabase(uri);
  return {
    uri,
    conn,
    async drop() {
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  };
}
