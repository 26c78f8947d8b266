import { randomBytes, randomUUID } from 'node:crypto';
import { StoreUnavailableError } from '../kernel/store-errors';
import {
  openDatabase,
  SQLITE_DRIVER,
  sqliteDriver,
  type SqliteDatabase,
} from '../store/sqlite-driver';
import { describeNative, readHeader } from '../store/sqlite-schema';
import type {
  ErasedSubject,
  ErasureStamp,
  KeyStore,
  KeyStoreSubject,
  SubjectKey,
} from './key-store';
import { KeyStoreUnavailableError, PersonalDataError, SubjectErasedError } from './personal-errors';
import type { SqliteKeyStoreOptions } from './sqlite-key-store-options';
import { createOrCheckKeyStoreSchema, refuseForeignFile } from './sqlite-key-store-schema';
import { checkErasureRequest, checkSubjectId, SUBJECT_KEY_BYTES } from './subject-id';

/**
 * The embedded key store: a SQLite file of its own, never the event store's (a copy of the
 * history must not carry the keys that read it; the file of an event store is refused). Several
 * processes may open one file: a new subject's key is created under a unique constraint, so two
 * asking at once end with one key.
 *
 * Erasure leaves no byte of the key in the file or its write-ahead log: the file is opened with
 * `PRAGMA secure_delete = ON` (deleted content is overwritten with zeros), the key is overwritten
 * with zeros and its row deleted in one transaction, and the log is then checkpointed into the
 * file and truncated (`wal_checkpoint(TRUNCATE)`). Backups and copies of the file made before
 * the erasure still hold the key: see docs/personal-data.md.
 */

export interface SqliteKeyStore extends KeyStore {
  readonly path: string;
}

/** How many subjects `subjects()` reads at a time. */
const PAGE = 500;

type KeyRow = { readonly key_id: string; readonly key: Buffer };
type ErasureRow = {
  readonly key_id: string | null;
  readonly erased_at: string;
  readonly erased_by: string | null;
};
type SubjectRow = {
  readonly subject_id: string;
  readonly key_id: string | null;
  readonly erased_at: string | null;
};

const stampOf = (subjectId: string, row: ErasureRow): ErasureStamp => ({
  subjectId,
  erasedAt: row.erased_at,
  ...(row.key_id === null ? {} : { keyId: row.key_id }),
  ...(row.erased_by === null ? {} : { by: row.erased_by }),
});

const keyOf = (subjectId: string, row: KeyRow): SubjectKey => ({
  subjectId,
  keyId: row.key_id,
  key: new Uint8Array(row.key),
});

const unavailable = (path: string, doing: string, error: unknown): KeyStoreUnavailableError =>
  new KeyStoreUnavailableError(`${path}: ${doing} failed (${describeNative(error)})`, error);

/** The driver, or an error naming the package to install or rebuild. */
const loadDriver = (): void => {
  try {
    sqliteDriver();
  } catch (error) {
    const cause = error instanceof StoreUnavailableError ? error.cause : error;
    const missing = (cause as { code?: unknown } | undefined)?.code === 'MODULE_NOT_FOUND';
    throw new KeyStoreUnavailableError(
      missing
        ? `the embedded key store needs the ${SQLITE_DRIVER} package, which is not installed: run npm install ${SQLITE_DRIVER}@12 (it builds a native module), or use the in-memory key store`
        : `the embedded key store's driver ${SQLITE_DRIVER} is installed but does not load; run npm rebuild ${SQLITE_DRIVER}`,
      cause,
    );
  }
};

const openKeyFile = (path: string, busyTimeoutMs: number): SqliteDatabase => {
  loadDriver();
  let db: SqliteDatabase;
  try {
    db = openDatabase(path);
  } catch (error) {
    throw unavailable(path, 'opening the key store', error);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    readHeader(db, path);
    // Before anything is written: an event store's file is left exactly as it was.
    refuseForeignFile(db, path);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal')
      throw new KeyStoreUnavailableError(
        `${path}: cannot use write-ahead logging (journal mode stays ${String(mode)})`,
      );
    // FULL: a key handed out, or an erasure answered, survives a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('trusted_schema = OFF');
    if (db.pragma('secure_delete = ON', { simple: true }) !== 1)
      throw new KeyStoreUnavailableError(
        `${path}: this SQLite build cannot overwrite deleted content (secure_delete), so an erased key could remain in the file`,
      );
    db.transaction(() => createOrCheckKeyStoreSchema(db, path)).immediate();
    return db;
  } catch (error) {
    db.close();
    if (error instanceof KeyStoreUnavailableError) throw error;
    if (error instanceof StoreUnavailableError)
      throw new KeyStoreUnavailableError(error.message.replace(/^store unavailable: /, ''), error);
    throw unavailable(path, 'opening the key store', error);
  }
};

/** Opens (or creates) the key store in `path`. Every failure is a `KeyStoreUnavailableError`. */
export const openSqliteKeyStore = (
  path: string,
  options: SqliteKeyStoreOptions = {},
): SqliteKeyStore => {
  const db = openKeyFile(path, options.busyTimeoutMs ?? 5000);
  let closed = false;
  const statements = {
    key: db.prepare('SELECT key_id, key FROM subject_keys WHERE subject_id = ?'),
    erasure: db.prepare('SELECT key_id, erased_at, erased_by FROM erasures WHERE subject_id = ?'),
    addKey: db.prepare(
      'INSERT OR IGNORE INTO subject_keys (subject_id, key_id, key) VALUES (?, ?, ?)',
    ),
    zeroKey: db.prepare('UPDATE subject_keys SET key = zeroblob(32) WHERE subject_id = ?'),
    dropKey: db.prepare('DELETE FROM subject_keys WHERE subject_id = ?'),
    addErasure: db.prepare(
      'INSERT INTO erasures (subject_id, key_id, erased_at, erased_by) VALUES (?, ?, ?, ?)',
    ),
    page: db.prepare(
      `SELECT subject_id, key_id, erased_at FROM (
         SELECT subject_id, key_id, NULL AS erased_at FROM subject_keys
         UNION ALL SELECT subject_id, key_id, erased_at FROM erasures
       ) WHERE subject_id > ? ORDER BY subject_id LIMIT ${PAGE}`,
    ),
  };

  /** Runs `step` on the open file; engine faults become `KeyStoreUnavailableError`. */
  const guarded = <T>(doing: string, step: () => T): T => {
    if (closed) throw new KeyStoreUnavailableError(`${path}: the key store is closed`);
    try {
      return step();
    } catch (error) {
      if (error instanceof PersonalDataError) throw error;
      throw unavailable(path, doing, error);
    }
  };

  const erasureOf = (subjectId: string): ErasureStamp | undefined => {
    const row = statements.erasure.get(subjectId) as ErasureRow | undefined;
    return row === undefined ? undefined : stampOf(subjectId, row);
  };

  /**
   * Empties the write-ahead log into the file and truncates it, so that the pages that held the
   * key before its erasure are gone from the log too. A reader in another connection can hold the
   * log past the busy timeout: the erasure is then committed but not finished, and says so.
   */
  const truncateLog = (subjectId: string): void => {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result === undefined || result.busy !== 0)
      throw new KeyStoreUnavailableError(
        `${path}: subject ${subjectId} is erased, but another connection kept the write-ahead log from being emptied, so it may still hold the destroyed key; erase the subject again to finish`,
      );
  };

  return {
    path,
    keyFor: async (subjectId) => {
      checkSubjectId(subjectId);
      return guarded(`the key of ${subjectId}`, () => {
        const found = statements.key.get(subjectId) as KeyRow | undefined;
        if (found !== undefined) return keyOf(subjectId, found);
        // Under the write lock: an erasure committed meanwhile is seen, and of two connections
        // creating the key at once, the second inserts nothing and reads the first one's key.
        return db
          .transaction(() => {
            const erased = erasureOf(subjectId);
            if (erased !== undefined) throw new SubjectErasedError(erased);
            statements.addKey.run(subjectId, randomUUID(), randomBytes(SUBJECT_KEY_BYTES));
            return keyOf(subjectId, statements.key.get(subjectId) as KeyRow);
          })
          .immediate();
      });
    },
    find: async (subjectId): Promise<SubjectKey | ErasedSubject | undefined> => {
      checkSubjectId(subjectId);
      return guarded(`looking up ${subjectId}`, () =>
        // One read transaction: a subject erased meanwhile is seen in one table or the other.
        db.transaction(() => {
          const found = statements.key.get(subjectId) as KeyRow | undefined;
          if (found !== undefined) return keyOf(subjectId, found);
          const erased = erasureOf(subjectId);
          return erased === undefined ? undefined : { erased };
        })(),
      );
    },
    erase: async (subjectId, request) => {
      checkSubjectId(subjectId);
      const { erasedAt, by } = checkErasureRequest(request);
      return guarded(`erasing ${subjectId}`, () => {
        const stamp = db
          .transaction((): ErasureStamp => {
            const already = erasureOf(subjectId);
            if (already !== undefined) return already;
            const live = statements.key.get(subjectId) as KeyRow | undefined;
            if (live !== undefined) {
              live.key.fill(0);
              statements.zeroKey.run(subjectId);
              statements.dropKey.run(subjectId);
            }
            statements.addErasure.run(subjectId, live?.key_id ?? null, erasedAt, by ?? null);
            return stampOf(subjectId, {
              key_id: live?.key_id ?? null,
              erased_at: erasedAt,
              erased_by: by ?? null,
            });
          })
          .immediate();
        // Also when the subject was erased before: erasing again finishes an interrupted one.
        truncateLog(subjectId);
        return stamp;
      });
    },
    subjects: async function* (): AsyncGenerator<KeyStoreSubject> {
      let after = '';
      for (;;) {
        const rows = guarded('listing the subjects', () =>
          statements.page.all(after),
        ) as SubjectRow[];
        for (const row of rows)
          yield {
            subjectId: row.subject_id,
            ...(row.key_id === null ? {} : { keyId: row.key_id }),
            ...(row.erased_at === null ? {} : { erasedAt: row.erased_at }),
          };
        const last = rows[rows.length - 1];
        if (last === undefined || rows.length < PAGE) return;
        after = last.subject_id;
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
};
