import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, inject } from 'vitest';
import { enableRecorder, takeRecords } from './openapi-recorder';

/**
 * Integration setup file: every HTTP response a test file's servers send is checked against the OpenAPI document
 * after the file's own hooks have run (afterAll hooks run in reverse order, so this one runs last); the routes and
 * statuses seen go to the run directory for the coverage check in openapi-coverage.global.ts.
 */
enableRecorder();

afterAll(async (suite) => {
  const file = (suite as { filepath?: string }).filepath ?? 'unknown';
  const records = takeRecords();
  const seen: Record<string, Record<string, number>> = {};
  const problems = new Map<string, { text: string; count: number }>(); // one entry per route, status and problem
  let violations = 0;
  let unmatched = 0;
  if (records.length) {
    const { checkResponse, formatViolation } = await import('./openapi-contract');
    for (const rec of records) {
      const { routeId, violation } = checkResponse(rec);
      if (!routeId) {
        unmatched++;
        continue;
      }
      const statuses = (seen[routeId] ??= {});
      statuses[rec.status] = (statuses[rec.status] ?? 0) + 1;
      if (!violation) continue;
      violations++;
      const key = `${violation.routeId} ${violation.status} ${violation.problem} ${violation.errors?.join('|') ?? ''}`;
      const seenBefore = problems.get(key);
      if (seenBefore) seenBefore.count++;
      else problems.set(key, { text: formatViolation(violation), count: 1 });
    }
  }
  const name = `seen-${basename(file)}-${createHash('sha1').update(file).digest('hex').slice(0, 8)}.json`;
  writeFileSync(join(inject('openapiRunDir'), name), JSON.stringify({ file, responses: records.length, unmatched, seen, violations }));
  if (violations) {
    const list = [...problems.values()].slice(0, 40).map((p) => (p.count > 1 ? `${p.text}\n    (×${p.count})` : p.text));
    throw new Error(`${violations} response(s) do not match the OpenAPI document (/api/openapi.json):\n\n${list.join('\n\n')}`);
  }
});
