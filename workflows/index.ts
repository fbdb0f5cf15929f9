/**
 * Temporal workflow code only: deterministic, imports @temporalio/workflow, the pure core and
 * activity *types*. The worker bundles this module; every exported async function is a workflow type.
 */
export { heartbeatWorkflow } from './heartbeat.workflow';
export { customerLifecycle } from './customer-lifecycle.workflow';
export { redistributeRep } from './redistribute-rep.workflow';
export { reconcileLifecycles } from './reconcile-lifecycles.workflow';
export { baselineEmpty } from './baseline-empty.workflow';
