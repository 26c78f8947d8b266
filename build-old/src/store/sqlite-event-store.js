"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openSqliteEventStore = void 0;
const store_errors_1 = require("../kernel/store-errors");
const sqlite_schema_1 = require("./sqlite-schema");
const append_validation_1 = require("../kernel/append-validation");
const expected_revision_1 = require("./expected-revision");
const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
/** SQLite integers are 64-bit; a bound beyond that range means the same as the range's end. */
const int64 = (n) => (n > INT64_MAX ? INT64_MAX : n < INT64_MIN ? INT64_MIN : n);
const min = (a, b) => (a < b ? a : b);
const max = (a, b) => (a > b ? a : b);
/** A position or revision past 2^53 cannot come back exactly as a number: say so, never round. */
const exactInteger = (n, path) => {
    if (!Number.isSafeInteger(n))
        throw new store_errors_1.StoreUnavailableError(`${path}: a stored position or revision (${n}) is beyond 2^53`);
    return BigInt(n);
};
const toStored = (row, path) => Object.freeze({
    streamId: row[1],
    revision: exactInteger(row[2], path),
    position: exactInteger(row[0], path),
    eventId: row[3],
    type: row[4],
    data: row[5],
    metadata: row[6],
    recordedAt: new Date(row[7]),
});
/**
 * Opens (creating if needed) an event store in one SQLite file, with exactly the semantics of
 * every other adapter. Several processes may open the same file: appends are serialised by
 * SQLite's write lock, and subscriptions see other processes' events by polling.
 *
 * A file that cannot be opened, is not a database, or holds something else is refused with a
 * `StoreUnavailableError` naming the file and the problem.
 */
const openSqliteEventStore = (path, options = {}) => {
    const now = options.now ?? (() => new Date());
    const pollIntervalMs = Math.max(1, options.pollIntervalMs ?? 50);
    const pageSize = Math.max(1, Math.floor(options.pageSize ?? 500));
    const db = (0, sqlite_schema_1.openSqliteConnection)(path, options);
    let closed = false;
    const prepare = (sql) => db.prepare(sql).safeIntegers(true);
    const prepareRows = (sql) => db.prepare(sql).raw(true);
    const statements = {
        // One statement per view, asked by every append and read: the last revision from the unique
        // (stream_id, revision) index, deletes from the `streams` row if a delete wrote one.
        stream: prepare(`SELECT (SELECT max(revision) FROM events WHERE stream_id = @id) AS last_revision,
              (SELECT visible_from FROM streams WHERE stream_id = @id) AS visible_from,
              (SELECT tombstoned FROM streams WHERE stream_id = @id) AS tombstoned`),
        eventsBetween: prepare('SELECT revision, position, event_id FROM events WHERE stream_id = ? AND revision BETWEEN ? AND ? ORDER BY revision'),
        firstWithId: prepare(
        // An id is in a stream once or a few times: look it up, never walk the stream.
        'SELECT min(revision) FROM events INDEXED BY events_by_stream_and_id WHERE stream_id = ? AND event_id = ? AND revision >= ?').pluck(),
        insertEvent: prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
        tombstone: prepare(`INSERT INTO streams (stream_id, tombstoned) VALUES (?, 1)
       ON CONFLICT (stream_id) DO UPDATE SET tombstoned = 1`),
        softDelete: prepare(`INSERT INTO streams (stream_id, visible_from) VALUES (@id, @from)
       ON CONFLICT (stream_id) DO UPDATE SET visible_from = excluded.visible_from`),
        streamForwards: prepareRows(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision BETWEEN ? AND ? ORDER BY revision LIMIT ?`),
        streamBackwards: prepareRows(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision BETWEEN ? AND ? ORDER BY revision DESC LIMIT ?`),
        allForwards: prepareRows(`SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`),
        allBackwards: prepareRows(`SELECT ${EVENT_COLUMNS} FROM events WHERE position <= ? ORDER BY position DESC LIMIT ?`),
        lastPosition: prepare('SELECT max(position) FROM events').pluck(),
    };
    /** Runs a database step; engine faults become `StoreUnavailableError`, store errors pass. */
    const guarded = (doing, step) => {
        if (closed)
            throw new store_errors_1.StoreUnavailableError(`${path}: the store is closed`);
        try {
            return step();
        }
        catch (error) {
            if (error instanceof store_errors_1.StoreError)
                throw error;
            throw (0, sqlite_schema_1.unavailable)(path, doing, error);
        }
    };
    /**
     * A stream exists once it has an event or a delete touched it; a tombstone may come before any
     * event, so a stream can exist with last revision -1.
     */
    const streamRow = (streamId) => {
        const row = statements.stream.get({ id: streamId });
        if (row.last_revision === null && row.visible_from === null)
            return undefined;
        return {
            lastRevision: row.last_revision ?? -1n,
            visibleFrom: row.visible_from ?? 0n,
            tombstoned: row.tombstoned === 1n,
        };
    };
    /** How the expected-revision rules look ids up in a stream of this file. */
    const lookupIn = (streamId) => ({
        between: (from, to) => statements.eventsBetween.all(streamId, int64(from), int64(to)).map((row) => ({ eventId: row.event_id, revision: row.revision, position: row.position })),
        firstRevisionOf: (eventId, from) => statements.firstWithId.get(streamId, eventId, from) ??
            undefined,
    });
    const appendInTransaction = db.transaction((streamId, events, expected, recordedAt) => {
        const stream = streamRow(streamId);
        if (events.length === 0) {
            // Checked like any append, but nothing is written and nothing is created.
            (0, expected_revision_1.checkExpected)(streamId, stream, expected);
            return { nextExpectedRevision: stream?.lastRevision ?? -1n, position: -1n };
        }
        const decision = (0, expected_revision_1.decideAppend)(streamId, stream, lookupIn(streamId), events, expected);
        if (decision.kind === 'alreadyAppended')
            return { nextExpectedRevision: decision.revision, position: decision.position };
        let revision = stream?.lastRevision ?? -1n;
        let position = -1n;
        for (const event of events) {
            revision += 1n;
            const inserted = statements.insertEvent.run(streamId, revision, event.eventId, event.type, event.data, event.metadata, recordedAt);
            position = BigInt(inserted.lastInsertRowid);
        }
        return { nextExpectedRevision: revision, position };
    });
    const deleteInTransaction = db.transaction((streamId, opts) => {
        const stream = streamRow(streamId);
        const expected = opts.expectedRevision ?? 'any';
        (0, expected_revision_1.checkExpected)(streamId, stream, expected);
        if (opts.mode === 'tombstone') {
            statements.tombstone.run(streamId);
            return;
        }
        // As EventStoreDB since 21.10: a stream that was never written cannot be soft-deleted.
        if (stream === undefined)
            throw (0, expected_revision_1.conflict)(streamId, stream, expected);
        // Read in this transaction, so no append can slip in between.
        statements.softDelete.run({ id: streamId, from: stream.lastRevision + 1n });
    });
    const waiters = new Set();
    const subscriptions = new Set();
    let poller;
    /** Changes whenever another connection (another process) commits to the file. */
    const dataVersion = () => Number(db.pragma('data_version', { simple: true }));
    const wakeAll = () => {
        for (const waiter of [...waiters])
            waiter.wake();
    };
    /** Wakes the waiters that have not seen the latest commits of other connections. */
    const poll = () => {
        if (closed)
            return;
        let version;
        try {
            version = dataVersion();
        }
        catch {
            // The next read reports the fault; waking lets it happen.
            wakeAll();
            return;
        }
        for (const waiter of [...waiters])
            if (waiter.seenVersion !== version)
                waiter.wake();
    };
    const startPolling = () => {
        if (poller !== undefined || closed)
            return;
        poller = setInterval(poll, pollIntervalMs);
    };
    const stopPollingIfIdle = () => {
        if (waiters.size > 0 || poller === undefined)
            return;
        clearInterval(poller);
        poller = undefined;
    };
    const subscribeToAll = (opts = {}) => {
        let after = opts.afterPosition ?? INT64_MIN;
        const lastAtStart = guarded('subscribing', () => statements.lastPosition.get());
        const caughtUpAt = lastAtStart ?? INT64_MIN;
        let announcedCaughtUp = false;
        let ended = false;
        let waiter;
        const stopWaiting = () => {
            const w = waiter;
            waiter = undefined;
            if (w !== undefined) {
                waiters.delete(w);
                w.wake();
            }
            stopPollingIfIdle();
        };
        const handle = {
            end: () => {
                ended = true;
                subscriptions.delete(handle);
                stopWaiting();
            },
        };
        subscriptions.add(handle);
        async function* messages() {
            try {
                let page = [];
                let index = 0;
                let seenVersion = 0;
                while (!ended) {
                    if (index >= page.length) {
                        const from = int64(after + 1n);
                        // Read before the fetch: a commit between the two then wakes the wait below.
                        seenVersion = guarded('reading for a subscription', dataVersion);
                        page = guarded('reading for a subscription', () => statements.allForwards.all(from, pageSize).map((row) => toStored(row, path)));
                        index = 0;
                    }
                    const event = page[index];
                    if (!announcedCaughtUp && (event === undefined || event.position > caughtUpAt)) {
                        announcedCaughtUp = true;
                        yield { kind: 'caughtUp' };
                        continue;
                    }
                    if (event !== undefined) {
                        index++;
                        after = event.position;
                        yield { kind: 'event', event };
                        continue;
                    }
                    startPolling();
                    await new Promise((resolve) => {
                        const w = {
                            seenVersion,
                            wake: () => {
                                waiters.delete(w);
                                if (waiter === w)
                                    waiter = undefined;
                                resolve();
                            },
                        };
                        waiter = w;
                        waiters.add(w);
                    });
                    stopPollingIfIdle();
                }
            }
            finally {
                subscriptions.delete(handle);
                stopWaiting();
            }
        }
        const iterator = messages();
        return {
            close: async () => handle.end(),
            [Symbol.asyncIterator]: () => iterator,
        };
    };
    // -------------------------------------------------------------------- verbs
    const appendToStream = async (streamId, events, { expectedRevision }) => {
        (0, append_validation_1.validateAppend)(streamId, events, expectedRevision);
        const recordedAt = now().getTime();
        const result = guarded(`appending to ${streamId}`, () => {
            try {
                return appendInTransaction.immediate(streamId, events, expectedRevision, recordedAt);
            }
            catch (error) {
                // Only a writer that bypassed this store could take a revision under us; say so.
                if ((0, sqlite_schema_1.sqliteCodeOf)(error) === 'SQLITE_CONSTRAINT_UNIQUE' && !closed)
                    throw (0, expected_revision_1.conflict)(streamId, streamRow(streamId), expectedRevision);
                throw error;
            }
        });
        if (result.position >= 0n)
            wakeAll();
        return result;
    };
    async function* readStream(streamId, opts = {}) {
        const stream = guarded(`reading ${streamId}`, () => streamRow(streamId));
        if (stream?.tombstoned === true)
            throw new store_errors_1.StreamDeletedError(streamId);
        if (!(0, expected_revision_1.isLive)(stream))
            throw new store_errors_1.StreamNotFoundError(streamId);
        // Bounds are fixed here: events appended while reading are not read, as in every adapter.
        const first = stream.visibleFrom;
        const last = stream.lastRevision;
        let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
        const backwards = opts.direction === 'backwards';
        let from = backwards
            ? min(opts.fromRevision ?? last, last)
            : max(opts.fromRevision ?? first, first);
        const to = backwards
            ? max(opts.toRevision ?? first, first)
            : min(opts.toRevision ?? last, last);
        while (remaining > 0 && (backwards ? from >= to : from <= to)) {
            const limit = Math.ceil(Math.min(pageSize, remaining));
            const events = guarded(`reading ${streamId}`, () => (backwards
                ? statements.streamBackwards.all(streamId, int64(to), int64(from), limit)
                : statements.streamForwards.all(streamId, int64(from), int64(to), limit)).map((row) => toStored(row, path)));
            for (const event of events) {
                remaining--;
                yield event;
            }
            const lastEvent = events[events.length - 1];
            if (lastEvent === undefined)
                return;
            from = backwards ? lastEvent.revision - 1n : lastEvent.revision + 1n;
        }
    }
    async function* readAll(opts = {}) {
        let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
        const backwards = opts.direction === 'backwards';
        let cursor = int64(opts.fromPosition ?? (backwards ? INT64_MAX : INT64_MIN));
        while (remaining > 0) {
            const limit = Math.ceil(Math.min(pageSize, remaining));
            const from = cursor;
            const events = guarded('reading all streams', () => (backwards
                ? statements.allBackwards.all(from, limit)
                : statements.allForwards.all(from, limit)).map((row) => toStored(row, path)));
            for (const event of events) {
                remaining--;
                yield event;
            }
            const lastEvent = events[events.length - 1];
            if (lastEvent === undefined)
                return;
            if (backwards ? lastEvent.position <= INT64_MIN : lastEvent.position >= INT64_MAX)
                return;
            cursor = backwards ? lastEvent.position - 1n : lastEvent.position + 1n;
        }
    }
    const deleteStream = async (streamId, opts) => {
        guarded(`deleting ${streamId}`, () => deleteInTransaction.immediate(streamId, opts));
    };
    const close = async () => {
        if (closed)
            return;
        for (const subscription of [...subscriptions])
            subscription.end();
        closed = true;
        if (poller !== undefined)
            clearInterval(poller);
        poller = undefined;
        db.close();
    };
    return { path, appendToStream, readStream, readAll, subscribeToAll, deleteStream, close };
};
exports.openSqliteEventStore = openSqliteEventStore;
