import Database from 'better-sqlite3';
import type { EventToAppend, StoredEvent } from '../../src/kernel/event-store';
import type { StreamView } from '../../src/store/expected-revision';
import { LEDGER_APPLICATION_ID } from '../../src/store/sqlite-options';

/**
 * Version 1 of the SQLite store's file, written as the version-1 library wrote it: the same
 * pragmas, tables, schema row and application id, and the same rows for an append, a soft delete
 * and a tombstone. Frozen here so the migration is always tested against a genuine old file.
 */

const v1Tables = `
  CREATE TABLE ledger_schema (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 0),
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (stream_id, revision)
  );
  CREATE INDEX events_by_stream_and_id ON events (stream_id, event_id);
  CREATE TABLE streams (
    stream_id TEXT PRIMARY KEY,
    last_revision INTEGER NOT NULL CHECK (last_revision >= -1),
    visible_from INTEGER NOT NULL DEFAULT 0,
    tombstoned INTEGER NOT NULL DEFAULT 0 CHECK (tombstoned IN (0, 1))
  ) WITHOUT ROWID;
`;

export interface V1Writer {
  /** Appends after the stream's last revision, as version 1 did once the checks had passed. */
  append(streamId: string, events: readonly EventToAppend[], recordedAt: Date): void;
  softDelete(streamId: string): void;
  tombstone(streamId: string): void;
  /**
   * Moves the AUTOINCREMENT sequence on, so the next position skips. Version 1's schema allows
   * such gaps; one makes a migration that renumbered positions visible.
   */
  skipPositionsTo(position: number): void;
  close(): void;
}

/** Creates a new version-1 store file at `file`. */
export const createV1File = (file: string): V1Writer => {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = OFF');
  db.pragma('trusted_schema = OFF');
  db.transaction(() => {
    db.exec(v1Tables);
    db.prepare('INSERT INTO ledger_schema (singleton, version, created_at) VALUES (1, ?, ?)').run(
      1,
      new Date().toISOString(),
    );
    db.pragma(`application_id = ${LEDGER_APPLICATION_ID}`);
  }).immediate();

  const lastRevision = db
    .prepare('SELECT last_revision FROM streams WHERE stream_id = ?')
    .pluck()
    .safeIntegers(true);
  const insertEvent = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const setLastRevision = db.prepare(
    `INSERT INTO streams (stream_id, last_revision) VALUES (?, ?)
     ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision`,
  );
  const tombstone = db.prepare(
    `INSERT INTO streams (stream_id, last_revision, tombstoned) VALUES (?, -1, 1)
     ON CONFLICT (stream_id) DO UPDATE SET tombstoned = 1`,
  );
  const softDelete = db.prepare(
    'UPDATE streams SET visible_from = last_revision + 1 WHERE stream_id = ?',
  );

  const append = db.transaction(
    (streamId: string, events: readonly EventToAppend[], recordedAt: number) => {
      let revision = (lastRevision.get(streamId) as bigint | undefined) ?? -1n;
      for (const event of events) {
        revision += 1n;
        insertEvent.run(
          streamId,
          revision,
          event.eventId,
          event.type,
          event.data,
          event.metadata,
          recordedAt,
        );
      }
      setLastRevision.run(streamId, revision);
    },
  );

  return {
    append: (streamId, events, recordedAt) =>
      append.immediate(streamId, events, recordedAt.getTime()),
    softDelete: (streamId) => {
      softDelete.run(streamId);
    },
    tombstone: (streamId) => {
      tombstone.run(streamId);
    },
    skipPositionsTo: (position) => {
      db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(position - 1);
    },
    close: () => db.close(),
  };
};

export interface V1Contents {
  /** Every event row, by position, as the store hands it out. */
  readonly events: readonly StoredEvent[];
  /** Every `streams` row, as the version-1 store gave it to the expected-revision rules. */
  readonly streams: ReadonlyMap<string, StreamView>;
}

/** Reads a version-1 file's rows directly, without the store. */
export const readV1File = (file: string): V1Contents => {
  const db = new Database(file, { readonly: true });
  try {
    db.defaultSafeIntegers(true);
    const events = (
      db.prepare('SELECT * FROM events ORDER BY position').all() as {
        position: bigint;
        stream_id: string;
        revision: bigint;
        event_id: string;
        type: string;
        data: string;
        metadata: string;
        recorded_at: bigint;
      }[]
    ).map((row): StoredEvent => ({
      streamId: row.stream_id,
      revision: row.revision,
      position: row.position,
      eventId: row.event_id,
      type: row.type,
      data: row.data,
      metadata: row.metadata,
      recordedAt: new Date(Number(row.recorded_at)),
    }));
    const streams = new Map<string, StreamView>();
    for (const row of db.prepare('SELECT * FROM streams').all() as {
      stream_id: string;
      last_revision: bigint;
      visible_from: bigint;
      tombstoned: bigint;
    }[])
      streams.set(row.stream_id, {
        lastRevision: row.last_revision,
        visibleFrom: row.visible_from,
        tombstoned: row.tombstoned === 1n,
      });
    return { events, streams };
  } finally {
    db.close();
  }
};
