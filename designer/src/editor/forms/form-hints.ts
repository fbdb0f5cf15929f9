/**
 * Which optional parts of a node's params matter for its current settings, so the form shows only those
 * (e.g. skill weights only for the skill-match strategy). Hiding never changes the params.
 */
type Params = Record<string, unknown>;
type Visible = (params: Params) => boolean;

const QUOTA_STRATEGIES = ['roundRobin', 'weightedRoundRobin', 'leastLoaded', 'skillMatch'];
const strategyIs = (...s: string[]): Visible => (p) => s.includes(String(p.strategy ?? 'roundRobin'));
const has = (key: string, v: string): Visible => (p) => Array.isArray(p[key]) && (p[key] as unknown[]).includes(v);

const ASSIGN: Record<string, Visible> = {
  skillWeights: strategyIs('skillMatch'),
  specific: strategyIs('specific'),
  quotas: strategyIs(...QUOTA_STRATEGIES),
};

const WORKING: Record<string, Visible> = { workingHours: (p) => p.workingHoursOnly === true };

export const FIELD_VISIBILITY: Readonly<Record<string, Readonly<Record<string, Visible>>>> = {
  trigger: { every: (p) => p.on === 'schedule' },
  assign: ASSIGN,
  reassign: ASSIGN,
  collaborate: { count: (p) => p.mode === 'strategy', assign: (p) => p.mode === 'strategy', repIds: (p) => p.mode === 'reps' },
  notify: { repIds: has('recipients', 'reps'), webhookUrl: (p) => Array.isArray(p.channels) && (p.channels as unknown[]).some((c) => c !== 'inApp') },
  wait: WORKING,
  waitForFollowUp: WORKING,
};

/** Whether a top-level params field is shown for these params. */
export function isFieldVisible(nodeType: string, key: string, params: Params): boolean {
  const rule = FIELD_VISIBILITY[nodeType]?.[key];
  return rule ? rule(params) : true;
}

/** Within an assign-like object nested in another node (collaborate's picking), the same rules apply. */
export function isNestedVisible(parentKey: string, key: string, value: Params): boolean {
  if (parentKey === 'assign') return ASSIGN[key] ? (ASSIGN[key] as Visible)(value) : true;
  return true;
}
