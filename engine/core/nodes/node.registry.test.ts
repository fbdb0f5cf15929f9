import { describe, expect, it } from 'vitest';
import { defaultParams, describeCatalog } from './describe-catalog';
import { allNodeDefinitions, getNodeDefinition, nodeRegistry, type IncompleteEntries, type RegistryShape } from './node.registry';
import { NODE_TYPES } from './node-types';
import type { CompleteNodeDefinition } from './common/define-node';
import type { TObject } from '@sinclair/typebox';

const both = (t: { 'zh-CN': string; en: string }) => t['zh-CN'].trim().length > 0 && t.en.trim().length > 0;

describe('node registry', () => {
  it('registers every type under its own name, in palette order', () => {
    expect(Object.keys(nodeRegistry)).toEqual([...NODE_TYPES]);
    for (const t of NODE_TYPES) expect(nodeRegistry[t].type).toBe(t);
    expect(allNodeDefinitions()).toHaveLength(NODE_TYPES.length);
  });

  it.each(NODE_TYPES)('%s has every part', (type) => {
    const def = nodeRegistry[type];
    expect(def.version).toBeGreaterThanOrEqual(1);
    expect(def.kinds.length).toBeGreaterThan(0);
    expect(both(def.labels)).toBe(true);
    expect(both(def.help)).toBe(true);
    expect(def.help.en.length).toBeGreaterThan(20);
    expect(def.icon).toMatch(/^[A-Z][A-Za-z]+(Outlined|Filled|TwoTone)$/);
    expect(typeof def.waits).toBe('boolean');
    if (def.kinds.includes('allocation')) expect(typeof (def as { evaluate?: unknown }).evaluate).toBe('function');
    if (def.kinds.includes('followUp')) expect(typeof (def as { step?: unknown }).step).toBe('function');
    // params: an object schema whose every field has a title and words in both languages, for the forms
    const params = def.params as TObject;
    expect(params.type).toBe('object');
    for (const [key, prop] of Object.entries(params.properties)) {
      const p = prop as { title?: string; 'x-label'?: { 'zh-CN': string; en: string } };
      expect(p.title, `${type}.${key} title`).toBeTruthy();
      expect(p['x-label'] && both(p['x-label']), `${type}.${key} x-label`).toBe(true);
    }
    const dflt = defaultParams(type);
    const outputs = def.outputs(dflt as never);
    expect(new Set(outputs.map((o) => o.id)).size).toBe(outputs.length);
    for (const o of outputs) expect(both(o.labels)).toBe(true);
    if (type === 'end') expect(outputs).toEqual([]);
    else expect(outputs.length).toBeGreaterThan(0);
    expect(def.summary(dflt as never, 'zh-CN').length).toBeGreaterThan(0);
    expect(def.summary(dflt as never, 'en').length).toBeGreaterThan(0);
    expect(Array.isArray(def.references(dflt as never))).toBe(true);
  });

  it('only the timing nodes may close a loop', () => {
    expect(NODE_TYPES.filter((t) => nodeRegistry[t].waits)).toEqual(['waitForFollowUp', 'wait']);
  });

  it('looks types up safely, prototype names included', () => {
    expect(getNodeDefinition('assign')?.type).toBe('assign');
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'Assign']) expect(getNodeDefinition(name)).toBeUndefined();
  });

  it('serves a JSON catalog with params schemas, defaults and outputs', () => {
    const zh = describeCatalog('zh-CN');
    const en = describeCatalog('en');
    expect(zh.map((e) => e.type)).toEqual([...NODE_TYPES]);
    expect(JSON.parse(JSON.stringify(en))).toEqual(en);
    const sw = en.find((e) => e.type === 'switch');
    expect(sw?.outputsDependOnParams).toBe(true);
    expect(sw?.outputs.map((o) => o.id)).toEqual(['A', 'B', 'default']);
    const assign = zh.find((e) => e.type === 'assign');
    expect(assign?.label).toBe('分配销售');
    expect(assign?.paramsSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(assign?.defaultParams.strategy).toBe('roundRobin');
    expect(en.find((e) => e.type === 'score')?.defaultSummary).toBe('0 rules · A ≥ 80, B ≥ 60, C ≥ 40');
  });
});

// Compile-time: a definition missing its semantics does not type-check (tsc runs over test files too).
type Alloc = CompleteNodeDefinition<'x', TObject, readonly ['allocation']>;
type Follow = CompleteNodeDefinition<'y', TObject, readonly ['followUp']>;
// @ts-expect-error evaluate is required for allocation nodes
export const missingEvaluate: Pick<Alloc, 'evaluate'> = {};
// @ts-expect-error step is required for follow-up nodes
export const missingStep: Pick<Follow, 'step'> = {};

// @ts-expect-error a registry without `end` does not satisfy the shape
export const missingType: RegistryShape = { ...nodeRegistry, end: undefined };
// @ts-expect-error a definition registered under another type's key does not satisfy the shape
export const wrongKey: RegistryShape = { ...nodeRegistry, end: nodeRegistry.trigger };
// an entry whose kinds need `step` but which has none is named by IncompleteEntries
type Broken = { bad: { kinds: readonly ['followUp']; evaluate: () => void }; good: { kinds: readonly ['allocation']; evaluate: () => void } };
export const incomplete: IncompleteEntries<Broken> = 'bad';
// @ts-expect-error a complete entry is not named
export const complete: IncompleteEntries<Broken> = 'good';
