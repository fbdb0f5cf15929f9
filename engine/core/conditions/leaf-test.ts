import { CustomerSchema } from '../model/customer.schema';
import { daysSince } from './derived-days';
import type { FactContext } from './fact-context';
import type { FactSource } from './fact-name';
import type { FactReader } from './fact-reader';
import type { PreparedTest } from './operators/operator-definition';

/** The hot path of a compiled condition. */
export type Test = (ctx: FactContext) => boolean;

type Holder = Record<string, unknown>;

/** Fields every `shaped` customer has as own properties (FactContext.shaped). */
const SCHEMA_FIELDS: ReadonlySet<string> = new Set(Object.keys(CustomerSchema.properties));

/**
 * The test of a leaf with a literal value: the operator's prepared test applied to the fact. For the usual facts (a
 * customer field, an attribute, a derived day count, without a path) the read is written into the test itself, one
 * closure call fewer per leaf. Every read is `readOwn`'s (own properties only), except that a Customer schema field
 * of a `shaped` context is read directly: it is an own property there (an own-property check costs about as much as
 * the rest of a leaf).
 */
export function leafTest(source: FactSource, steps: readonly string[] | null, read: FactReader, check: PreparedTest): Test {
  if (steps !== null) return (ctx) => check(read(ctx));
  switch (source.scope) {
    case 'customer': {
      const field = source.field;
      if (!SCHEMA_FIELDS.has(field)) {
        return (ctx) => {
          const c = ctx.customer;
          return check(c !== null && typeof c === 'object' && Object.hasOwn(c, field) ? (c as unknown as Holder)[field] : undefined);
        };
      }
      return (ctx) => {
        const c = ctx.customer;
        return check(
          ctx.shaped === true || (c !== null && typeof c === 'object' && Object.hasOwn(c, field)) ? (c as unknown as Holder)[field] : undefined,
        );
      };
    }
    case 'attribute': {
      const key = source.key;
      return (ctx) => {
        const c = ctx.customer;
        const a = ctx.shaped === true || (c !== null && typeof c === 'object' && Object.hasOwn(c, 'attributes')) ? c.attributes : undefined;
        return check(a !== null && typeof a === 'object' && Object.hasOwn(a, key) ? (a as Holder)[key] : undefined);
      };
    }
    case 'derived': {
      const field = source.dateField;
      return (ctx) => {
        const c = ctx.customer;
        return check(
          daysSince(ctx.now, ctx.shaped === true || (c !== null && typeof c === 'object' && Object.hasOwn(c, field)) ? (c as unknown as Holder)[field] : undefined),
        );
      };
    }
    default:
      return (ctx) => check(read(ctx));
  }
}
