/**
 * Node options of the API processes `npm start` and the API benchmark run: a larger young generation
 * (V8's default semi-space is 16 MB). Intake allocates many short-lived objects per request (mongoose
 * documents, BSON buffers); with the default, scavenges ran often enough to show in the latency tail
 * at 100 requests/s. Anything already in NODE_OPTIONS is kept (and wins where it repeats the flag).
 */
export function apiNodeOptions(env: NodeJS.ProcessEnv = process.env): string {
  return ['--max-semi-space-size=32', env.NODE_OPTIONS].filter(Boolean).join(' ');
}
