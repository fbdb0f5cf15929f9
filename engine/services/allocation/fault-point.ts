/**
 * Crash injection for the crash-safety tests: when ALLOT_FAULT_POINT names this point, the process
 * kills itself (SIGKILL, no clean-up) the ALLOT_FAULT_AFTER-th time it passes here (default 1st).
 * Inert unless both are set by the test harness.
 */
let passes = 0;

export function faultPoint(name: string): void {
  if (process.env.ALLOT_FAULT_POINT !== name) return;
  passes += 1;
  if (passes >= Number(process.env.ALLOT_FAULT_AFTER ?? 1)) process.kill(process.pid, 'SIGKILL');
}
