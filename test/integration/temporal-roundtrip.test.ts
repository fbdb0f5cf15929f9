import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { uniqueTaskQueue } from '../harness/temporal';
import * as activities from '../workflow/fixtures/foundation.activities';

let connection: Connection;
let native: NativeConnection;
beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  native = await NativeConnection.connect({ address: inject('temporalAddress') });
});
afterAll(async () => {
  await connection?.close();
  await native?.close();
});

it('round-trips a workflow on the real dev server: start, query, signal, activity, result', async () => {
  const client = new Client({ connection });
  const taskQueue = uniqueTaskQueue('roundtrip');
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../workflow/fixtures/foundation.workflows.ts', import.meta.url)),
    activities,
  });
  const result = await worker.runUntil(async () => {
    const handle = await client.workflow.start('roundTrip', { taskQueue, workflowId: `rt-${taskQueue}`, args: ['hello'] });
    expect(await handle.query('pokes')).toEqual([]);
    await handle.signal('poke', 'ping');
    return await handle.result();
  });
  expect(result).toBe('echo(hello:ping)');
  const described = await client.workflow.getHandle(`rt-${taskQueue}`).describe();
  expect(described.status.name).toBe('COMPLETED');
});
