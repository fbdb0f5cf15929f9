/**
 * How a decision's trace is kept on its assignment event. Imports write tens of thousands of events, so
 * what can be derived is left out — the path (the trace's own steps, in order) and, per candidate, an
 * empty reasons list and `picked: false` — and the rest is stored as one JSON string (the embedded
 * FerretDB converts every nested field of a document; one string costs it almost nothing).
 * `expandStoredTrace` gives readers the full trace whichever way it was stored (older events are objects).
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function mapCandidates(step: unknown, f: (c: Json) => Json): unknown {
  if (!isObject(step) || !isObject(step.detail) || !Array.isArray(step.detail.candidates)) return step;
  return { ...step, detail: { ...step.detail, candidates: step.detail.candidates.map((c) => (isObject(c) ? f(c) : c)) } };
}

/** The stored form of `{ path, trace, unassigned, decidedBy, notifications }`. */
export function storedTrace(t: { path: unknown[]; trace: unknown[]; [k: string]: unknown }): string {
  return JSON.stringify(compactTrace(t));
}

export function compactTrace(t: { path: unknown[]; trace: unknown[]; [k: string]: unknown }): Json {
  const { path: _derived, trace, ...rest } = t;
  const steps = trace.map((s) =>
    mapCandidates(s, (c) => {
      const { reasons, picked, ...kept } = c;
      return { ...kept, ...(Array.isArray(reasons) && reasons.length ? { reasons } : {}), ...(picked ? { picked } : {}) };
    }),
  );
  return { ...rest, trace: steps, compact: true };
}

/** The trace as readers expect it: with its path and complete candidates. */
export function expandStoredTrace(kept: unknown): unknown {
  let stored = kept;
  if (typeof kept === 'string') {
    try {
      stored = JSON.parse(kept) as unknown;
    } catch {
      return null;
    }
  }
  if (!isObject(stored) || stored.compact !== true || !Array.isArray(stored.trace)) return stored;
  const { compact: _c, trace, ...rest } = stored;
  const steps = trace.map((s) => mapCandidates(s, (c) => ({ ...c, reasons: c.reasons ?? [], picked: c.picked ?? false })));
  const path = steps.filter(isObject).map((s) => ({ nodeId: s.nodeId, type: s.type, output: s.output, summary: s.summary }));
  return { path, trace: steps, ...rest };
}
