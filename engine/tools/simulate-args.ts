import { CliError } from './cli-error';

/** The command line of `npm run simulate`. */
export interface SimulateArgs {
  flow: string;
  customers: string;
  reps: string;
  json?: string;
  /** simulated start time (epoch ms) */
  now?: number;
  clock: 'fixed' | 'createdAt';
  traces: number;
  locale: 'zh-CN' | 'en';
  progress: 'auto' | 'always' | 'never';
}

export const SIMULATE_USAGE = `Usage: npm run simulate -- --flow <flow.json> --customers <customers.csv|json> --reps <reps.json> [options]

  --flow <file>        allocation flow document (JSON)
  --customers <file>   customers, CSV (UTF-8 / GB18030, headers = field names or their Chinese labels) or JSON array
  --reps <file>        reps: a JSON array, or { reps, teams?, pools? }
  --json <file>        also write the full report as JSON
  --now <ISO|ms>       simulated time of the first decision (default: now)
  --clock <mode>       fixed (all at --now, default) | createdAt (customers arrive at createdAt; days roll over)
  --traces <n>         keep the full trace of the first n customers in the JSON report (default 20)
  --lang <en|zh>       table language (default from $LANG)
  --progress <mode>    auto (default: bar on a terminal, a line per 10% otherwise, for large inputs) | always | never
  -h, --help           this text`;

const VALUE_FLAGS = new Set(['--flow', '--customers', '--reps', '--json', '--now', '--clock', '--traces', '--lang', '--progress']);

export function parseSimulateArgs(argv: readonly string[], env: { LANG?: string } = {}): SimulateArgs | 'help' {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') return 'help';
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_FLAGS.has(flag)) throw new CliError(`Unknown option ${arg}.\n\n${SIMULATE_USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new CliError(`Option ${flag} needs a value.`);
    values.set(flag, value);
  }
  const missing = ['--flow', '--customers', '--reps'].filter((f) => !values.has(f));
  if (missing.length > 0) throw new CliError(`Missing ${missing.join(', ')}.\n\n${SIMULATE_USAGE}`);

  let now: number | undefined;
  const nowText = values.get('--now');
  if (nowText !== undefined) {
    now = /^\d+$/.test(nowText) ? Number(nowText) : Date.parse(nowText);
    if (!Number.isFinite(now)) throw new CliError(`--now must be an ISO date or epoch milliseconds, got "${nowText}".`);
  }
  const clock = values.get('--clock') ?? 'fixed';
  if (clock !== 'fixed' && clock !== 'createdAt') throw new CliError(`--clock must be fixed or createdAt, got "${clock}".`);
  const tracesText = values.get('--traces') ?? '20';
  const traces = Number(tracesText);
  if (!Number.isInteger(traces) || traces < 0) throw new CliError(`--traces must be a whole number ≥ 0, got "${tracesText}".`);
  const lang = values.get('--lang') ?? (env.LANG?.toLowerCase().startsWith('zh') ? 'zh' : 'en');
  if (lang !== 'zh' && lang !== 'zh-CN' && lang !== 'en') throw new CliError(`--lang must be en or zh, got "${lang}".`);
  const progress = values.get('--progress') ?? 'auto';
  if (progress !== 'auto' && progress !== 'always' && progress !== 'never') throw new CliError(`--progress must be auto, always or never.`);

  const out: SimulateArgs = {
    flow: values.get('--flow') as string,
    customers: values.get('--customers') as string,
    reps: values.get('--reps') as string,
    clock,
    traces,
    locale: lang === 'en' ? 'en' : 'zh-CN',
    progress,
  };
  const json = values.get('--json');
  if (json !== undefined) out.json = json;
  if (now !== undefined) out.now = now;
  return out;
}
