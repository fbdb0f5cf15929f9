import type { Locale, LocalizedText } from '../common/localized';
import { paramsValidator } from '../flow/flow-ajv';
import { paramsJsonSchemas } from '../flow/flow-json-schema';
import type { JsonObject } from '../flow/plain-schema';
import type { FlowKind, NodeCategory } from './node-definition';
import { nodeRegistry } from './node.registry';
import { NODE_TYPES, type NodeType } from './node-types';

/** One node type as the API serves it and the designer's palette reads it (plain JSON). */
export interface CatalogEntry {
  type: NodeType;
  version: number;
  category: NodeCategory;
  kinds: FlowKind[];
  icon: string;
  waits: boolean;
  /** words in the requested locale */
  label: string;
  helpText: string;
  /** words in both languages */
  labels: LocalizedText;
  help: LocalizedText;
  /** draft 2020-12 JSON Schema of the params, with `default`s and `x-label`/`x-description` for forms */
  paramsSchema: JsonObject;
  /** params of a freshly dropped node (every default filled in) */
  defaultParams: Record<string, unknown>;
  /** outputs with the default params */
  outputs: Array<{ id: string; label: string; labels: LocalizedText }>;
  /** the outputs change with the params (one per switch case) */
  outputsDependOnParams: boolean;
  /** the node card's words with the default params */
  defaultSummary: string;
}

/** Params with every default filled in (a deep copy per call). */
export function defaultParams(type: NodeType): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  paramsValidator(type)(params);
  return params;
}

/** The whole node catalog in palette order, serialisable as JSON. */
export function describeCatalog(locale: Locale = 'zh-CN'): CatalogEntry[] {
  return NODE_TYPES.map((type) => {
    const def = nodeRegistry[type];
    const params = defaultParams(type);
    const outputs = def.outputs(params as never).map((o) => ({ id: o.id, label: o.labels[locale], labels: o.labels }));
    return {
      type,
      version: def.version,
      category: def.category,
      kinds: [...def.kinds],
      icon: def.icon,
      waits: def.waits,
      label: def.labels[locale],
      helpText: def.help[locale],
      labels: def.labels,
      help: def.help,
      paramsSchema: structuredClone(paramsJsonSchemas[type]),
      defaultParams: params,
      outputs,
      outputsDependOnParams: def.outputsDependOnParams === true,
      defaultSummary: def.summary(params as never, locale),
    };
  });
}
