import type { AnyRoute } from '../http/define-route';
import { authRoutes } from './auth.routes';
import { intakeRoutes } from './intake.routes';

/** Every API route, declared once: validation, handlers, OpenAPI and the contract test read this list. */
export const ROUTES: readonly AnyRoute[] = [
  ...authRoutes,
  ...intakeRoutes,
];
