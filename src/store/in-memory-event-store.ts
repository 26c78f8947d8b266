import type {
  AppendResult,
  DeleteStreamOptions,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamAppend,
  Subscription,
  SubscriptionMessage,
  SubscribeToAllOptions,
} from '../kernel/event-store';
import { StreamDeletedError, StreamNotFoundError } from '../kernel/store-errors';
import { validateAppend } from '../kernel/append-validation';
import {
  checkExpected,
  conflict,
  decideAppend,
  isLive,
  NO_IDS,
  type IdLookup,
  type StreamView,
} from './expected-revision';

interface StreamRecord extends StreamView {
  /** Every event ever appended, including those hidden by a soft delete. */
  readonly events: StoredEvent[];
  lastRevision: bigint;
  visibleFrom: bigint;
  tombstoned: boolean;
}

export interface InMemoryEventStoreOptions {
  /** The clock that stamps `recordedAt`; tests pass a fixed one. */
  readonly now?: () => Date;
  /**
   * Where global positions start and how far apart consecutive events are (default: from 0, one
   * apart). Other stores leave gaps, so tests spread positions out to prove nothing relies on
   * them being contiguous or starting at 0.
   */
  readonly positions?: { readonly first: bigint; readonly step: bigint };
}

/** -1n for a stream that has no events. Counts events a soft delete hid, as EventStoreDB does. */
const lastRevisionOf = (stream: StreamRecord | undefined): bigint => stream?.lastRevision ?? -1n;

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** How the expected-revision rules look ids up in an in-memory stream. */
const lookupIn = (stream: StreamRecord): IdLookup => ({
  between: function* (from, to) {
    for (let r = from; r <= to && r < BigInt(stream.events.length); r++) {
      const stored = stream.events[Number(r)];
      if (stored !== undefined) yield stored;
    }
  },
  firstRevisionOf: (eventId, from) => {
    const found = stream.events.findIndex((e, i) => BigInt(i) >= from && e.eventId === eventId);
    return found < 0 ? undefined : BigInt(found);
  },
});

/**
 * An event store held in this process's memory, with exactly the semantics of every other
 * adapter. For tests, examples and short-lived tools; everything is gone when the process ends.
 */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions = {}): EventStore => {
  const now = options.now ?? (() => new Date());
  const firstPosition = options.positions?.first ?? 0n;
  const step = options.positions?.step ?? 1n;
  if (firstPosition < 0n || step < 1n)
    throw new RangeError('positions must start at 0 or later and increase by at least 1');
  const streams = new Map<string, StreamRecord>();
  const all: StoredEvent[] = [];
  const listeners = new Set<() => void>();

  const positionOf = (index: number): bigint => firstPosition + BigInt(index) * step;
  /** The index of the first event at or after `position`. */
  const indexAtOrAfter = (position: bigint): number =>
    position <= firstPosition ? 0 : Number((position - firstPosition + step - 1n) / step);
  /** The index of the last event at or before `position` (-1 if none). */
  const indexAtOrBefore = (position: bigint): number =>
    position < firstPosition ? -1 : Number((position - firstPosition) / step);

  /** Appends an append already validated; throws, having written nothing, when it is refused. */
  const appendNow = (
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
    recordedAt: Date,
  ): AppendResult => {
    const stream = streams.get(streamId);
    if (events.length === 0) {
      // Checked like any append, but nothing is written and nothing is created.
      checkExpected(streamId, stream, expectedRevision);
      return { nextExpectedRevision: lastRevisionOf(stream), position: -1n };
    }
    const lookup = stream === undefined ? NO_IDS : lookupIn(stream);
    const decision = decideAppend(streamId, stream, lookup, events, expectedRevision);
    if (decision.kind === 'alreadyAppended')
      return { nextExpectedRevision: decision.revision, position: decision.position };
    const record = stream ?? { events: [], lastRevision: -1n, visibleFrom: 0n, tombstoned: false };
    streams.set(streamId, record);
    let position = -1n;
    for (const event of events) {
      position = positionOf(all.length);
      const stored: StoredEvent = Object.freeze({
        streamId,
        revision: BigInt(record.events.length),
        position,
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        recordedAt: event.recordedAt ?? recordedAt,
      });
      record.events.push(stored);
      record.lastRevision = stored.revision;
      all.push(stored);
    }
    return { nextExpectedRevision: lastRevisionOf(record), position };
  };

  const wakeAll = (): void => {
    for (const wake of listeners) wake();
  };

  const appendToStream: EventStore['appendToStream'] = async (
    streamId,
    events,
    { expectedRevision },
  ): Promise<AppendResult> => {
    validateAppend(streamId, events, expectedRevision);
    const result = appendNow(streamId, events, expectedRevision, now());
    if (result.position >= 0n) wakeAll();
    return result;
  };

  const appendToStreams: NonNullable<EventStore['appendToStreams']> = async (appends) => {
    const taken: StreamAppend[] = [];
    for await (const append of appends) {
      validateAppend(append.streamId, append.events, append.expectedRevision);
      taken.push(append);
    }
    // From here on nothing yields, so no other call sees part of the write; a refusal puts
    // back what the streams and the global order held before it.
    const recordedAt = now();
    const allBefore = all.length;
    const before = new Map<string, { events: number; lastRevision: bigint } | undefined>();
    let eventsWritten = 0;
    let position = -1n;
    try {
      for (const { streamId, events, expectedRevision } of taken) {
        if (!before.has(streamId)) {
          const stream = streams.get(streamId);
          before.set(
            streamId,
            stream && { events: stream.events.length, lastRevision: stream.lastRevision },
          );
        }
        const length = all.length;
        const result = appendNow(streamId, events, expectedRevision, recordedAt);
        eventsWritten += all.length - length;
        if (all.length > length) position = result.position;
      }
    } catch (error) {
      all.length = allBefore;
      for (const [streamId, was] of before) {
        const stream = streams.get(streamId);
        if (was === undefined) streams.delete(streamId);
        else if (stream !== undefined) {
          stream.events.length = was.events;
          stream.lastRevision = was.lastRevision;
        }
      }
      throw error;
    }
    if (eventsWritten > 0) wakeAll();
    return { appends: taken.length, eventsWritten, position };
  };

  async function* readStream(
    streamId: string,
    opts: ReadStreamOptions = {},
  ): AsyncGenerator<StoredEvent> {
    const stream = streams.get(streamId);
    if (stream?.tombstoned === true) throw new StreamDeletedError(streamId);
    if (!isLive(stream)) throw new StreamNotFoundError(streamId);
    const first = stream.visibleFrom;
    const last = lastRevisionOf(stream);
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    if (opts.direction === 'backwards') {
      // From beyond the end starts at the last event; bounds are clamped, never walked.
      const from = min(opts.fromRevision ?? last, last);
      const to = max(opts.toRevision ?? first, first);
      // Walked by array index, not by bigint revision: a bigint step allocates (see below).
      for (let i = Number(from), end = Number(to); i >= end && remaining > 0; i--, remaining--) {
        const event = stream.events[i];
        if (event === undefined) return;
        yield event;
      }
      return;
    }
    const from = max(opts.fromRevision ?? first, first);
    const to = min(opts.toRevision ?? last, last);
    // The command handler reads the whole stream before every command: walking it by array index
    // (exact, as revisions here are array indices) spares a bigint allocation per event read.
    for (let i = Number(from), end = Number(to); i <= end && remaining > 0; i++, remaining--) {
      const event = stream.events[i];
      if (event === undefined) return;
      yield event;
    }
  }

  async function* readAll(opts: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    if (opts.direction === 'backwards') {
      const end = all.length - 1;
      let i =
        opts.fromPosition === undefined ? end : Math.min(indexAtOrBefore(opts.fromPosition), end);
      for (; i >= 0 && remaining > 0; i--, remaining--) {
        const event = all[i];
        if (event === undefined) return;
        yield event;
      }
      return;
    }
    let i = opts.fromPosition === undefined ? 0 : indexAtOrAfter(opts.fromPosition);
    // Re-reads the length on every step, so events appended while reading are included.
    for (; i < all.length && remaining > 0; i++, remaining--) {
      const event = all[i];
      if (event === undefined) return;
      yield event;
    }
  }

  const subscribeToAll = (opts: SubscribeToAllOptions = {}): Subscription => {
    let next =
      opts.afterPosition === undefined ? 0 : Math.max(0, indexAtOrBefore(opts.afterPosition) + 1);
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
    checkExpected(streamId, stream, opts.expectedRevision ?? 'any');
    if (opts.mode === 'tombstone') {
      if (stream === undefined)
        streams.set(streamId, { events: [], lastRevision: -1n, visibleFrom: 0n, tombstoned: true });
      else stream.tombstoned = true;
      return;
    }
    // As EventStoreDB since 21.10: a stream that was never written cannot be soft-deleted.
    if (stream === undefined) throw conflict(streamId, stream, opts.expectedRevision ?? 'any');
    stream.visibleFrom = lastRevisionOf(stream) + 1n;
  };

  return {
    now,
    keepsRecordedAt: true,
    appendToStream,
    appendToStreams,
    readStream,
    readAll,
    subscribeToAll,
    deleteStream,
  };
};
