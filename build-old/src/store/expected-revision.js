"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.decideAppend = exports.checkExpected = exports.conflict = exports.isLive = exports.NO_IDS = void 0;
const store_errors_1 = require("../kernel/store-errors");
/** The lookup of a stream that does not exist. */
exports.NO_IDS = { between: () => [], firstRevisionOf: () => undefined };
/** Live: not tombstoned, and holding events a soft delete did not hide. */
const isLive = (stream) => stream !== undefined && !stream.tombstoned && stream.lastRevision >= stream.visibleFrom;
exports.isLive = isLive;
const conflict = (streamId, stream, expected) => new store_errors_1.ConcurrencyConflictError(streamId, expected, stream === undefined ? 'no_stream' : stream.lastRevision);
exports.conflict = conflict;
/**
 * The expected-revision check when no event ids are involved (an empty batch or a delete).
 * Throws when the writer's belief does not hold.
 */
const checkExpected = (streamId, stream, expected) => {
    if (stream?.tombstoned === true)
        throw new store_errors_1.StreamDeletedError(streamId);
    if (expected === 'any')
        return;
    if (expected === 'no_stream') {
        // A soft-deleted stream counts as absent: writing to it recreates it.
        if ((0, exports.isLive)(stream))
            throw (0, exports.conflict)(streamId, stream, expected);
        return;
    }
    if (expected === 'stream_exists') {
        if (stream !== undefined && !(0, exports.isLive)(stream))
            throw new store_errors_1.StreamDeletedError(streamId, 'softDeleted');
        if (stream === undefined)
            throw (0, exports.conflict)(streamId, stream, expected);
        return;
    }
    // An exact revision: a soft-deleted stream still answers to its last revision.
    if (stream === undefined || stream.lastRevision !== expected)
        throw (0, exports.conflict)(streamId, stream, expected);
};
exports.checkExpected = checkExpected;
/** Compares the batch's ids with the visible events from revision `start` on. */
const matchAt = (stream, lookup, events, start) => {
    const byRevision = new Map();
    for (const stored of lookup.between(start, start + BigInt(events.length) - 1n))
        byRevision.set(stored.revision, stored);
    let last = { kind: 'new' };
    for (const [i, event] of events.entries()) {
        const revision = start + BigInt(i);
        const stored = revision < stream.visibleFrom ? undefined : byRevision.get(revision);
        if (stored === undefined || stored.eventId !== event.eventId)
            return i === 0 ? { kind: 'new' } : 'partly';
        last = { kind: 'alreadyAppended', revision: stored.revision, position: stored.position };
    }
    return last;
};
/**
 * Decides an append of a non-empty batch: write it, or answer from the stream because these ids
 * are already at the expected place (idempotent). Throws on a conflict or a tombstone.
 */
const decideAppend = (streamId, stream, lookup, events, expected) => {
    if (stream?.tombstoned === true)
        throw new store_errors_1.StreamDeletedError(streamId);
    if (expected === 'stream_exists')
        (0, exports.checkExpected)(streamId, stream, expected);
    if (stream === undefined) {
        (0, exports.checkExpected)(streamId, stream, expected);
        return { kind: 'new' };
    }
    const alreadyThere = (start) => {
        const match = matchAt(stream, lookup, events, start);
        if (match === 'partly' || match.kind !== 'alreadyAppended')
            throw (0, exports.conflict)(streamId, stream, expected);
        return match;
    };
    if (expected === 'any' || expected === 'stream_exists') {
        // No place is expected, so look for the first id anywhere the stream is visible.
        const found = lookup.firstRevisionOf(events[0]?.eventId ?? '', stream.visibleFrom);
        return found === undefined ? { kind: 'new' } : alreadyThere(found);
    }
    if (expected === 'no_stream')
        return (0, exports.isLive)(stream) ? alreadyThere(stream.visibleFrom) : { kind: 'new' };
    if (expected === stream.lastRevision)
        return { kind: 'new' };
    if (expected > stream.lastRevision)
        throw (0, exports.conflict)(streamId, stream, expected);
    return alreadyThere(expected + 1n);
};
exports.decideAppend = decideAppend;
