import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `docker compose config` where the plugin exists, else `docker-compose config` (the bootstrap installs one). */
function composeConfig(): { status: number | null; out: string; tool: string } {
  for (const [cmd, args, tool] of [
    ['docker', ['compose', '-f', 'docker-compose.yml', 'config'], 'docker compose'],
    ['docker-compose', ['-f', 'docker-compose.yml', 'config'], 'docker-compose'],
  ] as const) {
    if (cmd === 'docker' && spawnSync('docker', ['compose', 'version']).status !== 0) continue; // no compose plugin
    const r = spawnSync(cmd, [...args], { cwd: ROOT, encoding: 'utf8' });
    if (r.error) continue;
    return { status: r.status, out: `${r.stdout}${r.stderr}`, tool };
  }
  throw new Error('no compose tool: run `npm run bootstrap -- --for-tests` (installs docker-compose)');
}

it('docker-compose.yml is a valid compose file with every production service wired', () => {
  const { status, out, tool } = composeConfig();
  expect(status, `${tool} config said:\n${out}`).toBe(0);
  for (const svc of ['mongo:', 'temporal:', 'temporal-db:', 'temporal-ui:', 'api:', 'worker:']) expect(out).toContain(svc);
  expect(out).toMatch(/--replSet/);
  expect(out).toMatch(/MONGODB_URI: mongodb:\/\/mongo:27017\/allot\?replicaSet=rs0/);
  expect(out).toMatch(/TEMPORAL_ADDRESS: temporal:7233/);
});

it('the Dockerfile builds the designer and runs the API by default', () => {
  const dockerfile = readFileSync(`${ROOT}Dockerfile`, 'utf8');
  expect(dockerfile).toMatch(/npm ci/);
  expect(dockerfile).toMatch(/npm run build:designer/);
  expect(dockerfile).toMatch(/engine\/api\/server\.ts/);
});
