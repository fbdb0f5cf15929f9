import { Type, type Static } from '@sinclair/typebox';
import { Ajv } from 'ajv';

const Count = Type.Integer({ minimum: 0 });
const ROLES = ['admin', 'manager', 'rep', 'integration', 'anonymous'] as const;

/**
 * What an import job keeps on `checkpoint` to be finished by another process: where its upload is
 * stored, how it was asked for, and how far it got — `row`: every row up to it is in the report
 * and the counts (written with them, in one update); `startedThrough`: the last row of the last
 * batch handed to the allocation (rows between the two may be half-written and are checked on resume).
 */
export const ImportCheckpointSchema = Type.Object(
  {
    source: Type.Object({ chunks: Type.Integer({ minimum: 1 }), bytes: Count, storedBytes: Count }, { additionalProperties: false }),
    requestId: Type.String({ maxLength: 200 }),
    actorRole: Type.Union(ROLES.map((r) => Type.Literal(r))),
    /** the `?encoding=` the request gave (detection runs again on the same bytes otherwise) */
    encodingOverride: Type.Optional(Type.Union([Type.Literal('utf8'), Type.Literal('gbk')])),
    row: Count,
    startedThrough: Count,
    segments: Count,
  },
  { additionalProperties: false },
);
export type ImportCheckpoint = Static<typeof ImportCheckpointSchema>;

const validate = new Ajv({ strict: false }).compile<ImportCheckpoint>(ImportCheckpointSchema);

/** The stored checkpoint, or null when it is missing or not one this version wrote. */
export function readCheckpoint(raw: unknown): ImportCheckpoint | null {
  return validate(raw) ? raw : null;
}
