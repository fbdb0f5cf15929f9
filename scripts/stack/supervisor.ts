import type { ManagedProcess } from './managed-process';

export interface SupervisedChild {
  proc: ManagedProcess;
  /** infrastructure children end the whole stack when they die; app children are restarted */
  role: 'infrastructure' | 'app';
}

/**
 * Watches children. Policy (documented in the README): when the API or the worker dies it is
 * restarted after a short back-off, at most 5 times in 5 minutes; when FerretDB or Temporal dies,
 * or an app child keeps dying, the supervisor says which and why, stops everything and exits 1.
 */
export class Supervisor {
  private children: SupervisedChild[] = [];
  private restarts = new Map<string, number[]>();
  private shuttingDown = false;

  constructor(private readonly onFatal: (reason: string) => void) {}

  add(child: SupervisedChild): void {
    this.children.push(child);
    child.proc.onExit(() => void this.handleExit(child));
  }

  private async handleExit(child: SupervisedChild): Promise<void> {
    if (this.shuttingDown || child.proc.isStopping) return;
    const story = child.proc.describeExit();
    if (child.role === 'infrastructure') {
      this.onFatal(`${story}\n${child.proc.name} is needed by everything else, so Allot stops.`);
      return;
    }
    const now = Date.now();
    const recent = (this.restarts.get(child.proc.name) ?? []).filter((t) => now - t < 5 * 60_000);
    if (recent.length >= 5) {
      this.onFatal(`${story}\n${child.proc.name} died 5 times in 5 minutes; giving up.`);
      return;
    }
    recent.push(now);
    this.restarts.set(child.proc.name, recent);
    const delay = 1000 * 2 ** (recent.length - 1);
    console.error(`\n[supervisor] ${story}\n[supervisor] restarting ${child.proc.name} in ${delay / 1000} s (${recent.length}/5)`);
    await new Promise((r) => setTimeout(r, delay));
    if (!this.shuttingDown) child.proc.start();
  }

  /** Stops app children first, then infrastructure, each cleanly. */
  async stopAll(): Promise<void> {
    this.shuttingDown = true;
    const apps = this.children.filter((c) => c.role === 'app');
    const infra = this.children.filter((c) => c.role === 'infrastructure');
    await Promise.all(apps.map((c) => c.proc.stop()));
    await Promise.all(infra.reverse().map((c) => c.proc.stop()));
  }
}
