/**
 * A workflow that does nothing: the baseline of `npm run bench:workflows` (the start rate of a bare
 * workflow on the same server and worker, against which lifecycle starts are compared).
 */
export async function baselineEmpty(): Promise<null> {
  return null;
}
