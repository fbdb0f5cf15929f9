import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { NodeType } from '../nodes/node-types';
import { envelopeJsonSchema, flowDocumentJsonSchema, paramsJsonSchemas } from './flow-json-schema';

/** Every `x-…` annotation keyword our schemas carry for the designer (no validation meaning), found by walking them. */
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

/** Strict ajv (typos in schemas fail loudly), knowing our annotation keywords. */
function makeAjv(useDefaults: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, useDefaults, discriminator: true, strict: true, strictTypes: false, strictTuples: false, allowUnionTypes: true });
  ajv.addVocabulary(annotationKeywords());
  return ajv;
}

let defaulting: Ajv2020 | undefined;
let checking: Ajv2020 | undefined;
let envelope: ValidateFunction | undefined;
let whole: ValidateFunction | undefined;
const params = new Map<NodeType, ValidateFunction>();

/** Validates the document envelope (params left open) and fills envelope defaults (params `{}`, position). */
export function envelopeValidator(): ValidateFunction {
  defaulting ??= makeAjv(true);
  envelope ??= defaulting.compile(envelopeJsonSchema);
  return envelope;
}

/** Validates one node type's params and fills their defaults in place. */
export function paramsValidator(type: NodeType): ValidateFunction {
  defaulting ??= makeAjv(true);
  let v = params.get(type);
  if (!v) {
    v = defaulting.compile(paramsJsonSchemas[type]);
    params.set(type, v);
  }
  return v;
}

/**
 * The whole published schema (discriminated node union) compiled with ajv, without defaults: a complete document
 * as stored (e.g. returned by parseFlow) passes; use validateFlow for readable errors and the checks past the schema.
 */
export function flowSchemaValidator(): ValidateFunction {
  checking ??= makeAjv(false);
  whole ??= checking.compile(flowDocumentJsonSchema);
  return whole;
}
