/**
 * A progress reporter for long simulations, written to stderr. On a terminal it redraws one bar in place
 * (at most every 100 ms); elsewhere (CI logs, pipes) it prints a line per 10 %. Small inputs show nothing.
 */
export interface ProgressSink {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  mode: 'auto' | 'always' | 'never';
  /** inputs below this many items show no progress in `auto` mode */
  minItems?: number;
  label?: string;
  /** injectable clock for tests */
  clock?: () => number;
}

export function createProgress(sink: ProgressSink, total: number, opts: ProgressOptions): { update(done: number): void; finish(): void } {
  const enabled = opts.mode === 'always' || (opts.mode === 'auto' && total >= (opts.minItems ?? 10_000));
  const clock = opts.clock ?? (() => Date.now());
  const label = opts.label ?? 'Simulating';
  const tty = sink.isTTY === true;
  let lastDraw = -Infinity;
  let lastDecile = -1;
  let drawn = false;
  const width = 30;
  const line = (done: number): string => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
  };
  return {
    update(done: number) {
      if (!enabled) return;
      if (tty) {
        const t = clock();
        if (t - lastDraw < 100 && done < total) return;
        lastDraw = t;
        sink.write(`\r${line(done)}`);
        drawn = true;
      } else {
        const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
        if (decile === lastDecile) return;
        lastDecile = decile;
        sink.write(`${line(done)}\n`);
      }
    },
    finish() {
      if (enabled && tty && drawn) sink.write('\n');
    },
  };
}
