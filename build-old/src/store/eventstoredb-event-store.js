"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createEventStoreDBEventStore = void 0;
const store_errors_1 = require("../kernel/store-errors");
const append_validation_1 = require("../kernel/append-validation");
// ------------------------------------------------------------------ errors
/** The client's error, matched on its `type` string so every copy and successor is recognised. */
const clientErrorType = (error) => {
    if (typeof error !== 'object' || error === null || !('type' in error))
        return undefined;
    return typeof error.type === 'string' ? error.type : undefined;
};
const field = (error, name) => typeof error === 'object' && error !== null && name in error
    ? error[name]
    : undefined;
const UNAVAILABLE = new Set([
    'unavailable',
    'deadline-exceeded',
    'timeout',
    'cancelled',
    'not-leader',
    'unknown',
]);
/** Maps a client error to the library's store errors; anything unrecognised passes through. */
const storeErrorOf = (error, streamId, expected) => {
    const type = clientErrorType(error);
    switch (type) {
        case 'wrong-expected-version': {
            // `actualVersion` in @eventstore/db-client, `actualState` in @kurrent/kurrentdb-client.
            const actual = field(error, 'actualVersion') ?? field(error, 'actualState');
            return new store_errors_1.ConcurrencyConflictError(streamId, expected, typeof actual === 'bigint' && actual >= 0n ? actual : 'no_stream');
        }
        case 'stream-deleted':
        case 'stream-tombstoned':
            return new store_errors_1.StreamDeletedError(streamId);
        case 'stream-not-found':
            return new store_errors_1.StreamNotFoundError(streamId);
        case 'maximum-append-size-exceeded': {
            const max = field(error, 'maxAppendSize');
            return new store_errors_1.InvalidAppendError(streamId, `the batch is larger than the store accepts in one append${typeof max === 'number' ? ` (${max} bytes)` : ''}; append fewer or smaller events at a time`);
        }
        default:
            if (type !== undefined && UNAVAILABLE.has(type))
                return new store_errors_1.StoreUnavailableError(`EventStoreDB did not answer (${type}): ${error instanceof Error ? error.message : String(error)}`, error);
            return error;
    }
};
const parseJson = (streamId, event, which) => {
    try {
        return JSON.parse(event[which]);
    }
    catch {
        throw new store_errors_1.InvalidAppendError(streamId, `${event.type} ${which} is not JSON`);
    }
};
const isEsdbJson = (value) => typeof value === 'string' || (typeof value === 'object' && value !== null);
const jsonData = (streamId, event) => {
    const data = parseJson(streamId, event, 'data');
    if (!isEsdbJson(data))
        throw new store_errors_1.InvalidAppendError(streamId, `${event.type} data must be a JSON object, array or string to be stored in EventStoreDB`);
    return data;
};
// ------------------------------------------------------------ conversions
const textOf = (value, isJson) => {
    if (value instanceof Uint8Array)
        return Buffer.from(value).toString('utf8');
    return isJson || value !== undefined ? JSON.stringify(value) : 'null';
};
const isSystem = (event) => event.type.startsWith('$') || event.streamId.startsWith('$');
const storedEventOf = (resolved) => {
    const event = resolved.event;
    if (event === undefined)
        return undefined;
    return {
        streamId: event.streamId,
        revision: event.revision,
        position: event.position?.commit ?? resolved.commitPosition ?? -1n,
        eventId: event.id,
        type: event.type,
        data: textOf(event.data, event.isJson),
        // Metadata goes in as the port's own JSON bytes; the client hands it back parsed.
        metadata: event.metadata === undefined ? '{}' : textOf(event.metadata, true),
        recordedAt: event.created,
    };
};
/** How many events one read asks for; a page is always read to its end. */
const PAGE_SIZE = 500;
const at = (position) => ({ commit: position, prepare: position });
const expectation = (expected) => ({
    expectedRevision: expected,
    streamState: expected,
});
/**
 * The library's event store over EventStoreDB (or KurrentDB), through `@eventstore/db-client` 6.x
 * or `@kurrent/kurrentdb-client` 1.x. The client is the caller's: open it with its
 * `connectionString(...)` and dispose of it when done.
 *
 * Data goes in as JSON events (`application/json`), so the text read back is the data re-encoded
 * by `JSON.stringify` (what the library writes already is). Metadata goes in as the exact bytes.
 */
const createEventStoreDBEventStore = (client, options = {}) => {
    const resubscribeAttempts = options.resubscribe?.attempts ?? 20;
    const resubscribeDelayMs = options.resubscribe?.delayMs ?? 100;
    /** `'stream deleted'` on an append expecting the stream: was it soft-deleted or tombstoned? */
    const deletionOf = async (streamId) => {
        try {
            for await (const _ of client.readStream(streamId, {
                direction: 'forwards',
                fromRevision: 'start',
                maxCount: 1,
            }))
                break;
        }
        catch (error) {
            if (clientErrorType(error) === 'stream-not-found')
                return new store_errors_1.StreamDeletedError(streamId, 'softDeleted');
        }
        return new store_errors_1.StreamDeletedError(streamId);
    };
    const fail = async (error, streamId, expected) => {
        const mapped = storeErrorOf(error, streamId, expected);
        if (mapped instanceof store_errors_1.StreamDeletedError && expected === 'stream_exists')
            throw await deletionOf(streamId);
        throw mapped;
    };
    const appendToStream = async (streamId, events, { expectedRevision }) => {
        (0, append_validation_1.validateAppend)(streamId, events, expectedRevision);
        const proposed = events.map((event) => {
            parseJson(streamId, event, 'metadata');
            return {
                id: event.eventId,
                type: event.type,
                contentType: 'application/json',
                data: jsonData(streamId, event),
                metadata: new Uint8Array(Buffer.from(event.metadata)),
            };
        });
        let result;
        try {
            result = await client.appendToStream(streamId, proposed, expectation(expectedRevision));
        }
        catch (error) {
            return fail(error, streamId, expectedRevision);
        }
        if (events.length > 0)
            return {
                nextExpectedRevision: result.nextExpectedRevision,
                position: result.position?.commit ?? -1n,
            };
        // The protocol answers "no stream" as revision 0 to an empty append; ask again to tell them apart.
        let next = result.nextExpectedRevision;
        if (next === 0n) {
            try {
                await client.appendToStream(streamId, [], expectation(0n));
            }
            catch (error) {
                if (clientErrorType(error) !== 'wrong-expected-version')
                    return fail(error, streamId, expectedRevision);
                next = -1n;
            }
        }
        return { nextExpectedRevision: next, position: -1n };
    };
    /** Reads one page to its end, even when the reader stops early, so the client releases it. */
    async function* page(source) {
        const iterator = source[Symbol.asyncIterator]();
        let ended = false;
        try {
            for (;;) {
                const next = await iterator.next();
                if (next.done === true) {
                    ended = true;
                    return;
                }
                yield next.value;
            }
        }
        finally {
            if (!ended)
                try {
                    while ((await iterator.next()).done !== true)
                        ;
                }
                catch {
                    // The page was abandoned; its errors no longer matter.
                }
        }
    }
    async function* readStream(streamId, opts = {}) {
        const backwards = opts.direction === 'backwards';
        let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
        const to = opts.toRevision;
        let from = opts.fromRevision ?? (backwards ? 'end' : 'start');
        // A bound on the wrong side of the start reads nothing, but a missing stream still says so.
        const empty = remaining <= 0 ||
            (typeof from === 'bigint' && to !== undefined && (backwards ? to > from : to < from));
        try {
            for (;;) {
                const size = empty ? 1 : Math.min(remaining, PAGE_SIZE);
                let read = 0;
                let last;
                for await (const resolved of page(client.readStream(streamId, {
                    direction: backwards ? 'backwards' : 'forwards',
                    fromRevision: from,
                    maxCount: size,
                }))) {
                    read++;
                    const event = storedEventOf(resolved);
                    if (empty || event === undefined)
                        continue;
                    last = event.revision;
                    if (to !== undefined && (backwards ? event.revision < to : event.revision > to))
                        return;
                    yield event;
                    remaining--;
                }
                if (empty || last === undefined || read < size || remaining <= 0)
                    return;
                if (backwards && last === 0n)
                    return;
                from = backwards ? last - 1n : last + 1n;
            }
        }
        catch (error) {
            throw storeErrorOf(error, streamId, 'any');
        }
    }
    async function* readAll(opts = {}) {
        const backwards = opts.direction === 'backwards';
        let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
        if (remaining <= 0)
            return;
        const start = opts.fromPosition;
        // EventStoreDB reads backwards from *before* a position; the port's start is inclusive.
        let from = start === undefined ? (backwards ? 'end' : 'start') : at(backwards ? start + 1n : start);
        /** Forwards, a page starts at the last event of the one before (inclusive): skip it. */
        let after;
        try {
            for (;;) {
                let read = 0;
                let last;
                for await (const resolved of page(client.readAll({
                    direction: backwards ? 'backwards' : 'forwards',
                    fromPosition: from,
                    maxCount: PAGE_SIZE,
                }))) {
                    read++;
                    const event = storedEventOf(resolved);
                    if (event === undefined)
                        continue;
                    if (after !== undefined && event.position <= after)
                        continue;
                    last = event.position;
                    if (resolved.event !== undefined && isSystem(resolved.event))
                        continue;
                    if (remaining <= 0)
                        continue;
                    yield event;
                    remaining--;
                }
                if (last === undefined || read < PAGE_SIZE || remaining <= 0)
                    return;
                from = at(last);
                if (!backwards)
                    after = last;
            }
        }
        catch (error) {
            throw storeErrorOf(error, '$all', 'any');
        }
    }
    const subscribeToAll = (opts = {}) => {
        let closed = false;
        let signalClose = () => undefined;
        const closing = new Promise((resolve) => {
            signalClose = resolve;
        });
        let current;
        /** The last position delivered or checkpointed: where to resume after a drop. */
        let resumeAfter = opts.afterPosition;
        let caughtUpAnnounced = false;
        /** Waits before the nth resubscription: doubling from the first delay, at most 2 s. */
        const pause = (attempt) => Promise.race([
            new Promise((resolve) => setTimeout(resolve, Math.min(resubscribeDelayMs * 2 ** (attempt - 1), 2000))),
            closing,
        ]);
        async function* messages() {
            let failures = 0;
            while (!closed) {
                // Checkpoints and caught-up arrive out of band, while earlier events may still wait in the
                // client's buffer; each takes effect once the reader has taken those events.
                const markers = [];
                let taken = 0;
                let wake = () => undefined;
                let markerArrived = new Promise((resolve) => {
                    wake = () => resolve('marker');
                });
                const mark = (marker) => {
                    markers.push(marker);
                    wake();
                };
                let pending;
                let pendingSettled = false;
                /** Events the client has converted that the reader has not taken yet. */
                const waiting = () => taken + subscription.readableLength + (pendingSettled ? 1 : 0);
                const subscription = client.subscribeToAll({
                    fromPosition: resumeAfter === undefined ? 'start' : at(resumeAfter),
                    filter: {
                        filterOn: 'eventType',
                        regex: '^[^$]',
                        checkpointInterval: 1,
                        checkpointReached: (_, position) => {
                            mark({ afterTaken: waiting(), position: position.commit });
                        },
                    },
                });
                current = subscription;
                subscription.on('caughtUp', () => {
                    mark({ afterTaken: waiting(), caughtUp: true });
                });
                const settle = function* () {
                    while (markers[0] !== undefined && markers[0].afterTaken <= taken) {
                        const marker = markers.shift();
                        if (marker?.position !== undefined &&
                            (resumeAfter === undefined || marker.position > resumeAfter))
                            resumeAfter = marker.position;
                        if (marker?.caughtUp === true && !caughtUpAnnounced) {
                            caughtUpAnnounced = true;
                            yield { kind: 'caughtUp' };
                        }
                    }
                };
                if (closed)
                    await subscription.unsubscribe();
                const iterator = subscription[Symbol.asyncIterator]();
                try {
                    for (;;) {
                        yield* settle();
                        if (pending === undefined) {
                            pending = iterator.next();
                            // Settled but not yet taken: counted by `waiting`. Its failure is met below.
                            pending.then(() => (pendingSettled = true), () => undefined);
                        }
                        const next = await Promise.race([
                            pending,
                            markerArrived,
                            closing.then(() => undefined),
                        ]);
                        if (next === 'marker') {
                            markerArrived = new Promise((resolve) => {
                                wake = () => resolve('marker');
                            });
                            continue;
                        }
                        pending = undefined;
                        pendingSettled = false;
                        if (next === undefined || next.done === true || closed)
                            break;
                        taken++;
                        failures = 0;
                        const resolved = next.value;
                        const event = storedEventOf(resolved);
                        if (event === undefined)
                            continue;
                        resumeAfter = event.position;
                        if (resolved.event !== undefined && isSystem(resolved.event))
                            continue;
                        yield { kind: 'event', event };
                    }
                    if (closed)
                        return;
                    // The server ended the subscription: resubscribe from where it stopped, after a pause.
                    if (++failures > resubscribeAttempts)
                        throw new store_errors_1.StoreUnavailableError('EventStoreDB kept ending the subscription');
                    await pause(failures);
                }
                catch (error) {
                    if (closed)
                        return;
                    const mapped = storeErrorOf(error, '$all', 'any');
                    if (!(mapped instanceof store_errors_1.StoreUnavailableError) || ++failures > resubscribeAttempts)
                        throw mapped;
                    await pause(failures);
                }
                finally {
                    await subscription.unsubscribe().catch(() => undefined);
                }
            }
        }
        const generator = messages();
        const done = { done: true, value: undefined };
        const iterator = {
            next: async () => {
                if (closed)
                    return done;
                const next = await Promise.race([generator.next(), closing.then(() => done)]);
                return closed ? done : next;
            },
            return: async () => {
                await close();
                return done;
            },
        };
        const close = async () => {
            if (closed)
                return;
            closed = true;
            signalClose();
            await current?.unsubscribe().catch(() => undefined);
        };
        return { close, [Symbol.asyncIterator]: () => iterator };
    };
    const deleteStream = async (streamId, opts) => {
        const expected = opts.expectedRevision ?? 'any';
        // The clients cannot send `stream_exists` with a delete: check it with an empty append (the
        // same rule), then delete at the revision found.
        let sent = 'any';
        if (expected !== 'stream_exists')
            sent = expected;
        else {
            try {
                const found = await client.appendToStream(streamId, [], expectation(expected));
                sent = found.nextExpectedRevision;
            }
            catch (error) {
                await fail(error, streamId, expected);
            }
        }
        try {
            if (opts.mode === 'tombstone')
                await client.tombstoneStream(streamId, { expectedRevision: sent });
            else
                await client.deleteStream(streamId, { expectedRevision: sent });
        }
        catch (error) {
            await fail(error, streamId, expected);
        }
    };
    return { appendToStream, readStream, readAll, subscribeToAll, deleteStream };
};
exports.createEventStoreDBEventStore = createEventStoreDBEventStore;
