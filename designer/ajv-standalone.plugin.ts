import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import type { Plugin } from 'vite';
import { envelopeJsonSchema, flowDocumentJsonSchema, paramsJsonSchemas } from '../engine/core/flow/flow-json-schema';
import { NODE_TYPES } from '../engine/core/nodes/node-types';

/**
 * The designer runs the engine's `validateFlow` in the browser. The engine compiles its JSON Schemas with ajv at
 * run time (`new Function`), which the API's Content-Security-Policy (script-src 'self') rightly forbids. This
 * plugin swaps engine/core/flow/flow-ajv.ts, in the browser bundle only, for ajv *standalone* code generated at
 * build time from the very same schemas and ajv options — same validators, no eval.
 */

const FLOW_AJV = /\/engine\/core\/flow\/flow-ajv(\.ts)?$/;
const SHIM = '\0allot-flow-ajv';
const DEFAULTING = '\0allot-flow-ajv-defaulting';
const CHECKING = '\0allot-flow-ajv-checking';

/** Every `x-…` annotation keyword in our schemas (the same walk flow-ajv.ts does). */
function annotationKeywords(): string[] {
  const found = new Set<string>(['x-label', 'x-description', 'x-ref', 'x-widget']);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, sub] of Object.entries(v)) {
        if (k.startsWith('x-')) found.add(k);
        else walk(sub);
      }
    }
  };
  walk([flowDocumentJsonSchema, envelopeJsonSchema, ...Object.values(paramsJsonSchemas)]);
  return [...found];
}

/** The options of flow-ajv.ts's makeAjv, plus standalone ESM source output. */
function makeAjv(useDefaults: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true, useDefaults, discriminator: true, strict: true, strictTypes: false, strictTuples: false, allowUnionTypes: true,
    code: { source: true, esm: true },
  });
  ajv.addVocabulary(annotationKeywords());
  return ajv;
}

/** ajv emits `require("ajv/dist/runtime/…").default` even in ESM mode; turn those into imports. */
function esmOnly(code: string): string {
  const specifiers = [...new Set([...code.matchAll(/require\("([^"]+)"\)\.default/g)].map((m) => m[1] as string))];
  let out = code;
  const imports = specifiers.map((spec, i) => {
    out = out.split(`require("${spec}").default`).join(`__ajvRuntime${i}`);
    // with its file extension and either CommonJS interop (Node's or the bundler's), so the module also loads in
    // plain Node ESM (the unit test imports it)
    const file = JSON.stringify(/\.[cm]?js$/.test(spec) ? spec : `${spec}.js`);
    return `import * as __ajvNs${i} from ${file};\nconst __ajvRuntime${i} = __ajvNs${i}.default?.default ?? __ajvNs${i}.default;`;
  });
  if (/\brequire\(/.test(out)) throw new Error('ajv standalone code still calls require()');
  return `${imports.join('\n')}\n${out}`;
}

export const exportName = (type: string): string => `params_${type}`;

/** Standalone code of the validators that fill defaults (envelope and each node type's params). */
export function defaultingModule(): string {
  const ajv = makeAjv(true);
  ajv.addSchema(envelopeJsonSchema, 'envelope');
  for (const type of NODE_TYPES) ajv.addSchema(paramsJsonSchemas[type], exportName(type));
  const refs = Object.fromEntries(['envelope', ...NODE_TYPES.map(exportName)].map((k) => [k, k]));
  return esmOnly(standaloneCode(ajv, refs));
}

/** Standalone code of the whole-document validator (no defaults). */
export function checkingModule(): string {
  const ajv = makeAjv(false);
  ajv.addSchema(flowDocumentJsonSchema, 'whole');
  return esmOnly(standaloneCode(ajv, { whole: 'whole' }));
}

const SHIM_CODE = `
import * as defaulting from ${JSON.stringify(DEFAULTING)};
import { whole } from ${JSON.stringify(CHECKING)};
export function envelopeValidator() { return defaulting.envelope; }
export function paramsValidator(type) {
  const v = defaulting['params_' + type];
  if (!v) throw new Error('no params validator for node type ' + type);
  return v;
}
export function flowSchemaValidator() { return whole; }
`;

export function ajvStandalone(): Plugin {
  return {
    name: 'allot-ajv-standalone',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source === DEFAULTING || source === CHECKING || source === SHIM) return source;
      if (!importer || !/flow-ajv/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && FLOW_AJV.test(resolved.id.replace(/\?.*$/, '').replace(/\.ts$/, '')) ? SHIM : null;
    },
    load(id) {
      if (id === SHIM) return SHIM_CODE;
      if (id === DEFAULTING) return defaultingModule();
      if (id === CHECKING) return checkingModule();
      return null;
    },
  };
}
