/**
 * The loops of a directed graph that pass through no pausing node: the strongly connected components (Tarjan,
 * iterative, so deep graphs cannot overflow the stack) of the graph with pausing nodes removed, plus self-loops.
 * Each loop is returned as its node ids, in discovery order.
 */
export function findCycles(ids: readonly string[], adjacency: ReadonlyMap<string, readonly string[]>, pausing: (id: string) => boolean): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  const next = (id: string) => (adjacency.get(id) ?? []).filter((t) => !pausing(t));

  for (const root of ids) {
    if (pausing(root) || index.has(root)) continue;
    const work: Array<{ id: string; succ: string[]; i: number }> = [];
    const enter = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, succ: next(id), i: 0 });
    };
    enter(root);
    while (work.length) {
      const frame = work[work.length - 1] as { id: string; succ: string[]; i: number };
      if (frame.i < frame.succ.length) {
        const t = frame.succ[frame.i++] as string;
        if (!index.has(t)) enter(t);
        else if (onStack.has(t)) low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(t) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== frame.id);
      component.reverse();
      const selfLoop = component.length === 1 && next(frame.id).includes(frame.id);
      if (component.length > 1 || selfLoop) out.push(component);
    }
  }
  return out;
}
