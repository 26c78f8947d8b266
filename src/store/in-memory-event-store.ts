import type {
  AppendResult,
  DeleteStreamOptions,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
  SubscriptionMessage,
  SubscribeToAllOptions,
} from '../kernel/event-store';
import {
  ConcurrencyConflictError,
  InvalidAppendError,
  StreamDeletedError,
  StreamNotFoundError,
} from '../kernel/store-errors';

interface StreamRecord {
  /** Every event ever appended, including those hidden by a soft delete. */
  readonly events: StoredEvent[];
  /** Revisions below this were soft-deleted and no longer read. */
  visibleFrom: bigint;
  tombstoned: boolean;
}

export interface InMemoryEventStoreOptions {
  /** The clock that stamps `recordedAt`; tests pass a fixed one. */
  readonly now?: () => Date;
}

const lastRevisionOf = (stream: StreamRecord): bigint => BigInt(stream.events.length) - 1n;

/** Live: has events that a soft delete did not hide. */
const isLive = (stream: StreamRecord | undefined): stream is StreamRecord =>
  stream !== undefined && !stream.tombstoned && lastRevisionOf(stream) >= stream.visibleFrom;

/**
 * An event store held in this process's memory, with exactly the semantics of every other
 * adapter. For tests, examples and short-lived tools; everything is gone when the process ends.
 */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions = {}): EventStore => {
  const now = options.now ?? (() => new Date());
  const streams = new Map<string, StreamRecord>();
  const all: StoredEvent[] = [];
  const listeners = new Set<() => void>();

  /** Ids already at the place the writer expects: the append succeeds and writes nothing. */
  const alreadyAppended = (
    stream: StreamRecord | undefined,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): StoredEvent | undefined => {
    if (stream === undefined || events.length === 0) return undefined;
    const first = events[0];
    let start: bigint;
    if (typeof expected === 'bigint') start = expected + 1n;
    else if (expected === 'no_stream') start = stream.visibleFrom;
    else {
      const found = stream.events.findIndex((e) => e.eventId === first?.eventId);
      if (found < 0) return undefined;
      start = BigInt(found);
    }
    if (start < stream.visibleFrom) return undefined;
    let last: StoredEvent | undefined;
    for (const [i, event] of events.entries()) {
      const stored = stream.events[Number(start) + i];
      if (stored === undefined || stored.eventId !== event.eventId) return undefined;
      last = stored;
    }
    return last;
  };

  const check = (
    streamId: string,
    stream: StreamRecord | undefined,
    expected: ExpectedRevision,
  ): void => {
    if (stream?.tombstoned === true) throw new StreamDeletedError(streamId);
    const live = isLive(stream);
    const actual = stream === undefined ? 'no_stream' : live ? lastRevisionOf(stream) : 'no_stream';
    if (expected === 'any') return;
    if (expected === 'no_stream') {
      if (live) throw new ConcurrencyConflictError(streamId, expected, actual);
      return;
    }
    if (expected === 'stream_exists') {
      if (stream !== undefined && !live) throw new StreamDeletedError(streamId);
      if (!live) throw new ConcurrencyConflictError(streamId, expected, actual);
      return;
    }
    // An exact revision: a soft-deleted stream still answers to its last revision.
    const last = stream === undefined ? undefined : lastRevisionOf(stream);
    if (last !== expected)
      throw new ConcurrencyConflictError(streamId, expected, last ?? 'no_stream');
  };

  const validate = (streamId: string, events: readonly EventToAppend[]): void => {
    if (streamId.length === 0) throw new InvalidAppendError(streamId, 'the stream name is empty');
    if (streamId.startsWith('$'))
      throw new InvalidAppendError(streamId, 'stream names starting with $ are reserved');
    const ids = new Set<string>();
    for (const event of events) {
      if (ids.has(event.eventId))
        throw new InvalidAppendError(streamId, `event id ${event.eventId} appears twice`);
      ids.add(event.eventId);
      for (const [field, text] of [
        ['data', event.data],
        ['metadata', event.metadata],
      ] as const) {
        try {
          JSON.parse(text);
        } catch {
          throw new InvalidAppendError(streamId, `${event.type} ${field} is not JSON`);
        }
      }
    }
  };

  const appendToStream: EventStore['appendToStream'] = async (
    streamId,
    events,
    { expectedRevision },
  ): Promise<AppendResult> => {
    validate(streamId, events);
    const stream = streams.get(streamId);
    if (stream?.tombstoned === true) throw new StreamDeletedError(streamId);
    const found = alreadyAppended(stream, events, expectedRevision);
    if (found !== undefined)
      return { nextExpectedRevision: found.revision, position: found.position };
    check(streamId, stream, expectedRevision);
    const record = stream ?? { events: [], visibleFrom: 0n, tombstoned: false };
    streams.set(streamId, record);
    const recordedAt = now();
    for (const event of events) {
      const stored: StoredEvent = {
        streamId,
        revision: BigInt(record.events.length),
        position: BigInt(all.length),
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        recordedAt,
      };
      record.events.push(stored);
      all.push(stored);
    }
    for (const wake of listeners) wake();
    const last = record.events[record.events.length - 1];
    return {
      nextExpectedRevision: lastRevisionOf(record),
      position: last?.position ?? -1n,
    };
  };

  async function* readStream(
    streamId: string,
    opts: ReadStreamOptions = {},
  ): AsyncGenerator<StoredEvent> {
    const stream = streams.get(streamId);
    if (stream?.tombstoned === true) throw new StreamDeletedError(streamId);
    if (!isLive(stream)) throw new StreamNotFoundError(streamId);
    const backwards = opts.direction === 'backwards';
    const last = lastRevisionOf(stream);
    const from = opts.fromRevision ?? (backwards ? last : stream.visibleFrom);
    const to = opts.toRevision ?? (backwards ? stream.visibleFrom : last);
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    const step = backwards ? -1n : 1n;
    for (let r = from; backwards ? r >= to : r <= to; r += step) {
      if (remaining <= 0) return;
      if (r < stream.visibleFrom || r > last) {
        if (backwards ? r > last : r < stream.visibleFrom) continue;
        return;
      }
      const event = stream.events[Number(r)];
      if (event === undefined) return;
      remaining--;
      yield event;
    }
  }

  async function* readAll(opts: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    const backwards = opts.direction === 'backwards';
    const size = BigInt(all.length);
    let p = opts.fromPosition ?? (backwards ? size - 1n : 0n);
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    if (backwards && p > size - 1n) p = size - 1n;
    while (remaining > 0 && p >= 0n && p < BigInt(all.length)) {
      const event = all[Number(p)];
      if (event === undefined) return;
      remaining--;
      yield event;
      p += backwards ? -1n : 1n;
    }
  }

  const subscribeToAll = (opts: SubscribeToAllOptions = {}): Subscription => {
    let next = opts.afterPosition === undefined ? 0 : Number(opts.afterPosition) + 1;
    const caughtUpAt = all.length;
    let announcedCaughtUp = false;
    let closed = false;
    let wake: (() => void) | undefined;
    const listener = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    listeners.add(listener);
    const close = async (): Promise<void> => {
      closed = true;
      listeners.delete(listener);
      listener();
    };
    async function* messages(): AsyncGenerator<SubscriptionMessage> {
      try {
        while (!closed) {
          if (!announcedCaughtUp && next >= caughtUpAt) {
            announcedCaughtUp = true;
            yield { kind: 'caughtUp' };
            continue;
          }
          const event = all[next];
          if (event !== undefined) {
            next++;
            yield { kind: 'event', event };
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      } finally {
        listeners.delete(listener);
      }
    }
    const iterator = messages();
    return {
      close,
      [Symbol.asyncIterator]: () => iterator,
    };
  };

  const deleteStream = async (streamId: string, opts: DeleteStreamOptions): Promise<void> => {
    const stream = streams.get(streamId);
    if (stream?.tombstoned === true) throw new StreamDeletedError(streamId);
    const expected = opts.expectedRevision ?? 'any';
    if (expected === 'no_stream' && isLive(stream))
      throw new ConcurrencyConflictError(streamId, expected, lastRevisionOf(stream));
    if (expected !== 'any' && expected !== 'no_stream') check(streamId, stream, expected);
    if (opts.mode === 'tombstone') {
      streams.set(
        streamId,
        stream === undefined
          ? { events: [], visibleFrom: 0n, tombstoned: true }
          : { ...stream, tombstoned: true },
      );
      return;
    }
    if (!isLive(stream)) throw new StreamNotFoundError(streamId);
    stream.visibleFrom = lastRevisionOf(stream) + 1n;
  };

  return { appendToStream, readStream, readAll, subscribeToAll, deleteStream };
};
