import type { EventToAppend, ExpectedRevision } from '../kernel/event-store';
import { ConcurrencyConflictError, StreamDeletedError } from '../kernel/store-errors';

/**
 * EventStoreDB's expected-revision and idempotency rules, written once for every store that
 * keeps its own streams (in memory, SQLite). A store describes a stream with a `StreamView` and
 * answers id lookups; these functions decide.
 */

/** What the rules need to know about a stream. */
export interface StreamView {
  /** The revision of the last event ever appended, soft-deleted ones included; -1n if none. */
  readonly lastRevision: bigint;
  /** Revisions below this were soft-deleted and are no longer read. */
  readonly visibleFrom: bigint;
  readonly tombstoned: boolean;
}

/** Where an event id sits in a stream. */
export interface StoredIdAt {
  readonly eventId: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/** How the rules look event ids up in one stream. */
export interface IdLookup {
  /** The events at revisions `from` to `to` inclusive (hidden ones included), in any order. */
  readonly between: (from: bigint, to: bigint) => Iterable<StoredIdAt>;
  /** The first revision at or after `from` holding `eventId`, if any. */
  readonly firstRevisionOf: (eventId: string, from: bigint) => bigint | undefined;
}

/** The lookup of a stream that does not exist. */
export const NO_IDS: IdLookup = { between: () => [], firstRevisionOf: () => undefined };

/** Live: not tombstoned, and holding events a soft delete did not hide. */
export const isLive = <S extends StreamView>(stream: S | undefined): stream is S =>
  stream !== undefined && !stream.tombstoned && stream.lastRevision >= stream.visibleFrom;

export const conflict = (
  streamId: string,
  stream: StreamView | undefined,
  expected: ExpectedRevision,
): ConcurrencyConflictError =>
  new ConcurrencyConflictError(
    streamId,
    expected,
    stream === undefined ? 'no_stream' : stream.lastRevision,
  );

/**
 * The expected-revision check when no event ids are involved (an empty batch or a delete).
 * Throws when the writer's belief does not hold.
 */
export const checkExpected = (
  streamId: string,
  stream: StreamView | undefined,
  expected: ExpectedRevision,
): void => {
  if (stream?.tombstoned === true) throw new StreamDeletedError(streamId);
  if (expected === 'any') return;
  if (expected === 'no_stream') {
    // A soft-deleted stream counts as absent: writing to it recreates it.
    if (isLive(stream)) throw conflict(streamId, stream, expected);
    return;
  }
  if (expected === 'stream_exists') {
    if (stream !== undefined && !isLive(stream))
      throw new StreamDeletedError(streamId, 'softDeleted');
    if (stream === undefined) throw conflict(streamId, stream, expected);
    return;
  }
  // An exact revision: a soft-deleted stream still answers to its last revision.
  if (stream === undefined || stream.lastRevision !== expected)
    throw conflict(streamId, stream, expected);
};

/** Write the batch, or answer from the stream because its ids are already there. */
export type AppendDecision =
  | { readonly kind: 'new' }
  | { readonly kind: 'alreadyAppended'; readonly revision: bigint; readonly position: bigint };

/** Compares the batch's ids with the visible events from revision `start` on. */
const matchAt = (
  stream: StreamView,
  lookup: IdLookup,
  events: readonly EventToAppend[],
  start: bigint,
): AppendDecision | 'partly' => {
  const byRevision = new Map<bigint, StoredIdAt>();
  for (const stored of lookup.between(start, start + BigInt(events.length) - 1n))
    byRevision.set(stored.revision, stored);
  let last: AppendDecision = { kind: 'new' };
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
export const decideAppend = (
  streamId: string,
  stream: StreamView | undefined,
  lookup: IdLookup,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): AppendDecision => {
  if (stream?.tombstoned === true) throw new StreamDeletedError(streamId);
  if (expected === 'stream_exists') checkExpected(streamId, stream, expected);
  if (stream === undefined) {
    checkExpected(streamId, stream, expected);
    return { kind: 'new' };
  }
  const alreadyThere = (start: bigint): AppendDecision => {
    const match = matchAt(stream, lookup, events, start);
    if (match === 'partly' || match.kind !== 'alreadyAppended')
      throw conflict(streamId, stream, expected);
    return match;
  };
  if (expected === 'any' || expected === 'stream_exists') {
    // No place is expected, so look for the first id anywhere the stream is visible.
    const found = lookup.firstRevisionOf(events[0]?.eventId ?? '', stream.visibleFrom);
    return found === undefined ? { kind: 'new' } : alreadyThere(found);
  }
  if (expected === 'no_stream')
    return isLive(stream) ? alreadyThere(stream.visibleFrom) : { kind: 'new' };
  if (expected === stream.lastRevision) return { kind: 'new' };
  if (expected > stream.lastRevision) throw conflict(streamId, stream, expected);
  return alreadyThere(expected + 1n);
};
