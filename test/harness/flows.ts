/** Publishes and activates a flow straight through the models (engine/services/flows/install-flow.ts). */
export { installActiveFlow } from '../../engine/services/flows/install-flow';
