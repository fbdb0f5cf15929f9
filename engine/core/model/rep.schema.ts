import { Type, type Static } from '@sinclair/typebox';

export const RepStatus = Type.Union([Type.Literal('active'), Type.Literal('onLeave'), Type.Literal('departed')]);

export const WorkingHoursSchema = Type.Object({
  /** IANA time zone, e.g. Asia/Shanghai */
  timezone: Type.String(),
  /** ISO weekdays 1 (Mon) … 7 (Sun) */
  days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })),
  /** "09:00" */
  start: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
  end: Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' }),
});

/** What managers set about a rep, plus what the history shows (能力画像). */
export const RepSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  teamId: Type.String(),
  status: RepStatus,
  /** leave window (epoch ms); the rep is ineligible inside it */
  leaveFrom: Type.Optional(Type.Number()),
  leaveTo: Type.Optional(Type.Number()),
  industries: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  productLines: Type.Array(Type.String()),
  /** 1 (junior) … 5 (principal) */
  level: Type.Integer({ minimum: 1, maximum: 5 }),
  weight: Type.Number({ minimum: 0 }),
  capacity: Type.Integer({ minimum: 0 }),
  dailyCap: Type.Integer({ minimum: 0 }),
  isNewHire: Type.Boolean(),
  isTopRep: Type.Boolean(),
  isManager: Type.Boolean(),
  workingHours: Type.Optional(WorkingHoursSchema),
  stats: Type.Object({
    /** industry → win rate 0..1 over the last 90 days */
    winRateByIndustry: Type.Record(Type.String(), Type.Number()),
    avgDealValue: Type.Number(),
    medianFirstResponseHours: Type.Number(),
    escalationShare: Type.Number(),
  }),
});
export type Rep = Static<typeof RepSchema>;

/** A rep's allocation state, read from the database before a decision. */
export const RepLoadSchema = Type.Object({
  repId: Type.String(),
  openCount: Type.Integer({ minimum: 0 }),
  /** assignments today in the rep's time zone */
  todayCount: Type.Integer({ minimum: 0 }),
});
export type RepLoad = Static<typeof RepLoadSchema>;

/**
 * Per assign-node allocation state (lives in the database so every process agrees).
 * `lastSeq[repId]` is the node's sequence number of the rep's last assignment from this node
 * (absent = never); `currentWeight[repId]` is the smooth-weighted-round-robin current weight;
 * `assigned[repId]` counts assignments from this node (for quotas).
 */
export const NodeAllocationStateSchema = Type.Object({
  nodeKey: Type.String(),
  seq: Type.Integer({ minimum: 0 }),
  lastSeq: Type.Record(Type.String(), Type.Integer()),
  currentWeight: Type.Record(Type.String(), Type.Number()),
  assigned: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
});
export type NodeAllocationState = Static<typeof NodeAllocationStateSchema>;
