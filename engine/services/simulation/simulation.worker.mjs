// Runs one simulation task off the API's event loop (simulation-runner.ts starts it). Plain JavaScript so that
// Node can start it as is; the TypeScript task is loaded through tsx.
import { parentPort, workerData } from 'node:worker_threads';

let task;
try {
  const { tsImport } = await import('tsx/esm/api');
  task = await tsImport('./simulation-task.ts', import.meta.url);
} catch (err) {
  parentPort.postMessage({ type: 'unavailable', message: err instanceof Error ? err.message : String(err) });
}

if (task) {
  parentPort.postMessage({ type: 'ready' });
  try {
    let last = 0;
    const reports = task.runSimulationTask(workerData, (done, total) => {
      const now = Date.now();
      if (now - last >= 200 || done === total) {
        last = now;
        parentPort.postMessage({ type: 'progress', done, total });
      }
    });
    parentPort.postMessage({ type: 'done', reports });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err), code: err?.code ?? null });
  }
}
