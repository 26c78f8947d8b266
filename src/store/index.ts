/**
 * The stores: in memory, the embedded SQLite file, PostgreSQL, EventStoreDB, and opening one by
 * name.
 */
// Stores
export { createInMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory-event-store';
// EventStoreDB
export {
  createEventStoreDBEventStore,
  type EventStoreDBClientLike,
  type EventStoreDBEventStoreOptions,
  type EsdbDeleteExpectation,
  type EsdbExpectation,
  type EsdbFilter,
  type EsdbJson,
  type EsdbPosition,
  type EsdbProposedEvent,
  type EsdbRecordedEvent,
  type EsdbResolvedEvent,
  type EsdbSubscription,
} from './eventstoredb-event-store';
export {
  DEFAULT_STORE_FILE,
  defaultStoreSpec,
  keyStoreFileBeside,
  openEventStore,
  specWithoutPassword,
  type OpenEventStoreOptions,
  type OpenedStore,
} from './open-store';
export {
  StoreMissingError,
  StoreReadOnlyError,
  isStoreMissingError,
  isStoreReadOnlyError,
  type MissingStoreFound,
} from './read-only';
// PostgreSQL
export { openPostgresEventStore, type PostgresEventStore } from './postgres-event-store';
export {
  DEFAULT_POSTGRES_SCHEMA,
  POSTGRES_SCHEMA_VERSION,
  type PostgresEventStoreOptions,
  type PostgresPoolLike,
} from './postgres-options';
// The embedded store (SQLite)
export {
  LEDGER_APPLICATION_ID,
  SQLITE_SCHEMA_VERSION,
  type SqliteConnectionOptions,
  type SqliteSynchronous,
} from './sqlite-options';
export {
  openSqliteEventStore,
  type SqliteEventStore,
  type SqliteEventStoreOptions,
} from './sqlite-event-store';
export {
  TREE_FILE_APPLICATION_ID,
  openSqliteTreeFile,
  type SqliteTreeFile,
} from './sqlite-tree-file';
