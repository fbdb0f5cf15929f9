import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { NODE_BIN, ROOT, tsNodeArgs } from '../../scripts/stack/tool-paths';

// The API and worker are started as `node --import tsx <entry>` (tsNodeArgs), not through the tsx
// CLI, whose parent process SIGKILLs a child that has not acknowledged a relayed signal within
// 30 ms: a busy worker draining under load was killed (exit 143) instead of stopping cleanly.
it('a busy child started as the API and worker are stops cleanly on SIGTERM', async () => {
  const child = spawn(NODE_BIN, tsNodeArgs(join(ROOT, 'test/integration/fixtures/busy-child.ts')), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  for (let i = 0; i < 200 && !out.includes('ready'); i++) await new Promise((r) => setTimeout(r, 50));
  expect(out).toContain('ready');
  await new Promise((r) => setTimeout(r, 450)); // into a busy stretch
  child.kill('SIGTERM');
  expect(await exited).toEqual({ code: 0, signal: null });
  expect(out).toContain('stopping cleanly');
}, 30_000);
