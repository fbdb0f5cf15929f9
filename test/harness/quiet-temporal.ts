import { DefaultLogger, Runtime } from '@temporalio/worker';

// Worker state changes at INFO drown the test output; keep warnings and errors.
try {
  Runtime.install({ logger: new DefaultLogger((process.env.ALLOT_TEMPORAL_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });
} catch {
  /* already installed in this process */
}
