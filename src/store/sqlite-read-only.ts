import { openDatabase, type SqliteDatabase } from './sqlite-driver';
import { readFileSync, statSync } from 'node:fs';
import { StoreUnavailableError } from '../kernel/store-errors';
import { StoreMissingError, type MissingStoreFound } from './read-only';
import {
  ledgerMarks,
  readHeader,
  schemaVersionOf,
  somethingElse,
  sqliteCodeOf,
  unavailable,
} from './sqlite-schema';
import {
  LEDGER_APPLICATION_ID,
  SQLITE_SCHEMA_VERSION,
  type SqliteConnectionOptions,
} from './sqlite-options';

/**
 * Opening the embedded store's file for reading only: never created, never migrated, no write
 * lock taken, so an auditor can verify a copy whose file or directory they may not write.
 */

/**
 * The schema versions whose tables the read statements understand as they are. Version 1 has
 * the same `events` columns and index, and `streams` the same `visible_from` and `tombstoned`,
 * which is all a read asks of it. Versions 1 and 2 have no tree tables: the tree of such a copy
 * is kept in memory while it is open.
 */
const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2, SQLITE_SCHEMA_VERSION];

/** What is at `path` if it is not a file SQLite could open; undefined for a file. */
const notAFile = (path: string): MissingStoreFound | undefined => {
  try {
    return statSync(path).isDirectory() ? 'a directory' : undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'nothing' : undefined;
  }
};

const walHoldsCommits = (path: string): boolean => {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
};

/**
 * A WAL file is read through its `-shm` index, which SQLite must create next to the file when no
 * writer has. In a directory this process may not write, with no log holding commits, the file
 * alone is the whole history: it is read as a copy in memory instead.
 */
const inMemoryCopy = (path: string): SqliteDatabase => {
  const logHolds = `${path}: its write-ahead log ${path}-wal holds commits, which cannot be read from a directory this process may not write; read a copy made with sqlite3 "${path}" ".backup copy.db"`;
  if (walHoldsCommits(path)) throw new StoreUnavailableError(logHolds);
  const bytes = readFileSync(path);
  // A copy in memory has no log: its header must say so (bytes 18 and 19: 1, not WAL's 2).
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes.fill(1, 18, 20);
  // A writer that came and went while the file was read would have left a log to replay.
  if (walHoldsCommits(path)) throw new StoreUnavailableError(logHolds);
  return openDatabase(bytes, { readonly: true });
};

const checkReadableSchema = (db: SqliteDatabase, path: string): void => {
  const { applicationId, present } = ledgerMarks(db);
  if (applicationId !== LEDGER_APPLICATION_ID) {
    // What opening for writing would have turned into a new store: here there is none.
    if (present.length === 0 && applicationId === 0)
      throw new StoreMissingError(path, 'an empty database');
    throw somethingElse(path, applicationId, present);
  }
  const version = schemaVersionOf(db, path, present);
  if (!READABLE_SCHEMA_VERSIONS.includes(version))
    throw new StoreUnavailableError(
      `${path} has schema version ${version}, which this library reads only once it is migrated to version ${SQLITE_SCHEMA_VERSION}; open it once for writing to migrate it, or read a migrated copy`,
    );
};

/**
 * Opens an existing store file read-only. Nothing at the path, a directory, or a file with no
 * ledger in it is a `StoreMissingError`; anything else that cannot be read is a
 * `StoreUnavailableError` naming the file and the problem. The file is never written.
 */
export const openReadOnlySqliteConnection = (
  path: string,
  options: SqliteConnectionOptions = {},
): SqliteDatabase => {
  const found = notAFile(path);
  if (found !== undefined) throw new StoreMissingError(path, found);
  let db: SqliteDatabase;
  try {
    db = openDatabase(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    // The driver missing, said as it is.
    if (error instanceof StoreUnavailableError) throw error;
    throw unavailable(path, 'opening the file', error);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    try {
      readHeader(db, path);
    } catch (error) {
      if (sqliteCodeOf(error) !== 'SQLITE_READONLY_DIRECTORY') throw error;
      db.close();
      db = inMemoryCopy(path);
      readHeader(db, path);
    }
    // Refuses writes in the engine as well, should one ever get past the store.
    db.pragma('query_only = ON');
    db.pragma('foreign_keys = OFF');
    db.pragma('trusted_schema = OFF');
    // One read transaction: the marks and the version are of one snapshot.
    db.transaction(() => checkReadableSchema(db, path))();
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreUnavailableError) throw error;
    throw unavailable(path, 'opening the store read-only', error);
  }
};
