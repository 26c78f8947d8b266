import { openDatabase, type SqliteDatabase } from './sqlite-driver';
import { StoreUnavailableError } from '../kernel/store-errors';
import {
  LEDGER_APPLICATION_ID,
  SQLITE_SCHEMA_VERSION,
  type SqliteConnectionOptions,
} from './sqlite-options';

/**
 * The file layout of the embedded store: pragmas, tables and the schema version, kept apart from
 * the store's verbs so a later version can add a migration here without touching them.
 */

const ledgerSchemaTable = `
  CREATE TABLE ledger_schema (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
`;

/*
 * Version 2 keeps an append to three b-trees: the events table and its two indexes.
 *
 * - `position` is a plain rowid: SQLite gives a new row max(rowid) + 1, and nothing is ever
 *   physically deleted from `events` (deletes are logical), so a position is never handed out
 *   twice. AUTOINCREMENT would only add a `sqlite_sequence` row to rewrite on every commit.
 * - A stream's last revision is max(revision) of its events, one seek in the unique
 *   (stream_id, revision) index, so appends write no per-stream row.
 * - `streams` holds only what events cannot say: a soft delete (`visible_from`) or a tombstone.
 *   It has a row for a stream only once `deleteStream` touched it. (The name is version 1's, so
 *   an older library opening this file reads the version and asks to be upgraded.)
 * - (stream_id, event_id) lets an append with `any` or `stream_exists` find an id it is
 *   retrying without walking the stream.
 */
const eventsTable = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 0),
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (stream_id, revision)
  );
`;
const streamsTable = `
  CREATE TABLE streams (
    stream_id TEXT PRIMARY KEY,
    visible_from INTEGER NOT NULL DEFAULT 0 CHECK (visible_from >= 0),
    tombstoned INTEGER NOT NULL DEFAULT 0 CHECK (tombstoned IN (0, 1))
  ) WITHOUT ROWID;
`;
// Built after a migration's copy, not during it: one sorted build instead of random inserts.
const eventIdIndex = `
  CREATE INDEX events_by_stream_and_id ON events (stream_id, event_id);
`;

/*
 * Version 3 adds the Merkle tree over the global order, kept by the library's tree keeper after
 * the events commit (see audit/tree-keeper.ts): one row per leaf with the position of its event,
 * and one per closed subtree above the leaves. Appends do not touch them: the keeper writes many
 * leaves in one transaction when a proof, a checkpoint or `keepTree` asks.
 */
export const TREE_TABLES_DDL = `
  CREATE TABLE tree_leaves (
    leaf INTEGER PRIMARY KEY CHECK (leaf >= 0),
    position INTEGER NOT NULL,
    hash BLOB NOT NULL CHECK (length(hash) = 32)
  );
  CREATE TABLE tree_subtrees (
    level INTEGER NOT NULL CHECK (level >= 1),
    node INTEGER NOT NULL CHECK (node >= 0),
    hash BLOB NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, node)
  ) WITHOUT ROWID;
`;

/** The tables of version 3 that older versions lack. */
export const TREE_TABLES: readonly string[] = ['tree_leaves', 'tree_subtrees'];

/**
 * Version 1 to 2: copies every event with its position, keeps a `streams` row only for the
 * streams a delete touched, and drops what version 2 no longer writes. The old tables are renamed
 * first so the new ones are created under their own names with the same text as in a new file.
 */
const migrateFrom1 = (db: SqliteDatabase): void => {
  db.exec(`
    ALTER TABLE events RENAME TO events_v1;
    ALTER TABLE streams RENAME TO streams_v1;
    ${eventsTable}
    ${streamsTable}
    INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
      SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at
      FROM events_v1 ORDER BY position;
    INSERT INTO streams (stream_id, visible_from, tombstoned)
      SELECT stream_id, visible_from, tombstoned FROM streams_v1
      WHERE visible_from > 0 OR tombstoned = 1;
    DROP TABLE events_v1;
    DROP TABLE streams_v1;
    ${eventIdIndex}
  `);
  // SQLite never drops sqlite_sequence; dropping events_v1 emptied it and nothing writes it now.
};

/** `migrations[n]` turns a version-n file into version n+1, inside the opening transaction. */
const migrations: Readonly<Record<number, (db: SqliteDatabase) => void>> = {
  1: migrateFrom1,
  // The tree starts empty; the keeper fills it from the events the first time it is asked.
  2: (db) => db.exec(TREE_TABLES_DDL),
};

const expectedTables = ['events', 'ledger_schema', 'streams'] as const;

/**
 * The SQLite result code of an engine error (`SQLITE_BUSY`, ...). Matched by shape, not by class:
 * the native module keeps the error class of whichever copy of `better-sqlite3` loaded it first.
 */
export const sqliteCodeOf = (error: unknown): string | undefined => {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
};

export const describeNative = (error: unknown): string => {
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  const text = typeof message === 'string' ? message : String(error);
  const code = sqliteCodeOf(error);
  return code === undefined ? text : `${code}: ${text}`;
};

/** Any fault of the database engine or the file, as the store error callers match on. */
export const unavailable = (path: string, doing: string, error: unknown): StoreUnavailableError =>
  new StoreUnavailableError(`${path}: ${doing} failed (${describeNative(error)})`, error);

const isNotADatabase = (error: unknown): boolean => {
  const code = sqliteCodeOf(error);
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
};

/** The first read of the header: a file that is not a database fails here, and is named so. */
export const readHeader = (db: SqliteDatabase, path: string): void => {
  try {
    db.pragma('schema_version', { simple: true });
  } catch (error) {
    if (isNotADatabase(error))
      throw new StoreUnavailableError(
        sqliteCodeOf(error) === 'SQLITE_CORRUPT'
          ? `${path} is a damaged SQLite database (${describeNative(error)}); restore it from a backup`
          : `${path} is not a SQLite database (${describeNative(error)}); open a new file instead`,
        error,
      );
    throw error;
  }
};

/** The header's application id and the tables of the file, SQLite's own left out. */
export const ledgerMarks = (
  db: SqliteDatabase,
): { readonly applicationId: unknown; readonly present: readonly string[] } => ({
  applicationId: db.pragma('application_id', { simple: true }),
  present: (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]
  ).filter((name) => !name.startsWith('sqlite_')),
});

export const somethingElse = (
  path: string,
  applicationId: unknown,
  present: readonly string[],
): StoreUnavailableError =>
  new StoreUnavailableError(
    `${path} is a SQLite database of something else (application id ${String(applicationId)}, tables ${
      present.join(', ') || 'none'
    }), not a diplomatic-ledger store; open a new file instead`,
  );

/**
 * The schema version of a file marked as a ledger store, refusing a damaged file or one newer
 * than this library reads.
 */
export const schemaVersionOf = (
  db: SqliteDatabase,
  path: string,
  present: readonly string[],
): number => {
  const missing = expectedTables.filter((name) => !present.includes(name));
  if (missing.length > 0)
    throw new StoreUnavailableError(
      `${path} is marked as a diplomatic-ledger store but lacks the table(s) ${missing.join(', ')}; the file is damaged`,
    );
  const version = db.prepare('SELECT version FROM ledger_schema WHERE singleton = 1').pluck().get();
  if (typeof version !== 'number')
    throw new StoreUnavailableError(`${path} has no schema version; the file is damaged`);
  if (version >= 3 && TREE_TABLES.some((name) => !present.includes(name)))
    throw new StoreUnavailableError(
      `${path} has schema version ${version} but lacks its tree tables; the file is damaged`,
    );
  if (version > SQLITE_SCHEMA_VERSION)
    throw new StoreUnavailableError(
      `${path} has schema version ${version}, newer than this library reads (${SQLITE_SCHEMA_VERSION}); upgrade diplomatic-ledger`,
    );
  return version;
};

const createOrCheckSchema = (db: SqliteDatabase, path: string): void => {
  const { applicationId, present } = ledgerMarks(db);

  if (applicationId !== LEDGER_APPLICATION_ID) {
    if (present.length > 0 || applicationId !== 0)
      throw somethingElse(path, applicationId, present);
    db.exec(ledgerSchemaTable + eventsTable + streamsTable + eventIdIndex + TREE_TABLES_DDL);
    db.prepare('INSERT INTO ledger_schema (singleton, version, created_at) VALUES (1, ?, ?)').run(
      SQLITE_SCHEMA_VERSION,
      new Date().toISOString(),
    );
    db.pragma(`application_id = ${LEDGER_APPLICATION_ID}`);
    return;
  }

  // Read under the write lock: a second process opening a version-1 file at the same time waits
  // here, then finds version 2 and does not migrate again.
  const version = schemaVersionOf(db, path, present);
  for (let v = version; v < SQLITE_SCHEMA_VERSION; v++) {
    const migrate = migrations[v];
    if (migrate === undefined)
      throw new StoreUnavailableError(`${path}: no migration from schema version ${v}`);
    migrate(db);
  }
  if (version < SQLITE_SCHEMA_VERSION)
    db.prepare('UPDATE ledger_schema SET version = ? WHERE singleton = 1').run(
      SQLITE_SCHEMA_VERSION,
    );
};

/**
 * Opens (or creates) the store's file, sets its pragmas and creates or checks its schema. Every
 * failure, including a file that is not a database at all, is a `StoreUnavailableError` naming
 * the file and the problem.
 */
export const openSqliteConnection = (
  path: string,
  options: SqliteConnectionOptions = {},
): SqliteDatabase => {
  let db: SqliteDatabase;
  try {
    db = openDatabase(path);
  } catch (error) {
    // The driver missing, said as it is.
    if (error instanceof StoreUnavailableError) throw error;
    throw unavailable(path, 'opening the file', error);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    readHeader(db, path);
    // WAL: readers never block the writer, and a commit is one append to the log.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal')
      throw new StoreUnavailableError(
        `${path}: cannot use write-ahead logging (journal mode stays ${String(mode)})`,
      );
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = OFF');
    db.pragma('trusted_schema = OFF');
    // IMMEDIATE: two processes opening a new or older file at once create or migrate it once.
    db.transaction(() => createOrCheckSchema(db, path)).immediate();
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreUnavailableError) throw error;
    throw unavailable(path, 'opening the store', error);
  }
};
