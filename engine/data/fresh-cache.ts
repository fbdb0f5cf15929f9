import { changeGeneration } from './change-generation';

interface Entry<V> {
  value: V;
  at: number;
  generation: string;
}

/**
 * A small per-process cache of values read from the database, for reads done on every request
 * (who a session belongs to, which flow version is active). An entry is served for at most `ttlMs`
 * of real time, and never after a write through this process's models to one of `collections`
 * (change-generation.ts). So a change made through this process is seen at once, and one made by
 * another API process within `ttlMs`.
 */
export class FreshCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly conn: object,
    private readonly collections: readonly string[],
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** the generation to pass to `set` — take it BEFORE reading, so a write during the read is not missed */
  generation(): string {
    return this.collections.map((c) => changeGeneration(this.conn, c)).join(':');
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (performance.now() - e.at >= this.ttlMs || e.generation !== this.generation()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V, generation: string, readStartedAt: number): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, at: readStartedAt, generation });
  }
}

const caches = new WeakMap<object, Map<string, FreshCache<unknown>>>();

/** The cache named `name` on a connection (one per process and connection). */
export function freshCache<V>(conn: object, name: string, collections: readonly string[], ttlMs: number): FreshCache<V> {
  let byName = caches.get(conn);
  if (!byName) caches.set(conn, (byName = new Map()));
  let c = byName.get(name);
  if (!c) byName.set(name, (c = new FreshCache<unknown>(conn, collections, ttlMs)));
  return c as FreshCache<V>;
}
