/** The node catalog: one definition per node type, the registry, and the catalog the API serves. */
export type * from './node-definition';
export { NODE_TYPES, isNodeType, type NodeType } from './node-types';
export { nodeRegistry, getNodeDefinition, allNodeDefinitions, type NodeRegistry } from './node.registry';
export { defineNode, type CompleteNodeDefinition, type ParamsOf } from './common/define-node';
export { describeCatalog, defaultParams, type CatalogEntry } from './describe-catalog';
export { TRIGGER_EVENTS, TriggerEventSchema, TRIGGER_EVENT_WORDS, type TriggerEvent } from './trigger/trigger-event.schema';
export { describeCondition } from './common/describe-condition';
export { renderMessage } from './common/message-template';
export { addWorkingTime } from './common/working-time';
