import { spawn, type ChildProcess } from 'node:child_process';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** print the child's output prefixed with its name (default true) */
  echo?: boolean;
}

/**
 * A child process with a name, its last output lines kept for error reports, and a clean stop
 * (SIGTERM, then SIGKILL after a grace period). The whole process group is signalled.
 */
export class ManagedProcess {
  readonly name: string;
  private child: ChildProcess | undefined;
  private tail: string[] = [];
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private stopping = false;
  private exitListeners: Array<(code: number | null, signal: NodeJS.Signals | null) => void> = [];

  constructor(private readonly opts: ManagedProcessOptions) {
    this.name = opts.name;
  }

  start(): this {
    this.exitInfo = undefined;
    this.stopping = false;
    const child = spawn(this.opts.command, this.opts.args, {
      cwd: this.opts.cwd,
      env: this.opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    const onData = (buf: Buffer) => {
      for (const line of buf.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
        if (this.opts.echo !== false) process.stdout.write(`[${this.name}] ${line}\n`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (err) => {
      this.tail.push(`failed to start: ${err.message}`);
    });
    child.on('exit', (code, signal) => {
      this.exitInfo = { code, signal };
      for (const l of this.exitListeners) l(code, signal);
    });
    return this;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitInfo === undefined && this.child.exitCode === null;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  lastLines(n = 12): string[] {
    return this.tail.slice(-n);
  }

  describeExit(): string {
    const e = this.exitInfo;
    if (!e) return `${this.name} is running`;
    const how = e.signal ? `was killed by ${e.signal}` : `exited with code ${e.code}`;
    const last = this.lastLines(8);
    return `${this.name} ${how}${last.length ? `; its last output:\n  ${last.join('\n  ')}` : ''}`;
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.exitListeners.push(listener);
  }

  /** Stops the process group: SIGTERM, then SIGKILL after graceMs. */
  async stop(graceMs = 8000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || !this.running || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        try {
          child.kill(sig);
        } catch {
          /* already gone */
        }
      }
    };
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Polls `check` until it resolves true, or fails with the process's exit story / a timeout. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  opts: { timeoutMs: number; proc?: ManagedProcess; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (opts.proc && !opts.proc.running) throw new Error(`${what}: ${opts.proc.describeExit()}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      const tail = opts.proc ? `\n  ${opts.proc.lastLines(10).join('\n  ')}` : '';
      throw new Error(`${what}: not ready after ${Math.round(opts.timeoutMs / 1000)} s${tail}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}
