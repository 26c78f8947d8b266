import type { ExpectedRevision } from '../kernel/event-store';
import {
  ConcurrencyConflictError,
  InvalidAppendError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
} from '../kernel/store-errors';
import type { EventStoreDBClientLike } from './eventstoredb-client';

/** The client's error, matched on its `type` string so every copy and successor is recognised. */
export const clientErrorType = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  return typeof error.type === 'string' ? error.type : undefined;
};

const field = (error: unknown, name: string): unknown =>
  typeof error === 'object' && error !== null && name in error
    ? (error as Record<string, unknown>)[name]
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
export const storeErrorOf = (
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
): unknown => {
  const type = clientErrorType(error);
  switch (type) {
    case 'wrong-expected-version': {
      // `actualVersion` in @eventstore/db-client, `actualState` in @kurrent/kurrentdb-client.
      const actual = field(error, 'actualVersion') ?? field(error, 'actualState');
      return new ConcurrencyConflictError(
        streamId,
        expected,
        typeof actual === 'bigint' && actual >= 0n ? actual : 'no_stream',
      );
    }
    case 'stream-deleted':
    case 'stream-tombstoned':
      return new StreamDeletedError(streamId);
    case 'stream-not-found':
      return new StreamNotFoundError(streamId);
    case 'maximum-append-size-exceeded': {
      const max = field(error, 'maxAppendSize');
      return new InvalidAppendError(
        streamId,
        `the batch is larger than the store accepts in one append${
          typeof max === 'number' ? ` (${max} bytes)` : ''
        }; append fewer or smaller events at a time`,
      );
    }
    default:
      if (type !== undefined && UNAVAILABLE.has(type))
        return new StoreUnavailableError(
          `EventStoreDB did not answer (${type}): ${error instanceof Error ? error.message : String(error)}`,
          error,
        );
      return error;
  }
};

/** `'stream deleted'` on an append expecting the stream: was it soft-deleted or tombstoned? */
const deletionOf = async (
  client: EventStoreDBClientLike,
  streamId: string,
): Promise<StreamDeletedError> => {
  try {
    for await (const _ of client.readStream(streamId, {
      direction: 'forwards',
      fromRevision: 'start',
      maxCount: 1,
    }))
      break;
  } catch (error) {
    if (clientErrorType(error) === 'stream-not-found')
      return new StreamDeletedError(streamId, 'softDeleted');
  }
  return new StreamDeletedError(streamId);
};

/** Throws the store error for a failed append or delete, asking the client which deletion it met. */
export const fail = async (
  client: EventStoreDBClientLike,
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
): Promise<never> => {
  const mapped = storeErrorOf(error, streamId, expected);
  if (mapped instanceof StreamDeletedError && expected === 'stream_exists')
    throw await deletionOf(client, streamId);
  throw mapped;
};
