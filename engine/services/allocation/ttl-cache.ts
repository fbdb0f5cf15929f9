/**
 * A value re-read at most every `ttlMs` (per process). For reference data that changes rarely and
 * whose staleness is harmless for that long (teams, pools, which version is active); counters,
 * round-robin state and dedupe keys are always read fresh.
 */
export class TtlCache<T> {
  private value: T | undefined;
  private at = -Infinity;
  private pending: Promise<T> | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly load: () => Promise<T>,
  ) {}

  async get(now: number): Promise<T> {
    if (this.value !== undefined && now - this.at < this.ttlMs) return this.value;
    this.pending ??= this.load()
      .then((v) => {
        this.value = v;
        this.at = now;
        return v;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  invalidate(): void {
    this.at = -Infinity;
  }
}
