import type { TreeStorage } from '../kernel/tree-storage';
import type {
  AppendResult,
  DeleteStreamOptions,
  EventStore,
  ExpectedRevision,
} from '../kernel/event-store';
import { validateAppend } from '../kernel/append-validation';
import type {
  EsdbDeleteExpectation,
  EsdbExpectation,
  EsdbProposedEvent,
  EventStoreDBClientLike,
} from './eventstoredb-client';
import { appendSizeOf, jsonData, parseJson } from './eventstoredb-conversions';
import { clientErrorType, fail } from './eventstoredb-errors';
import { readEventStoreDBAll, readEventStoreDBStream } from './eventstoredb-reads';
import { subscribeToEventStoreDBAll } from './eventstoredb-subscription';

export type {
  EsdbDeleteExpectation,
  EsdbExpectation,
  EsdbFilter,
  EsdbJson,
  EsdbPosition,
  EsdbProposedEvent,
  EsdbRecordedEvent,
  EsdbResolvedEvent,
  EsdbSubscription,
  EventStoreDBClientLike,
} from './eventstoredb-client';

export interface EventStoreDBEventStoreOptions {
  /**
   * How often to resubscribe after a subscription's connection drops before giving up (default
   * 20), and how long to wait between attempts (default 100 ms, doubling up to 2 s).
   */
  readonly resubscribe?: { readonly attempts?: number; readonly delayMs?: number };
  /**
   * The clock the library stamps and seals each event's `recordedAt` with (`EventStore.now`); by
   * default the command handler's. The server still keeps its own time of append beside it.
   */
  readonly now?: () => Date;
  /**
   * Where to keep the Merkle tree of the store's global order (`EventStore.tree`), for example
   * `openSqliteTreeFile(path)`, so that it outlives the process. Without it the tree is kept in
   * memory, and the first proof after a restart reads the whole log once.
   */
  readonly tree?: TreeStorage;
}

const expectation = (expected: ExpectedRevision): EsdbExpectation => ({
  expectedRevision: expected,
  streamState: expected,
});

/**
 * The library's event store over EventStoreDB (or KurrentDB), through `@kurrent/kurrentdb-client`
 * 1.x (the maintained client) or `@eventstore/db-client` 6.x. The client is the caller's: open it
 * with its `connectionString(...)` and dispose of it when done.
 *
 * Data goes in as JSON events (`application/json`), so the text read back is the data re-encoded
 * by `JSON.stringify` (what the library writes already is). Metadata goes in as the exact bytes.
 */
export const createEventStoreDBEventStore = (
  client: EventStoreDBClientLike,
  options: EventStoreDBEventStoreOptions = {},
): EventStore => {
  const resubscribe = {
    attempts: options.resubscribe?.attempts ?? 20,
    delayMs: options.resubscribe?.delayMs ?? 100,
  };

  const appendToStream: EventStore['appendToStream'] = async (
    streamId,
    events,
    { expectedRevision },
  ): Promise<AppendResult> => {
    validateAppend(streamId, events, expectedRevision);
    const proposed = events.map((event): EsdbProposedEvent => {
      parseJson(streamId, event, 'metadata');
      return {
        id: event.eventId,
        type: event.type,
        contentType: 'application/json',
        data: jsonData(streamId, event),
        metadata: new Uint8Array(Buffer.from(event.metadata)),
      };
    });
    let result: Awaited<ReturnType<EventStoreDBClientLike['appendToStream']>>;
    try {
      result = await client.appendToStream(streamId, proposed, expectation(expectedRevision));
    } catch (error) {
      return fail(client, error, streamId, expectedRevision, appendSizeOf(proposed));
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
      } catch (error) {
        if (clientErrorType(error) !== 'wrong-expected-version')
          return fail(client, error, streamId, expectedRevision);
        next = -1n;
      }
    }
    return { nextExpectedRevision: next, position: -1n };
  };

  const readStream: EventStore['readStream'] = (streamId, opts) =>
    readEventStoreDBStream(client, streamId, opts);

  const readAll: EventStore['readAll'] = (opts) => readEventStoreDBAll(client, opts);

  const subscribeToAll: EventStore['subscribeToAll'] = (opts) =>
    subscribeToEventStoreDBAll(client, resubscribe, opts);

  const deleteStream = async (streamId: string, opts: DeleteStreamOptions): Promise<void> => {
    const expected = opts.expectedRevision ?? 'any';
    // The clients cannot send `stream_exists` with a delete: check it with an empty append (the
    // same rule), then delete at the revision found.
    let sent: EsdbDeleteExpectation['expectedRevision'] = 'any';
    if (expected !== 'stream_exists') sent = expected;
    else {
      try {
        const found = await client.appendToStream(streamId, [], expectation(expected));
        sent = found.nextExpectedRevision;
      } catch (error) {
        await fail(client, error, streamId, expected);
      }
    }
    try {
      if (opts.mode === 'tombstone')
        await client.tombstoneStream(streamId, { expectedRevision: sent });
      else await client.deleteStream(streamId, { expectedRevision: sent });
    } catch (error) {
      await fail(client, error, streamId, expected);
    }
  };

  const verbs = { appendToStream, readStream, readAll, subscribeToAll, deleteStream };
  return {
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.tree === undefined ? {} : { tree: options.tree }),
    ...verbs,
  };
};
