import type { LocalizedText } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';

/** The duplicate-key error code of MongoDB and FerretDB. */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;

/**
 * A duplicate key on a write becomes a 409 with the given code and sentence (e.g. TEAM_NAME_TAKEN on
 * /body/name). Anything else is rethrown: mongoose ValidationError / CastError are turned into 400s
 * naming the paths by the API's error middleware.
 */
export function mapWriteError(err: unknown, conflict?: { code: string; text: LocalizedText; path: string }): never {
  if (conflict && isDuplicateKey(err)) {
    throw new ApiError(409, conflict.code, conflict.text, [{ path: conflict.path, message: conflict.text }]);
  }
  throw err;
}
