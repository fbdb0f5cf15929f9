/** Size bounds of a flow document: anything larger is rejected before the expensive checks run. */
export const FLOW_LIMITS = {
  maxNodes: 500,
  maxEdges: 2000,
  /** longest id (flow, node, edge); ids use letters, digits and `_ . : -` */
  maxIdLength: 64,
  maxNameLength: 200,
  maxDescriptionLength: 2000,
  maxLabelLength: 100,
  /** deepest JSON nesting accepted anywhere in a document (conditions included) */
  maxDepth: 48,
  /** most JSON values (objects, arrays, scalars) in one document */
  maxValues: 200_000,
  /** roughly the serialised size: characters of keys and strings plus 8 per other value */
  maxChars: 2_000_000,
  /** most errors one validation returns */
  maxErrors: 200,
} as const;

export const ID_PATTERN = '^[A-Za-z0-9_.:-]+$';
