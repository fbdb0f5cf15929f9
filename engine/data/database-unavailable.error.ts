import { CoreError } from '../core/common/core-error';
import { text } from '../core/common/localized';

/** The database server could not be reached (wrong URI, server not running, network). */
export class DatabaseUnavailableError extends CoreError {
  constructor(
    readonly uri: string,
    readonly reason: string,
  ) {
    super(
      'DATABASE_UNAVAILABLE',
      text(
        `无法连接数据库 ${uri}：${reason}。请确认 MongoDB/FerretDB 已启动且 MONGODB_URI 正确。`,
        `Cannot reach the database at ${uri}: ${reason}. Check that MongoDB/FerretDB is running and MONGODB_URI is right.`,
      ),
    );
    this.name = 'DatabaseUnavailableError';
  }
}

/** Hides the password part of a connection string so it can be printed. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
