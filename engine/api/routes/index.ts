import type { AnyRoute } from '../http/define-route';
import { authRoutes } from './auth.routes';
import { intakeRoutes } from './intake.routes';
import { notificationRoutes } from './notifications.routes';
import { webhookRoutes } from './webhooks.routes';
import { auditRoutes } from './audit.routes';
import { tokenRoutes } from './tokens.routes';
import { repRoutes } from './reps.routes';
import { teamRoutes } from './teams.routes';
import { poolRoutes } from './pools.routes';
import { followUpRoutes } from './follow-ups.routes';
import { customerRoutes } from './customers.routes';
import { importRoutes } from './imports.routes';
import { jobRoutes } from './jobs.routes';
import { maintenanceRoutes } from './maintenance.routes';
import { lifecycleRoutes } from './lifecycle.routes';
import { flowRoutes } from './flows.routes';
import { flowVersionRoutes } from './flow-versions.routes';
import { simulationRoutes } from './simulations.routes';
import { templateRoutes } from './templates.routes';
import { catalogRoutes } from './catalog.routes';

/** Every API route, declared once: validation, handlers, OpenAPI and the contract test read this list. */
export const ROUTES: readonly AnyRoute[] = [
  ...authRoutes,
  ...intakeRoutes,
  ...notificationRoutes,
  ...webhookRoutes,
  ...auditRoutes,
  ...tokenRoutes,
  ...repRoutes,
  ...teamRoutes,
  ...poolRoutes,
  ...followUpRoutes,
  ...customerRoutes,
  ...importRoutes,
  ...jobRoutes,
  ...maintenanceRoutes,
  ...lifecycleRoutes,
  ...flowRoutes,
  ...flowVersionRoutes,
  ...simulationRoutes,
  ...templateRoutes,
  ...catalogRoutes,
];
