/**
 * Reads what a node's `prepare(params)` computed once per flow version (passed back by the interpreter as
 * `ctx.prepared`). When absent (e.g. a designer preview), prepares on the fly and caches per params object,
 * so repeated calls with the same params never recompile.
 */
export function preparedFor<P extends object, R>(
  cache: WeakMap<object, R>,
  prepare: (params: P) => R,
  params: P,
  fromContext: unknown,
): R {
  if (fromContext !== undefined) return fromContext as R;
  const hit = cache.get(params);
  if (hit !== undefined) return hit;
  const made = prepare(params);
  cache.set(params, made);
  return made;
}
