import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { inject } from 'vitest';
import { captureResponse, type RecordedResponse } from './response-capture';
import type {} from './openapi-coverage.global'; // the openapiRunDir key of ProvidedContext

export type { RecordedResponse } from './response-capture';

/**
 * The OpenAPI recorder of one test file: the integration setup file (openapi-contract.setup.ts) switches it on;
 * the harness's servers then hand it every response — in-process ones (api.ts) directly, API processes
 * (api-process.ts) through a JSON-lines file written by openapi-child-preload.ts.
 */
interface RecorderState {
  enabled: boolean;
  records: RecordedResponse[];
  childLogs: string[];
}

const KEY = Symbol.for('allot.openapiRecorder');
const state: RecorderState = ((globalThis as Record<symbol, RecorderState>)[KEY] ??= { enabled: false, records: [], childLogs: [] });

export const enableRecorder = () => void (state.enabled = true);
export const recorderEnabled = () => state.enabled;

/** For an in-process server: records this response when the recorder is on. */
export function attachRecorder(req: IncomingMessage, res: ServerResponse): void {
  if (state.enabled) captureResponse(req, res, (rec) => state.records.push(rec));
}

/** For a child API process: the file it should append its responses to, or undefined when not recording. */
export function childRecordFile(): string | undefined {
  if (!state.enabled) return undefined;
  const file = join(inject('openapiRunDir'), `child-${process.pid}-${randomBytes(6).toString('hex')}.jsonl`);
  state.childLogs.push(file);
  return file;
}

/** What the in-process servers recorded so far, left in place for the contract check (for the recorder's own test). */
export const peekRecords = (): readonly RecordedResponse[] => state.records;

/** Everything recorded so far, children's logs included; the recorder starts empty again. */
export function takeRecords(): RecordedResponse[] {
  const out = state.records.splice(0);
  for (const file of state.childLogs.splice(0)) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as RecordedResponse);
      } catch {
        /* a line cut short by a killed process */
      }
    }
    rmSync(file, { force: true });
  }
  return out;
}
