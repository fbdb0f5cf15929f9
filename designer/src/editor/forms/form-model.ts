import { text, type LocalizedText } from '../../../../engine/core/common/localized';

/**
 * A node's params JSON Schema (from the node catalog) turned into a form model: which widget edits each value.
 * The property panel renders this model; nothing in it asks the admin to type JSON.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonSchema = { [k: string]: Json };

export type RefKind = 'team' | 'rep' | 'pool';
export type ConditionScope = 'customer' | 'rep';

interface Base {
  /** the property name ('' for the root or an array item) */
  key: string;
  label: LocalizedText;
  help?: LocalizedText;
  required: boolean;
  default?: unknown;
}

export interface Option {
  value: string | number | boolean;
  label: LocalizedText;
}

export type FieldModel =
  | (Base & { kind: 'text'; minLength?: number; maxLength?: number; pattern?: string })
  | (Base & { kind: 'number'; integer: boolean; min?: number; max?: number })
  | (Base & { kind: 'boolean' })
  | (Base & { kind: 'select'; options: Option[] })
  | (Base & { kind: 'multiSelect'; options: Option[]; minItems?: number; maxItems?: number })
  | (Base & { kind: 'ref'; ref: RefKind; multiple: boolean })
  | (Base & { kind: 'fact' })
  | (Base & { kind: 'tags'; itemType: 'string' | 'scalar'; minItems?: number; maxItems?: number })
  | (Base & { kind: 'numberSet'; min: number; max: number; minItems?: number })
  | (Base & { kind: 'duration' })
  | (Base & { kind: 'localizedText' })
  | (Base & { kind: 'condition'; scope: ConditionScope })
  | GroupModel
  | ListModel
  | (Base & { kind: 'unsupported'; schema: JsonSchema });

export interface GroupModel extends Base {
  kind: 'group';
  fields: FieldModel[];
}

export interface ListModel extends Base {
  kind: 'list';
  item: GroupModel;
  minItems?: number;
  maxItems?: number;
}

const isObj = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const isLocalized = (v: unknown): v is LocalizedText => isObj(v) && typeof v['zh-CN'] === 'string' && typeof v.en === 'string';

function labelOf(schema: JsonSchema, key: string): LocalizedText {
  if (isLocalized(schema['x-label'])) return schema['x-label'];
  if (typeof schema.title === 'string') return text(schema.title, schema.title);
  return text(key, key);
}

function helpOf(schema: JsonSchema): LocalizedText | undefined {
  if (isLocalized(schema['x-description'])) return schema['x-description'];
  return typeof schema.description === 'string' ? text(schema.description, schema.description) : undefined;
}

/** `anyOf` of `const`s → options (enums), else undefined. */
function enumOptions(schema: JsonSchema): Option[] | undefined {
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches) && branches.length > 0 && branches.every((b) => isObj(b) && b.const !== undefined)) {
    return branches.map((b) => {
      const s = b as JsonSchema;
      const value = s.const as string | number | boolean;
      return { value, label: isLocalized(s['x-label']) ? s['x-label'] : text(String(value), typeof s.title === 'string' ? s.title : String(value)) };
    });
  }
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => ({ value: v as string, label: text(String(v), String(v)) }));
  return undefined;
}

const isConditionRef = (schema: JsonSchema) => typeof schema.$ref === 'string' && schema.$ref.endsWith('/Condition');

/** Scalars of several types (`anyOf` of string / number / boolean) — free values such as a switch case's. */
function isScalarUnion(schema: JsonSchema): boolean {
  const branches = schema.anyOf;
  return Array.isArray(branches) && branches.every((b) => isObj(b) && ['string', 'number', 'integer', 'boolean', 'null'].includes(String(b.type)));
}

/** The form model of one schema node. */
export function fieldModel(schema: JsonSchema, key: string, required: boolean): FieldModel {
  const base: Base = { key, label: labelOf(schema, key), required };
  const help = helpOf(schema);
  if (help) base.help = help;
  if (schema.default !== undefined) base.default = schema.default;

  if (isConditionRef(schema)) return { ...base, kind: 'condition', scope: key === 'repFilter' ? 'rep' : 'customer' };
  if (schema['x-widget'] === 'duration') return { ...base, kind: 'duration' };
  if (schema['x-widget'] === 'localizedText') return { ...base, kind: 'localizedText' };

  const ref = schema['x-ref'];
  if (ref === 'team' || ref === 'rep' || ref === 'pool') return { ...base, kind: 'ref', ref, multiple: false };
  if (ref === 'field') return { ...base, kind: 'fact' };

  const options = enumOptions(schema);
  if (options) return { ...base, kind: 'select', options };

  switch (schema.type) {
    case 'string':
      return {
        ...base, kind: 'text',
        ...(num(schema.minLength) !== undefined ? { minLength: num(schema.minLength) } : {}),
        ...(num(schema.maxLength) !== undefined ? { maxLength: num(schema.maxLength) } : {}),
        ...(typeof schema.pattern === 'string' ? { pattern: schema.pattern } : {}),
      };
    case 'number':
    case 'integer':
      return {
        ...base, kind: 'number', integer: schema.type === 'integer',
        ...(num(schema.minimum) !== undefined ? { min: num(schema.minimum) } : {}),
        ...(num(schema.maximum) !== undefined ? { max: num(schema.maximum) } : {}),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'object':
      return groupModel(schema, key, required);
    case 'array':
      return arrayModel(schema, base);
    default:
      return { ...base, kind: 'unsupported', schema };
  }
}

function arrayModel(schema: JsonSchema, base: Base): FieldModel {
  const items = isObj(schema.items) ? schema.items : {};
  const bounds = {
    ...(num(schema.minItems) !== undefined ? { minItems: num(schema.minItems) } : {}),
    ...(num(schema.maxItems) !== undefined ? { maxItems: num(schema.maxItems) } : {}),
  };
  const ref = items['x-ref'];
  if (ref === 'team' || ref === 'rep' || ref === 'pool') return { ...base, kind: 'ref', ref, multiple: true };
  const options = enumOptions(items);
  if (options) return { ...base, kind: 'multiSelect', options, ...bounds };
  if (items.type === 'string') return { ...base, kind: 'tags', itemType: 'string', ...bounds };
  if (isScalarUnion(items)) return { ...base, kind: 'tags', itemType: 'scalar', ...bounds };
  if (items.type === 'integer' && num(items.minimum) !== undefined && num(items.maximum) !== undefined) {
    return { ...base, kind: 'numberSet', min: num(items.minimum) as number, max: num(items.maximum) as number, ...(bounds.minItems !== undefined ? { minItems: bounds.minItems } : {}) };
  }
  if (items.type === 'object') return { ...base, kind: 'list', item: groupModel(items, '', true), ...bounds };
  return { ...base, kind: 'unsupported', schema };
}

/** An object schema → a group of fields, in the schema's property order. */
export function groupModel(schema: JsonSchema, key = '', required = true): GroupModel {
  const props = isObj(schema.properties) ? schema.properties : {};
  const req = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const fields = Object.entries(props).map(([k, sub]) => fieldModel(isObj(sub) ? sub : {}, k, req.has(k)));
  const out: GroupModel = { key, label: labelOf(schema, key), required, kind: 'group', fields };
  const help = helpOf(schema);
  if (help) out.help = help;
  if (schema.default !== undefined) out.default = schema.default;
  return out;
}

/** A new value for a field: its schema default, else an empty value of its kind. */
export function emptyValue(field: FieldModel): unknown {
  if (field.default !== undefined) return structuredClone(field.default);
  switch (field.kind) {
    case 'text':
    case 'fact':
      return '';
    case 'number':
      return field.min !== undefined && field.min > 0 ? field.min : 0;
    case 'boolean':
      return false;
    case 'select':
      return field.options[0]?.value;
    case 'ref':
      return field.multiple ? [] : '';
    case 'multiSelect':
    case 'tags':
    case 'numberSet':
    case 'list':
      return [];
    case 'duration':
      return { amount: 1, unit: 'hours' };
    case 'localizedText':
      return { 'zh-CN': '', en: '' };
    case 'condition':
      return { all: [] };
    case 'group': {
      const out: Record<string, unknown> = {};
      for (const f of field.fields) if (f.required) out[f.key] = emptyValue(f);
      return out;
    }
    case 'unsupported':
      return undefined;
  }
}

/** Every field of a model, depth first (for tests and error lookup). */
export function walkFields(field: FieldModel, visit: (f: FieldModel, depth: number) => void, depth = 0): void {
  visit(field, depth);
  if (field.kind === 'group') field.fields.forEach((f) => walkFields(f, visit, depth + 1));
  if (field.kind === 'list') walkFields(field.item, visit, depth + 1);
}
