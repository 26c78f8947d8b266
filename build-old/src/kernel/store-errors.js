"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isStoreError = exports.InvalidAppendError = exports.StoreUnavailableError = exports.StreamDeletedError = exports.StreamNotFoundError = exports.ConcurrencyConflictError = exports.showExpected = exports.StoreError = void 0;
class StoreError extends Error {
    streamId;
    constructor(message, streamId) {
        super(message);
        this.streamId = streamId;
        this.name = new.target.name;
    }
}
exports.StoreError = StoreError;
const showExpected = (e) => typeof e === 'bigint' ? `revision ${e}` : e;
exports.showExpected = showExpected;
/**
 * The stream was not where the writer expected it to be, or a batch of events was only partly
 * in the stream already. `actual` is the revision of the stream's last event (counting events a
 * soft delete hid), or `'no_stream'` if the stream was never written.
 */
class ConcurrencyConflictError extends StoreError {
    streamId;
    expected;
    actual;
    kind = 'ConcurrencyConflict';
    constructor(streamId, expected, actual) {
        super(`concurrency conflict on stream ${streamId}: expected ${(0, exports.showExpected)(expected)}, but the stream ${actual === 'no_stream' ? 'does not exist' : `is at revision ${actual}`}`, streamId);
        this.streamId = streamId;
        this.expected = expected;
        this.actual = actual;
    }
}
exports.ConcurrencyConflictError = ConcurrencyConflictError;
/** Reading a stream that was never written or is soft-deleted. */
class StreamNotFoundError extends StoreError {
    streamId;
    kind = 'StreamNotFound';
    constructor(streamId) {
        super(`stream ${streamId} not found`, streamId);
        this.streamId = streamId;
    }
}
exports.StreamNotFoundError = StreamNotFoundError;
/**
 * The stream is tombstoned (every operation on it is refused), or `'stream_exists'` was expected
 * of a soft-deleted stream.
 */
class StreamDeletedError extends StoreError {
    streamId;
    deletion;
    kind = 'StreamDeleted';
    constructor(streamId, 
    /** `softDeleted`: only an append that expects `stream_exists` is refused this way. */
    deletion = 'tombstoned') {
        super(deletion === 'tombstoned'
            ? `stream ${streamId} is deleted for good (tombstoned)`
            : `stream ${streamId} was deleted; append with 'any', 'no_stream' or its last revision to recreate it`, streamId);
        this.streamId = streamId;
        this.deletion = deletion;
    }
}
exports.StreamDeletedError = StreamDeletedError;
class StoreUnavailableError extends StoreError {
    cause;
    kind = 'StoreUnavailable';
    constructor(message, cause) {
        super(`store unavailable: ${message}`);
        this.cause = cause;
    }
}
exports.StoreUnavailableError = StoreUnavailableError;
/**
 * The append itself is malformed, whatever the stream holds: an empty or `$`-prefixed stream
 * name, a negative expected revision, an event id that is not a UUID or is repeated in the batch,
 * an empty event type, data or metadata that is not JSON. Nothing is written.
 */
class InvalidAppendError extends StoreError {
    kind = 'InvalidAppend';
    constructor(streamId, reason) {
        super(`cannot append to stream ${streamId}: ${reason}`, streamId);
    }
}
exports.InvalidAppendError = InvalidAppendError;
const isStoreError = (error, kind) => typeof error === 'object' &&
    error !== null &&
    error.kind === kind &&
    error instanceof Error;
exports.isStoreError = isStoreError;
