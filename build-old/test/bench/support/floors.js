"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.floorSqliteVerify = exports.floorSqliteReplay = exports.floorSqliteCommands = exports.openRaw = exports.openRawFloor = exports.floorMemoryReplay = exports.floorMemoryCommands = void 0;
const better_sqlite3_1 = __importDefault(require("better-sqlite3"));
const node_crypto_1 = require("node:crypto");
const workload_1 = require("./workload");
const plain_mou_1 = require("./plain-mou");
/**
 * The floors: the same work as the library's measurements, with no library. Each returns the
 * final states, so a run can be checked to have done the work.
 */
const streamOf = (mouId) => `MoU-${mouId}`;
/** Folds rows of one stream; answers a retried command from the stream, as the library does. */
const foldRows = (rows, commandId) => {
    let state;
    let handled = false;
    for (const row of rows) {
        const { event, causationId } = (0, plain_mou_1.plainRead)(row.type, row.data, row.metadata);
        if (causationId === commandId)
            handled = true;
        state = (0, plain_mou_1.plainEvolve)(state, event);
    }
    return { state, handled };
};
/** A `Map` of arrays with a revision check: the in-memory floor's store. */
const appendPlain = (store, streamId, expected, records) => {
    const stream = store.streams.get(streamId);
    if ((stream?.length ?? 0) - 1 !== expected)
        throw new Error(`conflict on ${streamId}`);
    const target = stream ?? [];
    if (stream === undefined)
        store.streams.set(streamId, target);
    for (const record of records) {
        target.push(record);
        store.all.push(record);
    }
};
const floorMemoryCommands = (work) => {
    const store = { streams: new Map(), all: [] };
    for (const { command, context } of work) {
        const streamId = streamOf(command.mouId);
        const rows = store.streams.get(streamId) ?? [];
        const { state, handled } = foldRows(rows, context.commandId);
        if (handled)
            continue;
        const events = (0, plain_mou_1.plainDecide)(command, state);
        appendPlain(store, streamId, rows.length - 1, events.map((event, index) => ({
            streamId,
            eventId: `${context.commandId}/${index}`,
            type: event.type,
            data: JSON.stringify(event.data),
            metadata: (0, plain_mou_1.plainMetadata)(context, event.occurredOn),
        })));
        let after = state;
        for (const event of events)
            after = (0, plain_mou_1.plainEvolve)(after, event);
    }
    return store;
};
exports.floorMemoryCommands = floorMemoryCommands;
/** Every MoU folded from its stream, then one pass over the global order into a map. */
const floorMemoryReplay = (store) => {
    let byStream = 0;
    for (let n = 0; n < workload_1.MOUS; n++) {
        const rows = store.streams.get(streamOf((0, workload_1.mouIdOf)(n))) ?? [];
        byStream += rows.length;
        if (foldRows(rows).state === undefined)
            throw new Error(`MoU ${n} replayed to nothing`);
    }
    const states = new Map();
    for (const row of store.all) {
        const { event } = (0, plain_mou_1.plainRead)(row.type, row.data, row.metadata);
        states.set(row.streamId, (0, plain_mou_1.plainEvolve)(states.get(row.streamId), event));
    }
    return { byStream, inOrder: store.all.length, states };
};
exports.floorMemoryReplay = floorMemoryReplay;
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
const openRawFloor = (file) => {
    const db = (0, exports.openRaw)(file);
    db.exec(rawSchema);
    return db;
};
exports.openRawFloor = openRawFloor;
/** The library's pragmas (src/store/sqlite-schema.ts), set the same way. */
const openRaw = (file) => {
    const db = new better_sqlite3_1.default(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = OFF');
    db.pragma('trusted_schema = OFF');
    return db;
};
exports.openRaw = openRaw;
/** Raw better-sqlite3: read the stream, fold, decide, insert in one transaction per command. */
const floorSqliteCommands = (file, work) => {
    const db = (0, exports.openRawFloor)(file);
    try {
        const read = db.prepare('SELECT type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision');
        const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
        // The unique (stream, revision) is the revision check: a writer that read an older stream
        // collides with the row someone else inserted at the revision it expected to take.
        const append = db.transaction((streamId, next, records) => {
            const recordedAt = Date.now();
            for (const [i, r] of records.entries())
                insert.run(streamId, next + i, r.eventId, r.type, r.data, r.metadata, recordedAt);
        });
        for (const { command, context } of work) {
            const streamId = streamOf(command.mouId);
            const rows = read.all(streamId);
            const { state, handled } = foldRows(rows, context.commandId);
            if (handled)
                continue;
            const events = (0, plain_mou_1.plainDecide)(command, state);
            append.immediate(streamId, rows.length, events.map((event, index) => ({
                streamId,
                eventId: `${context.commandId}/${index}`,
                type: event.type,
                data: JSON.stringify(event.data),
                metadata: (0, plain_mou_1.plainMetadata)(context, event.occurredOn),
            })));
        }
    }
    finally {
        db.close();
    }
};
exports.floorSqliteCommands = floorSqliteCommands;
/** Raw reads of the same file the library wrote: every stream, then the global order. */
const floorSqliteReplay = (file) => {
    const db = (0, exports.openRaw)(file);
    try {
        const read = db.prepare('SELECT type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision');
        let byStream = 0;
        for (let n = 0; n < workload_1.MOUS; n++) {
            const rows = read.all(streamOf((0, workload_1.mouIdOf)(n)));
            byStream += rows.length;
            if (foldRows(rows).state === undefined)
                throw new Error(`MoU ${n} replayed to nothing`);
        }
        const states = new Map();
        let inOrder = 0;
        const all = db
            .prepare('SELECT stream_id, type, data, metadata FROM events ORDER BY position')
            .iterate();
        for (const row of all) {
            const { event } = (0, plain_mou_1.plainRead)(row.type, row.data, row.metadata);
            states.set(row.stream_id, (0, plain_mou_1.plainEvolve)(states.get(row.stream_id), event));
            inOrder++;
        }
        return { byStream, inOrder, states };
    }
    finally {
        db.close();
    }
};
exports.floorSqliteReplay = floorSqliteReplay;
/**
 * A minimal integrity check on the same file: parse each event and hash its stored text once,
 * chaining per stream. Cheaper than the library's (no canonical JSON), so a lower bound.
 */
const floorSqliteVerify = (file) => {
    const db = (0, exports.openRaw)(file);
    try {
        const ends = new Map();
        let checked = 0;
        const all = db
            .prepare('SELECT stream_id, data, metadata FROM events ORDER BY position')
            .iterate();
        for (const row of all) {
            JSON.parse(row.data);
            JSON.parse(row.metadata);
            const hash = (0, node_crypto_1.createHash)('sha256')
                .update(`${ends.get(row.stream_id) ?? ''}\n${row.data}\n${row.metadata}`)
                .digest('hex');
            ends.set(row.stream_id, hash);
            checked++;
        }
        return checked;
    }
    finally {
        db.close();
    }
};
exports.floorSqliteVerify = floorSqliteVerify;
