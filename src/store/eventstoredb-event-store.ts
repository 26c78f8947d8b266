import type { TreeStorage } from '../kernel/tree-storage';
import type {
  AppendResult,
  DeleteStreamOptions,
  EventStore,
  ExpectedRevision,
  SubscribeToAllOptions,
  Subscription,
  SubscriptionMessage,
} from '../kernel/event-store';
import { StoreUnavailableError } from '../kernel/store-errors';
import { validateAppend } from '../kernel/append-validation';
import type {
  EsdbDeleteExpectation,
  EsdbExpectation,
  EsdbProposedEvent,
  EsdbResolvedEvent,
  EsdbSubscription,
  EventStoreDBClientLike,
} from './eventstoredb-client';
import { at, isSystem, jsonData, parseJson, storedEventOf } from './eventstoredb-conversions';
import { clientErrorType, fail, storeErrorOf } from './eventstoredb-errors';
import { readEventStoreDBAll, readEventStoreDBStream } from './eventstoredb-reads';

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
 * The library's event store over EventStoreDB (or KurrentDB), through `@eventstore/db-client` 6.x
 * or `@kurrent/kurrentdb-client` 1.x. The client is the caller's: open it with its
 * `connectionString(...)` and dispose of it when done.
 *
 * Data goes in as JSON events (`application/json`), so the text read back is the data re-encoded
 * by `JSON.stringify` (what the library writes already is). Metadata goes in as the exact bytes.
 */
export const createEventStoreDBEventStore = (
  client: EventStoreDBClientLike,
  options: EventStoreDBEventStoreOptions = {},
): EventStore => {
  const resubscribeAttempts = options.resubscribe?.attempts ?? 20;
  const resubscribeDelayMs = options.resubscribe?.delayMs ?? 100;

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
      return fail(client, error, streamId, expectedRevision);
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

  const subscribeToAll = (opts: SubscribeToAllOptions = {}): Subscription => {
    let closed = false;
    let signalClose: () => void = () => undefined;
    const closing = new Promise<void>((resolve) => {
      signalClose = resolve;
    });
    let current: EsdbSubscription | undefined;
    /** The last position delivered or checkpointed: where to resume after a drop. */
    let resumeAfter = opts.afterPosition;
    let caughtUpAnnounced = false;

    /** Waits before the nth resubscription: doubling from the first delay, at most 2 s. */
    const pause = (attempt: number): Promise<unknown> =>
      Promise.race([
        new Promise((resolve) =>
          setTimeout(resolve, Math.min(resubscribeDelayMs * 2 ** (attempt - 1), 2000)),
        ),
        closing,
      ]);

    async function* messages(): AsyncGenerator<SubscriptionMessage> {
      let failures = 0;
      while (!closed) {
        // Checkpoints and caught-up arrive out of band, while earlier events may still wait in the
        // client's buffer; each takes effect once the reader has taken those events.
        const markers: { afterTaken: number; position?: bigint; caughtUp?: true }[] = [];
        let taken = 0;
        let wake: () => void = () => undefined;
        let markerArrived = new Promise<'marker'>((resolve) => {
          wake = () => resolve('marker');
        });
        const mark = (marker: { afterTaken: number; position?: bigint; caughtUp?: true }) => {
          markers.push(marker);
          wake();
        };
        let pending: Promise<IteratorResult<EsdbResolvedEvent>> | undefined;
        let pendingSettled = false;
        /** Events the client has converted that the reader has not taken yet. */
        const waiting = (): number =>
          taken + subscription.readableLength + (pendingSettled ? 1 : 0);
        const subscription = client.subscribeToAll({
          fromPosition: resumeAfter === undefined ? 'start' : at(resumeAfter),
          filter: {
            filterOn: 'eventType',
            regex: '^[^$]',
            checkpointInterval: 1,
            checkpointReached: (_, position) => {
              mark({ afterTaken: waiting(), position: position.commit });
            },
          },
        });
        current = subscription;
        subscription.on('caughtUp', () => {
          mark({ afterTaken: waiting(), caughtUp: true });
        });
        const settle = function* (): Generator<SubscriptionMessage> {
          while (markers[0] !== undefined && markers[0].afterTaken <= taken) {
            const marker = markers.shift();
            if (
              marker?.position !== undefined &&
              (resumeAfter === undefined || marker.position > resumeAfter)
            )
              resumeAfter = marker.position;
            if (marker?.caughtUp === true && !caughtUpAnnounced) {
              caughtUpAnnounced = true;
              yield { kind: 'caughtUp' };
            }
          }
        };
        if (closed) await subscription.unsubscribe();
        const iterator = subscription[Symbol.asyncIterator]();
        try {
          for (;;) {
            yield* settle();
            if (pending === undefined) {
              pending = iterator.next();
              // Settled but not yet taken: counted by `waiting`. Its failure is met below.
              pending.then(
                () => (pendingSettled = true),
                () => undefined,
              );
            }
            const next = await Promise.race([
              pending,
              markerArrived,
              closing.then(() => undefined),
            ]);
            if (next === 'marker') {
              markerArrived = new Promise<'marker'>((resolve) => {
                wake = () => resolve('marker');
              });
              continue;
            }
            pending = undefined;
            pendingSettled = false;
            if (next === undefined || next.done === true || closed) break;
            taken++;
            failures = 0;
            const resolved = next.value;
            const event = storedEventOf(resolved);
            if (event === undefined) continue;
            resumeAfter = event.position;
            if (resolved.event !== undefined && isSystem(resolved.event)) continue;
            yield { kind: 'event', event };
          }
          if (closed) return;
          // The server ended the subscription: resubscribe from where it stopped, after a pause.
          if (++failures > resubscribeAttempts)
            throw new StoreUnavailableError('EventStoreDB kept ending the subscription');
          await pause(failures);
        } catch (error) {
          if (closed) return;
          const mapped = storeErrorOf(error, '$all', 'any');
          if (!(mapped instanceof StoreUnavailableError) || ++failures > resubscribeAttempts)
            throw mapped;
          await pause(failures);
        } finally {
          await subscription.unsubscribe().catch(() => undefined);
        }
      }
    }

    const generator = messages();
    const done: IteratorResult<SubscriptionMessage> = { done: true, value: undefined };
    const iterator: AsyncIterator<SubscriptionMessage> = {
      next: async () => {
        if (closed) return done;
        const next = await Promise.race([generator.next(), closing.then(() => done)]);
        return closed ? done : next;
      },
      return: async () => {
        await close();
        return done;
      },
    };
    const close = async (): Promise<void> => {
      if (closed) return;
      closed = true;
      signalClose();
      await current?.unsubscribe().catch(() => undefined);
    };
    return { close, [Symbol.asyncIterator]: () => iterator };
  };

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
