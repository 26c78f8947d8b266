import type { ExpectedRevision } from './event-store';

/**
 * Errors a store raises. Adapters map their client's errors to these; callers match on `kind`
 * (see `isStoreError`) rather than on classes, so errors survive crossing module copies.
 */
export type StoreErrorKind =
  'ConcurrencyConflict' | 'StreamNotFound' | 'StreamDeleted' | 'StoreUnavailable' | 'InvalidAppend';

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

/** The stream was not where the writer expected it to be. `actual` is `'no_stream'` if missing. */
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

export class StreamNotFoundError extends StoreError {
  readonly kind = 'StreamNotFound' as const;
  constructor(override readonly streamId: string) {
    super(`stream ${streamId} not found`, streamId);
  }
}

export class StreamDeletedError extends StoreError {
  readonly kind = 'StreamDeleted' as const;
  constructor(override readonly streamId: string) {
    super(`stream ${streamId} is deleted for good (tombstoned)`, streamId);
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

/** The append itself is malformed (no events' ids, an empty stream name, bad JSON text...). */
export class InvalidAppendError extends StoreError {
  readonly kind = 'InvalidAppend' as const;
  constructor(streamId: string, reason: string) {
    super(`cannot append to stream ${streamId}: ${reason}`, streamId);
  }
}

type ErrorOfKind<K extends StoreErrorKind> = Extract<
  | ConcurrencyConflictError
  | StreamNotFoundError
  | StreamDeletedError
  | StoreUnavailableError
  | InvalidAppendError,
  { kind: K }
>;

export const isStoreError = <K extends StoreErrorKind>(
  error: unknown,
  kind: K,
): error is ErrorOfKind<K> =>
  typeof error === 'object' &&
  error !== null &&
  (error as { kind?: unknown }).kind === kind &&
  error instanceof Error;
