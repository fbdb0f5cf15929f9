/** Waits before the 2nd, 3rd, 4th and 5th try: 1 s, 5 s, 30 s, 2 min. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000] as const;
/** Tries per round (the first try and four retries); a manual redelivery starts a new round. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** How long a claimed delivery stays hidden from other pumps (longer than one request may take). */
export const DELIVERY_LEASE_MS = 60_000;

/** Delay before the next try after try number `attemptInRound` (1-based) failed; undefined when the round is over. */
export function retryDelay(attemptInRound: number): number | undefined {
  return attemptInRound >= 1 && attemptInRound < MAX_ATTEMPTS ? RETRY_DELAYS_MS[attemptInRound - 1] : undefined;
}
