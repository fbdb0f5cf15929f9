import { daysSince } from './derived-days';
import type { FactContext } from './fact-context';
import type { FactSource } from './fact-name';
import { selectPath } from './fact-path';

/** Reads one fact (and its path) from a context; built once per condition leaf. */
export type FactReader = (ctx: FactContext) => unknown;

/** An own property of an object; undefined for anything else (missing, inherited, or not an object). */
export function readOwn(holder: unknown, key: string): unknown {
  return holder !== null && typeof holder === 'object' && Object.hasOwn(holder, key)
    ? (holder as Record<string, unknown>)[key]
    : undefined;
}

function sourceReader(source: FactSource): FactReader {
  switch (source.scope) {
    case 'customer': {
      const field = source.field;
      return (ctx) => readOwn(ctx.customer, field);
    }
    case 'derived': {
      const field = source.dateField;
      return (ctx) => daysSince(ctx.now, readOwn(ctx.customer, field));
    }
    case 'attribute': {
      const key = source.key;
      return (ctx) => readOwn(readOwn(ctx.customer, 'attributes'), key);
    }
    case 'rep': {
      const field = source.field;
      return (ctx) => readOwn(ctx.rep, field);
    }
    case 'load': {
      const field = source.field;
      return (ctx) => readOwn(ctx.load, field);
    }
  }
}

/** Builds the reader for a parsed fact name and optional path steps. */
export function compileFactReader(source: FactSource, steps: readonly string[] | null): FactReader {
  const read = sourceReader(source);
  if (!steps) return read;
  const frozen = steps.slice();
  return (ctx) => selectPath(read(ctx), frozen);
}
