import type BetterSqlite3 from 'better-sqlite3';
import { StoreUnavailableError } from '../kernel/store-errors';

/**
 * The embedded store's driver, `better-sqlite3`, loaded the first time a file is opened and not
 * before: it is an optional peer with a native module, so a service that uses only the in-memory
 * store or EventStoreDB installs no compiler and loads nothing native. Only this module names
 * the driver's types, and no public declaration refers to them.
 */

export type SqliteDatabase = BetterSqlite3.Database;
export type SqliteStatement = BetterSqlite3.Statement;
type SqliteConstructor = typeof BetterSqlite3;

/** The package to install, as the error says it. */
export const SQLITE_DRIVER = 'better-sqlite3';

let loaded: SqliteConstructor | undefined;

const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** The driver, or a `StoreUnavailableError` saying what to install or rebuild. */
export const sqliteDriver = (): SqliteConstructor => {
  if (loaded !== undefined) return loaded;
  try {
    // A plain require: the driver is an optional peer, loaded only when asked for.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(SQLITE_DRIVER) as SqliteConstructor;
    return loaded;
  } catch (error) {
    if (codeOf(error) === 'MODULE_NOT_FOUND' && messageOf(error).includes(`'${SQLITE_DRIVER}'`))
      throw new StoreUnavailableError(
        `the embedded store needs the ${SQLITE_DRIVER} package, which is not installed: run npm install ${SQLITE_DRIVER}@12 (it builds a native module), or use the in-memory store or EventStoreDB`,
        error,
      );
    throw new StoreUnavailableError(
      `the embedded store's driver ${SQLITE_DRIVER} is installed but does not load (${messageOf(error)}); run npm rebuild ${SQLITE_DRIVER}`,
      error,
    );
  }
};

/** Opens a database file (or bytes, for a copy in memory) with the driver. */
export const openDatabase = (
  file: string | Buffer,
  options?: BetterSqlite3.Options,
): SqliteDatabase => {
  const Driver = sqliteDriver();
  return new Driver(file, options);
};
