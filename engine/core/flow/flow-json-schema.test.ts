import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from '../nodes/node-types';
import { flowDocumentJsonSchema, paramsJsonSchemas } from './flow-json-schema';

const refsIn = (v: unknown, out: string[] = []): string[] => {
  if (Array.isArray(v)) v.forEach((x) => refsIn(x, out));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref') out.push(String(x));
      else refsIn(x, out);
    }
  }
  return out;
};

describe('published flow JSON Schema', () => {
  it('is plain draft 2020-12 JSON with one node schema per type, discriminated on type', () => {
    expect(JSON.parse(JSON.stringify(flowDocumentJsonSchema))).toEqual(flowDocumentJsonSchema);
    expect(flowDocumentJsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const items = (flowDocumentJsonSchema.properties as any).nodes.items; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(items.discriminator).toEqual({ propertyName: 'type' });
    expect(items.oneOf.map((s: { properties: { type: { const: string } } }) => s.properties.type.const)).toEqual([...NODE_TYPES]);
    expect((flowDocumentJsonSchema.properties as any).nodes.maxItems).toBe(500); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect((flowDocumentJsonSchema.properties as any).edges.maxItems).toBe(2000); // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  it('shares one condition definition that every reference points at', () => {
    expect(flowDocumentJsonSchema.$defs).toHaveProperty('Condition');
    const refs = new Set(refsIn(flowDocumentJsonSchema));
    expect([...refs]).toEqual(['#/$defs/Condition']);
    for (const t of NODE_TYPES) {
      const r = refsIn(paramsJsonSchemas[t]);
      if (r.length) expect(paramsJsonSchemas[t].$defs).toHaveProperty('Condition');
    }
  });
});
