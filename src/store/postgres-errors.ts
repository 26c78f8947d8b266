import { StoreError, StoreFaultError, StoreUnavailableError } from '../kernel/store-errors';

/**
 * How the PostgreSQL store names a server and its faults: the server as host, port and database
 * (never a password), and every driver or server error that is not one of the library's own as
 * a `StoreUnavailableError` (worth retrying: the connection, the server going down or out of
 * resources, a deadlock) or a `StoreFaultError` (the server refused the statement itself, and
 * would again: bad data, a missing table, no privilege), with its SQLSTATE.
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

/**
 * SQLSTATE classes of a failure that may pass: connection exceptions (08), a transaction rolled
 * back for a deadlock or a serialisation failure (40), insufficient resources (53), operator
 * intervention such as a shutdown or a cancelled query (57), system errors such as I/O (58), and
 * an object not in the state required, such as a lock not available (55).
 */
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '55', '57', '58']);

/**
 * An error the server sent (the driver's `DatabaseError`, which carries a `severity`; a socket's
 * `EPIPE` or `ECONNRESET` has none) whose SQLSTATE class says the same statement would fail again.
 */
const isServerFault = (error: unknown): boolean => {
  const severity =
    typeof error === 'object' && error !== null
      ? (error as { severity?: unknown }).severity
      : undefined;
  if (typeof severity !== 'string') return false;
  const code = pgCodeOf(error);
  return (
    code !== undefined && /^[0-9A-Z]{5}$/.test(code) && !TRANSIENT_CLASSES.has(code.slice(0, 2))
  );
};

/**
 * Store errors pass as they are; a statement the server refused for itself becomes
 * `StoreFaultError`, which nothing retries; anything else (a socket, the driver, a transient
 * server state) `StoreUnavailableError`.
 */
export const asStoreError = (server: string, doing: string, error: unknown): StoreError => {
  if (error instanceof StoreError) return error;
  if (isServerFault(error))
    return new StoreFaultError(`${server}: ${doing} failed (${describePg(error)})`, error);
  return unavailable(server, doing, error);
};
