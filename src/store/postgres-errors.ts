import { StoreError, StoreUnavailableError } from '../kernel/store-errors';

/**
 * How the PostgreSQL store names a server and its faults: the server as host, port and database
 * (never a password), and every driver or server error that is not one of the library's own as a
 * `StoreUnavailableError` with its SQLSTATE, so callers match one kind and may retry.
 */

/** The SQLSTATE of a server error, or the driver's code (`ECONNREFUSED`, ...) of a socket one. */
export const pgCodeOf = (error: unknown): string | undefined => {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/** The constraint a unique violation names, if the server said. */
export const pgConstraintOf = (error: unknown): string | undefined => {
  const constraint =
    typeof error === 'object' && error !== null
      ? (error as { constraint?: unknown }).constraint
      : undefined;
  return typeof constraint === 'string' ? constraint : undefined;
};

export const UNIQUE_VIOLATION = '23505';

/**
 * A connection string shown without its password: `postgres://user@host:port/db`, with the query
 * (where a `password=` may hide) left out as well.
 */
export const describeServer = (connectionString: string): string => {
  try {
    const url = new URL(connectionString);
    const host = url.searchParams.get('host') ?? url.host;
    const user = url.username === '' ? '' : `${decodeURIComponent(url.username)}@`;
    return `${url.protocol}//${user}${host}${url.pathname}`;
  } catch {
    return 'the PostgreSQL server';
  }
};

const describePg = (error: unknown): string => {
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  const code = pgCodeOf(error);
  return code === undefined ? text : `${code}: ${text}`;
};

/** Any fault of the server, the connection or the driver, as the store error callers match on. */
export const unavailable = (
  server: string,
  doing: string,
  error: unknown,
): StoreUnavailableError =>
  error instanceof StoreUnavailableError
    ? error
    : new StoreUnavailableError(`${server}: ${doing} failed (${describePg(error)})`, error);

/** Store errors pass as they are; anything else becomes `StoreUnavailableError`. */
export const asStoreError = (server: string, doing: string, error: unknown): StoreError =>
  error instanceof StoreError ? error : unavailable(server, doing, error);
