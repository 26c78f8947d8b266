import type { ExpectedRevision } from '../kernel/event-store';
import {
  ConcurrencyConflictError,
  InvalidAppendError,
  StoreFaultError,
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
]);

/** gRPC UNKNOWN and INTERNAL: the server failed the call without saying why. */
const FAULT_CODES = new Set([2, 13]);

/**
 * Resets of the HTTP/2 stream and writes to a closed one are reported as INTERNAL by the gRPC
 * library itself; they are the connection going, not the server failing.
 */
const TRANSPORT = /RST_STREAM|write after end/;

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Did the server fail the call itself (UNKNOWN, INTERNAL), rather than refuse it for a reason or
 * fail to answer? `@eventstore/db-client` names such an error `unknown`; `@kurrent/kurrentdb-client`
 * names INTERNAL `unavailable`, so its gRPC code decides.
 */
const isFault = (error: unknown, type: string | undefined): boolean => {
  const code = field(error, 'code');
  if (TRANSPORT.test(messageOf(error))) return false;
  return type === 'unknown' || (typeof code === 'number' && FAULT_CODES.has(code));
};

/**
 * Maps a client error to the library's store errors; anything unrecognised passes through.
 * `appendSize` is the size of the batch being appended, as the server counts it, when there is one.
 */
export const storeErrorOf = (
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
  appendSize?: number,
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
      const size = appendSize === undefined ? '' : ` (${appendSize} bytes)`;
      const limit = typeof max === 'number' ? ` (${max} bytes)` : '';
      return new InvalidAppendError(
        streamId,
        `the batch${size} is larger than the store accepts in one append${limit}; append fewer or smaller events at a time`,
      );
    }
    default:
      if (isFault(error, type))
        return new StoreFaultError(
          `EventStoreDB failed the call (${type ?? 'no type'}): ${messageOf(error)}`,
          error,
        );
      if (type !== undefined && UNAVAILABLE.has(type))
        return new StoreUnavailableError(
          `EventStoreDB did not answer (${type}): ${messageOf(error)}`,
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
  appendSize?: number,
): Promise<never> => {
  const mapped = storeErrorOf(error, streamId, expected, appendSize);
  if (mapped instanceof StreamDeletedError && expected === 'stream_exists')
    throw await deletionOf(client, streamId);
  throw mapped;
};
