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

  /** The entry, or `load()`'s value remembered (the generation and time taken before it reads); `cached` says which. */
  async getOrLoad(key: string, load: () => Promise<V>): Promise<{ value: V; cached: boolean }> {
    const known = this.get(key);
    if (known !== undefined) return { value: known, cached: true };
    const generation = this.generation();
    const startedAt = performance.now();
    const value = await load();
    this.set(key, value, generation, startedAt);
    return { value, cached: false };
  }

  /** Replaces a live entry's value, keeping when and at which generation it was read (e.g. counting this process's own writes). */
  replace(key: string, update: (value: V) => V): void {
    const e = this.entries.get(key);
    if (e) e.value = update(e.value);
  }

  delete(key: string): void {
    this.entries.delete(key);
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
