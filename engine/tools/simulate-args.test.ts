import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error';
import { parseSimulateArgs } from './simulate-args';

const base = ['--flow', 'f.json', '--customers', 'c.csv', '--reps', 'r.json'];

describe('parseSimulateArgs', () => {
  it('reads the required files and defaults', () => {
    expect(parseSimulateArgs(base)).toEqual({ flow: 'f.json', customers: 'c.csv', reps: 'r.json', clock: 'fixed', traces: 20, locale: 'en', progress: 'auto' });
  });

  it('accepts --opt=value and every option', () => {
    const a = parseSimulateArgs([...base, '--json=out.json', '--now', '2025-01-06T00:00:00Z', '--clock', 'createdAt', '--traces', '3', '--lang', 'zh', '--progress', 'never']);
    expect(a).toMatchObject({ json: 'out.json', now: Date.UTC(2025, 0, 6), clock: 'createdAt', traces: 3, locale: 'zh-CN', progress: 'never' });
    expect(parseSimulateArgs([...base, '--now', '1700000000000'])).toMatchObject({ now: 1_700_000_000_000 });
  });

  it('takes the table language from $LANG', () => {
    expect(parseSimulateArgs(base, { LANG: 'zh_CN.UTF-8' })).toMatchObject({ locale: 'zh-CN' });
    expect(parseSimulateArgs(base, { LANG: 'C.UTF-8' })).toMatchObject({ locale: 'en' });
  });

  it('answers help', () => {
    expect(parseSimulateArgs(['--help'])).toBe('help');
    expect(parseSimulateArgs([...base, '-h'])).toBe('help');
  });

  it.each([
    [['--flow', 'f.json'], /Missing --customers, --reps/],
    [[...base, '--bogus', '1'], /Unknown option --bogus/],
    [[...base, '--json'], /--json needs a value/],
    [[...base, '--json', '--lang'], /--json needs a value/],
    [[...base, '--now', 'yesterday'], /--now must be an ISO date/],
    [[...base, '--clock', 'wall'], /--clock must be fixed or createdAt/],
    [[...base, '--traces', '-1'], /--traces must be a whole number/],
    [[...base, '--lang', 'fr'], /--lang must be en or zh/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseSimulateArgs(argv)).toThrow(CliError);
    expect(() => parseSimulateArgs(argv)).toThrow(message);
  });
});
