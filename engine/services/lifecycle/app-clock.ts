import type { AppContext } from '../../api/app-context';

/**
 * The same context with its clock fixed at `at`: activities act at the workflow's time (which the
 * time-skipping test server moves by days), never at their own process clock.
 */
export function atTime(app: AppContext, at: number): AppContext {
  return { ...app, now: () => at };
}
