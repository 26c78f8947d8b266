/**
 * What a user of the PostgreSQL store names: its options, and the few methods of a `pg.Pool` the
 * store calls. Kept apart from the driver so that the public declarations never refer to the
 * driver's types (the driver, `pg`, is an optional peer).
 */

/** The schema version this code writes and reads. A migration to N+1 goes into the schema module. */
export const POSTGRES_SCHEMA_VERSION = 2;

/** The schema the store lives in when none is named. */
export const DEFAULT_POSTGRES_SCHEMA = 'diplomatic_ledger';

/**
 * A `pg.Pool` (node-postgres 8), typed as the methods the store calls so that this package's
 * declarations need no `@types/pg`. The store checks clients out with `connect()` for its
 * transactions and for the connection that listens for notifications, and returns them.
 */
export interface PostgresPoolLike {
  connect(): Promise<unknown>;
  query(text: string, values?: unknown[]): Promise<unknown>;
  end(): Promise<void>;
}

export interface PostgresEventStoreOptions {
  /**
   * The schema that holds the store's tables (default `diplomatic_ledger`), created if missing:
   * letters, digits and underscores, starting with a letter or underscore, at most 63 bytes.
   */
  readonly schema?: string;
  /** The clock that stamps `recordedAt`; tests pass a fixed one. */
  readonly now?: () => Date;
  /** How many rows a read fetches at a time (default 500): memory stays bounded by this. */
  readonly pageSize?: number;
  /**
   * How often a waiting subscription looks for new events when no notification arrived, in
   * milliseconds (default 500): a safety net for a lost notification or a listening connection
   * being re-established. Notifications wake it at once.
   */
  readonly pollIntervalMs?: number;
  /**
   * How a subscription rides out a lost connection or a restarting server: it tries again up to
   * `attempts` times in a row (default 30), waiting `delayMs` (default 100) doubled each time up to
   * 2 s, then carries on after the last event it delivered. After that it rejects with the error.
   */
  readonly reconnect?: { readonly attempts?: number; readonly delayMs?: number };
  /**
   * Reads only (default false): the schema must exist and is never created or migrated, and every
   * append and delete rejects with `StoreReadOnlyError`, writing nothing.
   */
  readonly readOnly?: boolean;
  /** Options for the pool made from a connection string (ignored when a pool is given). */
  readonly pool?: { readonly max?: number };
}
