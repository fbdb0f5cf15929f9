import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CursorQuery } from '../../api/http/common.schemas';
import { LocalizedTextSchema } from '../../core/common/localized';

/** Shapes of the import and jobs routes, declared once (validation, handler types, OpenAPI). */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const ImportQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('ndjson')], { description: 'overrides the Content-Type' })),
    encoding: Type.Optional(Type.Union([Type.Literal('utf8'), Type.Literal('gbk')], { description: 'overrides detection (BOM → UTF-8; valid UTF-8 → UTF-8; else GBK)' })),
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the uploaded file name, kept on the job' })),
  },
  { additionalProperties: false },
);
export type ImportQueryT = Static<typeof ImportQuery>;

export const ImportAcceptedView = Type.Object({
  jobId: Type.String(),
  status: Type.Literal('running'),
  format: Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('ndjson')]),
  encoding: Type.Union([Type.Literal('utf8'), Type.Literal('gbk'), Type.Literal('utf16le')]),
  /** headers that fill no customer field */
  ignoredColumns: Type.Array(Type.String()),
  /** where to follow the job */
  statusUrl: Type.String(),
});

const Count = Type.Integer({ minimum: 0 });

export const JobView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  /** queued | running | succeeded | failed | cancelled */
  status: Type.String(),
  /** rows in the input; null until known (CSV and NDJSON: when the file has been read) */
  total: Nullable(Count),
  processed: Count,
  counts: Type.Object({
    imported: Count,
    duplicate: Count,
    rejected: Count,
    /** of the imported: assigned to a rep, put in a pool, left unassigned */
    assigned: Count,
    pooled: Count,
    unassigned: Count,
    /** rows that could not be stored for reasons other than their data */
    failed: Count,
  }),
  params: Type.Record(Type.String(), Type.Unknown()),
  error: Nullable(Type.String()),
  /** what a finished job produced, for kinds that produce something (a simulation's report); null for imports */
  result: Type.Unknown(),
  createdBy: Nullable(Type.Object({ kind: Type.String(), id: Nullable(Type.String()), name: Nullable(Type.String()) })),
  /** runs of the job: 1, plus one each time another API process took it over after a crash (the work goes on from its last checkpoint) */
  attempts: Type.Integer({ minimum: 1 }),
  /** when the job was last taken over after a crash; null when it never was */
  resumedAt: Nullable(DateTime),
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type JobViewT = Static<typeof JobView>;

export const JOB_ROW_STATUSES = ['imported', 'duplicate', 'rejected', 'failed'] as const;

export const JobRowsQuery = Type.Object(
  { status: Type.Optional(Type.Union(JOB_ROW_STATUSES.map((s) => Type.Literal(s)))), ...CursorQuery },
  { additionalProperties: false },
);
export type JobRowsQueryT = Static<typeof JobRowsQuery>;

export const JobRowView = Type.Object({
  row: Type.Integer({ minimum: 1 }),
  status: Type.String(),
  code: Nullable(Type.String()),
  field: Nullable(Type.String()),
  reason: Nullable(LocalizedTextSchema),
  customerId: Nullable(Type.String()),
  ownerId: Nullable(Type.String()),
});
export type JobRowViewT = Static<typeof JobRowView>;

export const JobRowsPage = Type.Object({ items: Type.Array(JobRowView), nextCursor: Nullable(Type.String()) });
