import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFerretDb, type EmbeddedFerretDb } from '../../scripts/stack/ferretdb.service';
import { startTemporalDev, type EmbeddedTemporal } from '../../scripts/stack/temporal.service';
import { freePort } from '../../scripts/stack/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    temporalAddress: string;
  }
}

/**
 * One FerretDB (temporary directory) and one Temporal dev server per test run, on free ports —
 * unless MONGODB_URI / TEMPORAL_ADDRESS point at running services. Each test file then takes its
 * own database (see db.ts). Stopped when the run ends.
 */
export default async function setup(project: TestProject) {
  const started: Array<EmbeddedFerretDb | EmbeddedTemporal> = [];
  let tmp: string | undefined;
  const echo = process.env.ALLOT_TEST_ECHO === '1';

  let mongoUri = process.env.MONGODB_URI;
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  try {
    if (!mongoUri) {
      tmp = mkdtempSync(join(tmpdir(), 'allot-test-'));
      const db = await startFerretDb({ port: await freePort(), dataDir: join(tmp, 'ferretdb'), echo, name: 'test-ferretdb' });
      started.push(db);
      mongoUri = db.uri;
    }
    if (!temporalAddress) {
      const t = await startTemporalDev({ port: await freePort(), headless: true, echo, name: 'test-temporal' });
      started.push(t);
      temporalAddress = t.address;
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.proc.stop()));
    throw err;
  }
  project.provide('mongoUri', mongoUri);
  project.provide('temporalAddress', temporalAddress);

  return async () => {
    await Promise.all(started.reverse().map((s) => s.proc.stop()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}
