import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './tool-paths';

const DESIGNER = join(ROOT, 'designer');
const DIST = join(DESIGNER, 'dist');
const STAMP = join(DIST, '.source-hash');

function hashTree(dir: string, h = createHash('sha256')): ReturnType<typeof createHash> {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'dist' || name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) hashTree(p, h);
    else h.update(p).update(readFileSync(p));
  }
  return h;
}

/** Builds the designer with Vite when its sources (or the engine it imports) changed since the last build. */
export function ensureDesignerBuilt(log: (line: string) => void): 'built' | 'up to date' | 'absent' {
  if (!existsSync(join(DESIGNER, 'index.html'))) return 'absent';
  const h = hashTree(DESIGNER);
  hashTree(join(ROOT, 'engine', 'core'), h);
  h.update(readFileSync(join(ROOT, 'package-lock.json')));
  const want = h.digest('hex');
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === want) return 'up to date';
  log('building the designer (vite) …');
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', join(DESIGNER, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the designer build failed (see above); fix it, or run `npm run build:designer` to see the error alone');
  writeFileSync(STAMP, want);
  return 'built';
}
