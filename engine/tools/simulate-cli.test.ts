import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `npm run simulate` end to end, in a child process: table on stdout, JSON report, exit codes. */
const root = resolve(__dirname, '../..');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'allot-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [tsx, join(root, 'scripts/simulate.ts'), ...args], { cwd: root, env: { ...process.env, LANG: 'en_US.UTF-8' } }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const tpl = (id: string, f: string) => join(root, 'templates', id, f);

describe('npm run simulate', () => {
  it('simulates a template from CSV, prints the table and writes the JSON report', async () => {
    const csv = join(dir, 'customers.csv');
    writeFileSync(csv, '\uFEFFid,名称,行业,省份\nk1,浦江银行,finance,上海\nk2,京城证券,finance,北京\nk3,远景能源,energy,湖北\n');
    const out = join(dir, 'report.json');
    const r = await run(['--flow', tpl('industry-specialists', 'flow.json'), '--customers', csv, '--reps', tpl('industry-specialists', 'reps.json'), '--json', out, '--now', '2025-01-06T01:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Outcomes: assigned 2 · pool 1 · duplicate 0 · unassigned 0');
    expect(r.stdout).toContain('Violations: 0');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.decisions.map((d: { customerId: string; ownerId?: string; poolId?: string }) => `${d.customerId}:${d.ownerId ?? d.poolId}`)).toEqual(['k1:fin-sh', 'k2:fin-bj', 'k3:pool-specialist']);
    expect(report.traces[0].path.map((p: { nodeId: string }) => p.nodeId)).toEqual(['start', 'specialist']);
  }, 60_000);

  it('explains bad input in one sentence and exits with 2', async () => {
    const bad = join(dir, 'reps.json');
    writeFileSync(bad, '[{"id": "r1", "level": 9}]');
    const r = await run(['--flow', tpl('round-robin', 'flow.json'), '--customers', tpl('round-robin', 'customers.json'), '--reps', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^simulate: Reps file .*reps\.json: Invalid rep data at \/reps\/0\/level/);
    expect(r.stderr).not.toContain('    at ');
    const missing = await run(['--flow', join(dir, 'nope.json'), '--customers', tpl('round-robin', 'customers.json'), '--reps', tpl('round-robin', 'reps.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Flow file not found');
  }, 60_000);
});
