/**
 * What a user of the embedded store names: its options and the marks of its files. Kept apart
 * from the schema and the driver so that the public declarations never refer to the driver's
 * types (the driver, `better-sqlite3`, is an optional peer).
 */

/** Written into the SQLite header (`PRAGMA application_id`): marks a file as a ledger store. */
export const LEDGER_APPLICATION_ID = 0x444c4752; // "DLGR"

/** The schema this code writes and reads. A migration to N+1 goes into `migrations` below. */
export const SQLITE_SCHEMA_VERSION = 3;

export type SqliteSynchronous = 'full' | 'normal';

export interface SqliteConnectionOptions {
  /** How long a writer waits for another connection's write lock before giving up (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /**
   * `'full'` (default) syncs the write-ahead log on every commit, so an acknowledged append
   * survives a power cut as well as a crash. `'normal'` survives a process crash but may lose
   * the last commits on power loss or an operating-system crash.
   */
  readonly synchronous?: SqliteSynchronous;
}
