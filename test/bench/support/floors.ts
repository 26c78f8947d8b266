import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { MOUS, mouIdOf, type WorkItem } from './workload';
import {
  plainDecide,
  plainEvolve,
  plainMetadata,
  plainRead,
  type PlainMoU,
  type PlainRecord,
} from './plain-mou';

/**
 * The floors: the same work as the library's measurements, with no library. Each returns the
 * final states, so a run can be checked to have done the work.
 */

const streamOf = (mouId: string): string => `MoU-${mouId}`;

/** Folds rows of one stream; answers a retried command from the stream, as the library does. */
const foldRows = (
  rows: readonly { type: string; data: string; metadata: string }[],
  commandId?: string,
): { state: PlainMoU | undefined; handled: boolean } => {
  let state: PlainMoU | undefined;
  let handled = false;
  for (const row of rows) {
    const { event, causationId } = plainRead(row.type, row.data, row.metadata);
    if (causationId === commandId) handled = true;
    state = plainEvolve(state, event);
  }
  return { state, handled };
};

// ------------------------------------------------------------------ memory

export interface PlainMemoryStore {
  readonly streams: Map<string, PlainRecord[]>;
  readonly all: PlainRecord[];
}

/** A `Map` of arrays with a revision check: the in-memory floor's store. */
const appendPlain = (
  store: PlainMemoryStore,
  streamId: string,
  expected: number,
  records: readonly PlainRecord[],
): void => {
  const stream = store.streams.get(streamId);
  if ((stream?.length ?? 0) - 1 !== expected) throw new Error(`conflict on ${streamId}`);
  const target = stream ?? [];
  if (stream === undefined) store.streams.set(streamId, target);
  for (const record of records) {
    target.push(record);
    store.all.push(record);
  }
};

/**
 * Runs commands against the floor's in-memory store, a slice at a time (the benchmark interleaves
 * slices of the library's commands and the floor's, so both meet the same spells of a busy machine).
 */
export interface Commander {
  readonly run: (items: readonly WorkItem[]) => void;
}

export const floorMemoryCommander = (
  store: PlainMemoryStore = { streams: new Map(), all: [] },
): Commander & { readonly store: PlainMemoryStore } => ({
  store,
  run: (items) => {
    for (const { command, context } of items) {
      const streamId = streamOf(command.mouId);
      const rows = store.streams.get(streamId) ?? [];
      const { state, handled } = foldRows(rows, context.commandId);
      if (handled) continue;
      const events = plainDecide(command, state);
      appendPlain(
        store,
        streamId,
        rows.length - 1,
        events.map((event, index) => ({
          streamId,
          eventId: `${context.commandId}/${index}`,
          type: event.type,
          data: JSON.stringify(event.data),
          metadata: plainMetadata(context, event.occurredOn),
        })),
      );
      let after = state;
      for (const event of events) after = plainEvolve(after, event);
    }
  },
});

export interface ReplayResult {
  readonly byStream: number;
  readonly inOrder: number;
  readonly states: ReadonlyMap<string, PlainMoU | undefined>;
}

/** Every MoU folded from its stream, then one pass over the global order into a map. */
export const floorMemoryReplay = (store: PlainMemoryStore): ReplayResult => {
  let byStream = 0;
  for (let n = 0; n < MOUS; n++) {
    const rows = store.streams.get(streamOf(mouIdOf(n))) ?? [];
    byStream += rows.length;
    if (foldRows(rows).state === undefined) throw new Error(`MoU ${n} replayed to nothing`);
  }
  const states = new Map<string, PlainMoU | undefined>();
  for (const row of store.all) {
    const { event } = plainRead(row.type, row.data, row.metadata);
    states.set(row.streamId, plainEvolve(states.get(row.streamId), event));
  }
  return { byStream, inOrder: store.all.length, states };
};

// ------------------------------------------------------------------ SQLite

const rawSchema = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (stream_id, revision)
  )`;

/** The raw floor's file: the library's pragmas (src/store/sqlite-schema.ts) and one table. */
export const openRawFloor = (file: string): Database.Database => {
  const db = openRaw(file);
  db.exec(rawSchema);
  return db;
};

/** The library's pragmas (src/store/sqlite-schema.ts), set the same way. */
export const openRaw = (file: string): Database.Database => {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = OFF');
  db.pragma('trusted_schema = OFF');
  return db;
};

interface Row {
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** Raw better-sqlite3: read the stream, fold, decide, insert in one transaction per command. */
export const floorSqliteCommander = (file: string): Commander & { readonly close: () => void } => {
  const db = openRawFloor(file);
  const read = db.prepare(
    'SELECT type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision',
  );
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  // The unique (stream, revision) is the revision check: a writer that read an older stream
  // collides with the row someone else inserted at the revision it expected to take.
  const append = db.transaction((streamId: string, next: number, records: PlainRecord[]) => {
    const recordedAt = Date.now();
    for (const [i, r] of records.entries())
      insert.run(streamId, next + i, r.eventId, r.type, r.data, r.metadata, recordedAt);
  });
  return {
    run: (items) => {
      for (const { command, context } of items) {
        const streamId = streamOf(command.mouId);
        const rows = read.all(streamId) as Row[];
        const { state, handled } = foldRows(rows, context.commandId);
        if (handled) continue;
        const events = plainDecide(command, state);
        append.immediate(
          streamId,
          rows.length,
          events.map((event, index) => ({
            streamId,
            eventId: `${context.commandId}/${index}`,
            type: event.type,
            data: JSON.stringify(event.data),
            metadata: plainMetadata(context, event.occurredOn),
          })),
        );
      }
    },
    close: () => void db.close(),
  };
};

/** Raw reads of the same file the library wrote: every stream, then the global order. */
export const floorSqliteReplay = (file: string): ReplayResult => {
  const db = openRaw(file);
  try {
    const read = db.prepare(
      'SELECT type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision',
    );
    let byStream = 0;
    for (let n = 0; n < MOUS; n++) {
      const rows = read.all(streamOf(mouIdOf(n))) as Row[];
      byStream += rows.length;
      if (foldRows(rows).state === undefined) throw new Error(`MoU ${n} replayed to nothing`);
    }
    const states = new Map<string, PlainMoU | undefined>();
    let inOrder = 0;
    const all = db
      .prepare('SELECT stream_id, type, data, metadata FROM events ORDER BY position')
      .iterate() as Iterable<Row & { stream_id: string }>;
    for (const row of all) {
      const { event } = plainRead(row.type, row.data, row.metadata);
      states.set(row.stream_id, plainEvolve(states.get(row.stream_id), event));
      inOrder++;
    }
    return { byStream, inOrder, states };
  } finally {
    db.close();
  }
};

/**
 * A minimal integrity check on the same file: parse each event and hash its stored text once,
 * chaining per stream. Cheaper than the library's (no canonical JSON), so a lower bound.
 */
export const floorSqliteVerify = (file: string): number => {
  const db = openRaw(file);
  try {
    const ends = new Map<string, string>();
    let checked = 0;
    const all = db
      .prepare('SELECT stream_id, data, metadata FROM events ORDER BY position')
      .iterate() as Iterable<{ stream_id: string; data: string; metadata: string }>;
    for (const row of all) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      const hash = createHash('sha256')
        .update(`${ends.get(row.stream_id) ?? ''}\n${row.data}\n${row.metadata}`)
        .digest('hex');
      ends.set(row.stream_id, hash);
      checked++;
    }
    return checked;
  } finally {
    db.close();
  }
};
