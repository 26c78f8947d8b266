import { openDatabase, type SqliteDatabase } from './sqlite-driver';
import { StoreError, StoreUnavailableError } from '../kernel/store-errors';
import type { TreeStorage } from '../kernel/tree-storage';
import { StoreMissingError } from './read-only';
import {
  ledgerMarks,
  readHeader,
  somethingElse,
  TREE_TABLES_DDL,
  unavailable,
} from './sqlite-schema';
import { sqliteTreeStorage } from './sqlite-tree-storage';

/**
 * A file that holds only the Merkle tree of a store kept elsewhere (EventStoreDB), so that the
 * tree outlives the process: `createEventStoreDBEventStore(client, { tree: openSqliteTreeFile(path) })`.
 * Use one file per store; the tree of another log would not match its events, which `verifyAll`
 * reports (`keptTree`) and proofs refuse.
 */

/** Written into the SQLite header: marks a file as a ledger's tree file ("DLGT"). */
export const TREE_FILE_APPLICATION_ID = 0x444c4754;

export interface SqliteTreeFile extends TreeStorage {
  readonly path: string;
  /** Closes the file; later reads and writes are refused as unavailable. */
  close(): void;
}

export const openSqliteTreeFile = (
  path: string,
  options: { readonly readOnly?: boolean } = {},
): SqliteTreeFile => {
  const readOnly = options.readOnly === true;
  let db: SqliteDatabase;
  try {
    db = openDatabase(path, readOnly ? { readonly: true, fileMustExist: true } : {});
  } catch (error) {
    // The driver missing, said as it is.
    if (error instanceof StoreUnavailableError) throw error;
    if (readOnly && (error as { code?: unknown }).code === 'SQLITE_CANTOPEN')
      throw new StoreMissingError(path, 'nothing');
    throw unavailable(path, 'opening the tree file', error);
  }
  let closed = false;
  try {
    readHeader(db, path);
    const { applicationId, present } = ledgerMarks(db);
    if (applicationId !== TREE_FILE_APPLICATION_ID) {
      if (present.length > 0 || applicationId !== 0)
        throw somethingElse(path, applicationId, present);
      if (readOnly) throw new StoreMissingError(path, 'an empty database');
      db.pragma('journal_mode = WAL');
      db.transaction(() => {
        db.exec(TREE_TABLES_DDL);
        db.pragma(`application_id = ${TREE_FILE_APPLICATION_ID}`);
      }).immediate();
    }
  } catch (error) {
    db.close();
    if (error instanceof StoreUnavailableError) throw error;
    throw unavailable(path, 'opening the tree file', error);
  }
  const guarded = <T>(doing: string, step: () => T): T => {
    if (closed) throw new StoreUnavailableError(`${path}: the tree file is closed`);
    try {
      return step();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw unavailable(path, doing, error);
    }
  };
  const storage = sqliteTreeStorage(db, path, { readOnly, guarded });
  if (storage === undefined) {
    db.close();
    throw new StoreUnavailableError(
      `${path} is marked as a tree file but lacks its tables; the file is damaged`,
    );
  }
  return {
    ...storage,
    path,
    close: () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
};
