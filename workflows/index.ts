/**
 * Temporal workflow code only: deterministic, imports @temporalio/workflow, the pure core and
 * activity *types*. The worker bundles this module; every exported async function is a workflow type.
 */
export { heartbeatWorkflow } from './heartbeat.workflow';
