/**
 * What a user of the embedded key store names: its options and the marks of its file. Kept apart
 * from the schema and the verbs so that the public declarations never refer to the driver's
 * types (the driver, `better-sqlite3`, is an optional peer).
 */

/** Written into the SQLite header (`PRAGMA application_id`): marks a file as a key store ("DLGK"). */
export const KEY_STORE_APPLICATION_ID = 0x444c474b;

/** The schema this code writes and reads. */
export const KEY_STORE_SCHEMA_VERSION = 1;

export interface SqliteKeyStoreOptions {
  /** How long a writer waits for another connection's write lock before giving up (default 5000 ms). */
  readonly busyTimeoutMs?: number;
}
