import type { SqliteDatabase } from '../store/sqlite-driver';
import { ledgerMarks } from '../store/sqlite-schema';
import { LEDGER_APPLICATION_ID } from '../store/sqlite-options';
import { KeyStoreUnavailableError } from './personal-errors';
import { KEY_STORE_APPLICATION_ID, KEY_STORE_SCHEMA_VERSION } from './sqlite-key-store-options';

/**
 * The file layout of the embedded key store: its header mark, tables and schema version, kept
 * apart from the store's verbs so that a later version can add a migration here.
 */

/*
 * Version 1.
 *
 * - `subject_keys` holds a live key per subject. It is WITHOUT ROWID so that the key's bytes sit
 *   in one b-tree only (the primary key's); the unique index on `key_id` holds ids, not keys.
 *   Erasing deletes the row, so no key of an erased subject is left to find.
 * - `erasures` holds the tombstones: subject, the id of the key destroyed (NULL if the subject
 *   was never keyed), the instant and who erased (a role, or NULL). A subject is in one table or the other, never both: the
 *   erasure moves it in one transaction.
 */
const SCHEMA_DDL = `
  CREATE TABLE key_store_schema (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE subject_keys (
    subject_id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL UNIQUE,
    key BLOB NOT NULL CHECK (length(key) = 32)
  ) WITHOUT ROWID;
  CREATE TABLE erasures (
    subject_id TEXT PRIMARY KEY,
    key_id TEXT,
    erased_at TEXT NOT NULL,
    erased_by TEXT
  ) WITHOUT ROWID;
`;

const expectedTables = ['erasures', 'key_store_schema', 'subject_keys'] as const;

/** The tables of an event store's file: a key store never shares its file with one. */
const EVENT_STORE_TABLES = ['events', 'ledger_schema'];

/**
 * Refuses a file that is not (or not yet) a key store: an event store's file by name, so that a
 * copy of the history never carries the keys that can read it, and anything else as such.
 */
export const refuseForeignFile = (db: SqliteDatabase, path: string): void => {
  const { applicationId, present } = ledgerMarks(db);
  if (applicationId === KEY_STORE_APPLICATION_ID) return;
  if (
    applicationId === LEDGER_APPLICATION_ID ||
    present.some((name) => EVENT_STORE_TABLES.includes(name))
  )
    throw new KeyStoreUnavailableError(
      `${path} holds a diplomatic-ledger event store; keep the keys in a file of their own, so that a copy of the history does not carry the keys that read it`,
    );
  if (present.length > 0 || applicationId !== 0)
    throw new KeyStoreUnavailableError(
      `${path} is a SQLite database of something else (application id ${String(applicationId)}, tables ${present.join(', ')}), not a diplomatic-ledger key store; open a new file instead`,
    );
};

/**
 * Creates the schema in a new file, or checks that of an existing one, refusing a damaged file or
 * one newer than this library reads. Run inside an IMMEDIATE transaction, so that two processes
 * opening a new file at once create it once.
 */
export const createOrCheckKeyStoreSchema = (db: SqliteDatabase, path: string): void => {
  refuseForeignFile(db, path);
  const { applicationId, present } = ledgerMarks(db);
  if (applicationId !== KEY_STORE_APPLICATION_ID) {
    db.exec(SCHEMA_DDL);
    db.prepare(
      'INSERT INTO key_store_schema (singleton, version, created_at) VALUES (1, ?, ?)',
    ).run(KEY_STORE_SCHEMA_VERSION, new Date().toISOString());
    db.pragma(`application_id = ${KEY_STORE_APPLICATION_ID}`);
    return;
  }
  const missing = expectedTables.filter((name) => !present.includes(name));
  if (missing.length > 0)
    throw new KeyStoreUnavailableError(
      `${path} is marked as a key store but lacks the table(s) ${missing.join(', ')}; the file is damaged`,
    );
  const version = db
    .prepare('SELECT version FROM key_store_schema WHERE singleton = 1')
    .pluck()
    .get();
  if (typeof version !== 'number')
    throw new KeyStoreUnavailableError(`${path} has no schema version; the file is damaged`);
  if (version > KEY_STORE_SCHEMA_VERSION)
    throw new KeyStoreUnavailableError(
      `${path} has key store schema version ${version}, newer than this library reads (${KEY_STORE_SCHEMA_VERSION}); upgrade diplomatic-ledger`,
    );
  // Version 1 is the first: there is nothing older to migrate from yet.
};
