import { describe, expect, it } from 'vitest';
import { readCheckpoint } from './import-checkpoint';
import { importLeaseSettings } from './import-lease';

describe('readCheckpoint', () => {
  const cp = { source: { chunks: 1, bytes: 10, storedBytes: 8 }, requestId: 'r1', actorRole: 'manager', row: 0, startedThrough: 0, segments: 0 };

  it('takes a checkpoint this version wrote', () => {
    expect(readCheckpoint(cp)).toEqual(cp);
    expect(readCheckpoint({ ...cp, encodingOverride: 'gbk', row: 1217, startedThrough: 2422, segments: 3 })).not.toBeNull();
  });

  it('refuses one it cannot resume from', () => {
    expect(readCheckpoint(undefined)).toBeNull();
    expect(readCheckpoint({ row: 5 })).toBeNull();
    expect(readCheckpoint({ ...cp, source: { chunks: 0, bytes: 10, storedBytes: 8 } })).toBeNull();
    expect(readCheckpoint({ ...cp, actorRole: 'root' })).toBeNull();
    expect(readCheckpoint({ ...cp, row: -1 })).toBeNull();
  });
});

describe('importLeaseSettings', () => {
  it('defaults to a 60 s lease, a 30 s sweep and 5 runs', () => {
    expect(importLeaseSettings({})).toEqual({ leaseMs: 60_000, sweepMs: 30_000, maxAttempts: 5 });
  });

  it('reads the environment, ignoring values that make no sense', () => {
    expect(importLeaseSettings({ ALLOT_IMPORT_LEASE_MS: '3000', ALLOT_IMPORT_SWEEP_MS: '500', ALLOT_IMPORT_MAX_ATTEMPTS: '2' })).toEqual({ leaseMs: 3000, sweepMs: 500, maxAttempts: 2 });
    expect(importLeaseSettings({ ALLOT_IMPORT_LEASE_MS: '10', ALLOT_IMPORT_SWEEP_MS: 'soon', ALLOT_IMPORT_MAX_ATTEMPTS: '0' })).toEqual({ leaseMs: 60_000, sweepMs: 30_000, maxAttempts: 5 });
  });
});
