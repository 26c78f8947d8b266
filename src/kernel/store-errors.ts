import type { ExpectedRevision } from './event-store';

/**
 * Errors a store raises. Adapters map their client's errors to these; callers match on `kind`
 * (see `isStoreError`) rather than on classes, so errors survive crossing module copies.
 */
export type StoreErrorKind =
  | 'ConcurrencyConflict'
  | 'StreamNotFound'
  | 'StreamDeleted'
  | 'StoreUnavailable'
  | 'StoreFault'
  | 'InvalidAppend';

export abstract class StoreError extends Error {
  abstract readonly kind: StoreErrorKind;
  constructor(
    message: string,
    readonly streamId?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const showExpected = (e: ExpectedRevision): string =>
  typeof e === 'bigint' ? `revision ${e}` : e;

/**
 * The stream was not where the writer expected it to be, or a batch of events was only partly
 * in the stream already. `actual` is the revision of the stream's last event (counting events a
 * soft delete hid), or `'no_stream'` if the stream was never written.
 */
export class ConcurrencyConflictError extends StoreError {
  readonly kind = 'ConcurrencyConflict' as const;
  constructor(
    override readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `concurrency conflict on stream ${streamId}: expected ${showExpected(expected)}, but the stream ${
        actual === 'no_stream' ? 'does not exist' : `is at revision ${actual}`
      }`,
      streamId,
    );
  }
}

/** Reading a stream that was never written or is soft-deleted. */
export class StreamNotFoundError extends StoreError {
  readonly kind = 'StreamNotFound' as const;
  constructor(override readonly streamId: string) {
    super(`stream ${streamId} not found`, streamId);
  }
}

/**
 * The stream is tombstoned (every operation on it is refused), or `'stream_exists'` was expected
 * of a soft-deleted stream.
 */
export class StreamDeletedError extends StoreError {
  readonly kind = 'StreamDeleted' as const;
  constructor(
    override readonly streamId: string,
    /** `softDeleted`: only an append that expects `stream_exists` is refused this way. */
    readonly deletion: 'tombstoned' | 'softDeleted' = 'tombstoned',
  ) {
    super(
      deletion === 'tombstoned'
        ? `stream ${streamId} is deleted for good (tombstoned)`
        : `stream ${streamId} was deleted; append with 'any', 'no_stream' or its last revision to recreate it`,
      streamId,
    );
  }
}

export class StoreUnavailableError extends StoreError {
  readonly kind = 'StoreUnavailable' as const;
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(`store unavailable: ${message}`);
  }
}

/**
 * The store answered, but with a failure it gave no reason for (EventStoreDB's gRPC `UNKNOWN` or
 * `INTERNAL`, such as a message it could not serialise or a read from a position where no record
 * starts). Unlike `StoreUnavailableError` it is not an outage: the same call fails the same way
 * again, so nothing retries it. It points at a bug, on one side or the other.
 */
export class StoreFaultError extends StoreError {
  readonly kind = 'StoreFault' as const;
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(`store fault: ${message}`);
  }
}

/**
 * The append itself is malformed, whatever the stream holds: an empty or `$`-prefixed stream
 * name, a negative expected revision, an event id that is not a UUID or is repeated in the batch,
 * an empty event type, data or metadata that is not JSON. Nothing is written.
 */
export class InvalidAppendError extends StoreError {
  readonly kind = 'InvalidAppend' as const;
  constructor(streamId: string, reason: string) {
    super(`cannot append to stream ${streamId}: ${reason}`, streamId);
  }
}

/** The store error class of one kind. */
export type StoreErrorOfKind<K extends StoreErrorKind> = Extract<
  | ConcurrencyConflictError
  | StreamNotFoundError
  | StreamDeletedError
  | StoreUnavailableError
  | StoreFaultError
  | InvalidAppendError,
  { kind: K }
>;

export const isStoreError = <K extends StoreErrorKind>(
  error: unknown,
  kind: K,
): error is StoreErrorOfKind<K> =>
  typeof error === 'object' &&
  error !== null &&
  (error as { kind?: unknown }).kind === kind &&
  error instanceof Error;
