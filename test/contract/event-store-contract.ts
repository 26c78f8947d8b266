import { v4 as uuidv4 } from 'uuid';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
  SubscriptionMessage,
} from '../../src/kernel/event-store';
import {
  isStoreError,
  type ConcurrencyConflictError,
  type StoreErrorKind,
} from '../../src/kernel/store-errors';

/**
 * The behaviour every `EventStore` adapter must show, checked through the port only. Run it once
 * per adapter:
 *
 *   describeEventStoreContract('in-memory', () => ({ store: createInMemoryEventStore(), dispose: async () => {} }));
 *
 * The suite never relies on positions being contiguous or starting at 0, gives every test its own
 * stream names, and filters the global order down to its own streams, so it also runs against a
 * shared server that holds other events.
 */

export interface StoreUnderTest {
  readonly store: EventStore;
  /** Releases whatever the store holds (connections, files); called after every test. */
  dispose(): Promise<void>;
}

export interface ContractOptions {
  /**
   * Every `createStore()` gives a new, empty store. Leave false for a shared server: the tests
   * that would need an empty store then start at the current end of the store instead.
   */
  readonly startsEmpty?: boolean;
  /** How long to wait for a subscription message before failing (default 2000 ms). */
  readonly subscriptionTimeoutMs?: number;
}

export const describeEventStoreContract = (
  name: string,
  createStore: () => Promise<StoreUnderTest> | StoreUnderTest,
  options: ContractOptions = {},
): void => {
  const startsEmpty = options.startsEmpty ?? false;
  const timeoutMs = options.subscriptionTimeoutMs ?? 2000;

  describe(`${name} honours the event store contract`, () => {
    let underTest: StoreUnderTest | undefined;
    let store: EventStore;

    beforeEach(async () => {
      underTest = await createStore();
      store = underTest.store;
    });

    afterEach(async () => {
      await underTest?.dispose();
      underTest = undefined;
    });

    // ---------------------------------------------------------------- helpers

    const streamName = (label: string): string => `contract_${label}-${uuidv4()}`;

    const anEvent = (n = 0): EventToAppend => ({
      eventId: uuidv4(),
      type: 'ContractChecked',
      data: JSON.stringify({ n, note: 'ünïcode ✓' }),
      metadata: JSON.stringify({ by: 'contract' }),
    });

    const someEvents = (count: number, from = 0): EventToAppend[] =>
      Array.from({ length: count }, (_, i) => anEvent(from + i));

    const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
      const out: T[] = [];
      for await (const item of items) out.push(item);
      return out;
    };

    const read = (streamId: string, opts?: ReadStreamOptions): Promise<StoredEvent[]> =>
      collect(store.readStream(streamId, opts));

    const revisions = (events: readonly StoredEvent[]): bigint[] => events.map((e) => e.revision);
    const ids = (events: readonly { readonly eventId: string }[]): string[] =>
      events.map((e) => e.eventId);

    const at = <T>(items: readonly T[], index: number): T => {
      const item = items[index];
      if (item === undefined) throw new Error(`expected an item at index ${index}`);
      return item;
    };

    const describeError = (error: unknown): string =>
      error instanceof Error
        ? `${error.name} (kind ${String((error as { kind?: unknown }).kind)}): ${error.message}`
        : String(error);

    /** The store error `attempt` rejects with, after checking its kind. */
    const failure = async (kind: StoreErrorKind, attempt: Promise<unknown>): Promise<Error> => {
      let outcome: { ok: true } | { ok: false; error: unknown };
      try {
        await attempt;
        outcome = { ok: true };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (outcome.ok) throw new Error(`expected a ${kind} error, but the call succeeded`);
      if (!isStoreError(outcome.error, kind))
        throw new Error(`expected a ${kind} error, got ${describeError(outcome.error)}`);
      return outcome.error;
    };

    const conflict = async (attempt: Promise<unknown>): Promise<ConcurrencyConflictError> => {
      const error = await failure('ConcurrencyConflict', attempt);
      if (!isStoreError(error, 'ConcurrencyConflict')) throw error;
      return error;
    };

    const expectConflict = async (
      attempt: Promise<unknown>,
      streamId: string,
      expected: ExpectedRevision,
      actual: bigint | 'no_stream',
    ): Promise<void> => {
      const error = await conflict(attempt);
      expect({ streamId: error.streamId, expected: error.expected, actual: error.actual }).toEqual({
        streamId,
        expected,
        actual,
      });
    };

    const expectStreamDeleted = async (attempt: Promise<unknown>, streamId: string) => {
      const error = await failure('StreamDeleted', attempt);
      expect(isStoreError(error, 'StreamDeleted') && error.streamId).toBe(streamId);
    };

    const expectNotFound = async (streamId: string): Promise<void> => {
      const error = await failure('StreamNotFound', read(streamId));
      expect(isStoreError(error, 'StreamNotFound') && error.streamId).toBe(streamId);
      await failure('StreamNotFound', read(streamId, { direction: 'backwards' }));
    };

    const append = (
      streamId: string,
      events: readonly EventToAppend[],
      expectedRevision: ExpectedRevision = 'any',
    ): Promise<AppendResult> => store.appendToStream(streamId, events, { expectedRevision });

    /** A stream holding `count` events (revisions 0..count-1). */
    const streamWith = async (
      count: number,
      label = 'stream',
    ): Promise<{ streamId: string; events: EventToAppend[]; result: AppendResult }> => {
      const streamId = streamName(label);
      const events = someEvents(count);
      const result = await append(streamId, events, 'no_stream');
      return { streamId, events, result };
    };

    /** The position of the last event in the whole store, if it holds any. */
    const endOfStore = async (): Promise<bigint | undefined> => {
      const [last] = await collect(store.readAll({ direction: 'backwards', maxCount: 1 }));
      return last?.position;
    };

    /** Every event in the global order after `mark` (everything when `mark` is undefined). */
    const eventsAfter = async (mark: bigint | undefined): Promise<StoredEvent[]> => {
      const opts: ReadAllOptions = mark === undefined ? {} : { fromPosition: mark + 1n };
      return collect(store.readAll(opts));
    };

    /** This stream's events in the global order, read forwards from `from` (or the start). */
    const inGlobalOrder = async (streamIds: readonly string[], from?: bigint) => {
      const wanted = new Set(streamIds);
      const opts: ReadAllOptions = from === undefined ? {} : { fromPosition: from };
      return (await collect(store.readAll(opts))).filter((e) => wanted.has(e.streamId));
    };

    const withTimeout = async <T>(pending: Promise<T>, what: string): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([pending, timeout]);
      } finally {
        clearTimeout(timer);
      }
    };

    /** Reads messages until `enough` says so; fails if the subscription stalls or ends first. */
    const takeUntil = async (
      messages: AsyncIterator<SubscriptionMessage>,
      enough: (taken: readonly SubscriptionMessage[]) => boolean,
      what: string,
    ): Promise<SubscriptionMessage[]> => {
      const taken: SubscriptionMessage[] = [];
      while (!enough(taken)) {
        const next = await withTimeout(messages.next(), what);
        if (next.done === true) throw new Error(`the subscription ended while waiting for ${what}`);
        taken.push(next.value);
      }
      return taken;
    };

    const isCaughtUp = (m: SubscriptionMessage): boolean => m.kind === 'caughtUp';
    const eventsOf = (
      messages: readonly SubscriptionMessage[],
      streamIds: readonly string[],
    ): StoredEvent[] =>
      messages.flatMap((m) =>
        m.kind === 'event' && streamIds.includes(m.event.streamId) ? [m.event] : [],
      );
    const untilCaughtUp = (taken: readonly SubscriptionMessage[]): boolean =>
      taken.some(isCaughtUp);
    const untilOurs =
      (streamIds: readonly string[], count: number) =>
      (taken: readonly SubscriptionMessage[]): boolean =>
        eventsOf(taken, streamIds).length >= count;

    const expectStrictlyIncreasing = (positions: readonly bigint[]): void => {
      for (let i = 1; i < positions.length; i++)
        expect(at(positions, i) > at(positions, i - 1)).toBe(true);
    };

    const subscribeFromEnd = async (): Promise<Subscription> => {
      const end = await endOfStore();
      return store.subscribeToAll(end === undefined ? {} : { afterPosition: end });
    };

    // ------------------------------------------------- expected revision table

    describe('appending with an expected revision (EventStoreDB semantics)', () => {
      describe('to a stream that was never written', () => {
        it.each<ExpectedRevision>(['any', 'no_stream'])(
          '%s creates the stream, its first event at revision 0',
          async (expected) => {
            const streamId = streamName('missing');
            const event = anEvent();
            const result = await append(streamId, [event], expected);
            expect(result.nextExpectedRevision).toBe(0n);
            const stored = await read(streamId);
            expect(stored).toHaveLength(1);
            expect(at(stored, 0)).toMatchObject({
              streamId,
              revision: 0n,
              position: result.position,
              eventId: event.eventId,
              type: event.type,
              data: event.data,
              metadata: event.metadata,
            });
          },
        );

        it.each<ExpectedRevision>(['stream_exists', 0n, 3n])(
          '%s is a conflict with actual no_stream, and writes nothing',
          async (expected) => {
            const streamId = streamName('missing');
            await expectConflict(
              append(streamId, someEvents(2), expected),
              streamId,
              expected,
              'no_stream',
            );
            await expectNotFound(streamId);
          },
        );
      });

      describe('to a stream whose last revision is N', () => {
        it.each<ExpectedRevision>(['any', 'stream_exists', 2n])(
          '%s appends after N',
          async (expected) => {
            const { streamId, events } = await streamWith(3);
            const more = someEvents(2, 3);
            const result = await append(streamId, more, expected);
            expect(result.nextExpectedRevision).toBe(4n);
            const stored = await read(streamId);
            expect(revisions(stored)).toEqual([0n, 1n, 2n, 3n, 4n]);
            expect(ids(stored)).toEqual(ids([...events, ...more]));
          },
        );

        it.each<ExpectedRevision>(['no_stream', 0n, 1n, 3n, 10n])(
          '%s is a conflict naming N as the actual revision, and writes nothing',
          async (expected) => {
            const { streamId } = await streamWith(3);
            await expectConflict(
              append(streamId, someEvents(2, 3), expected),
              streamId,
              expected,
              2n,
            );
            expect(revisions(await read(streamId))).toEqual([0n, 1n, 2n]);
          },
        );
      });

      describe('to a soft-deleted stream whose last revision was N', () => {
        const softDeleted = async () => {
          const { streamId } = await streamWith(3, 'soft');
          await store.deleteStream(streamId, { mode: 'soft' });
          return streamId;
        };

        // EventStoreDB (SoftDeleteTests in its .NET client): appending with any, no_stream or the
        // old last revision recreates the stream; new events continue at N+1 and reads show only them.
        it.each<ExpectedRevision>(['any', 'no_stream', 2n])(
          '%s recreates it: the first new event is at N+1 and reads return only the new events',
          async (expected) => {
            const streamId = await softDeleted();
            const more = someEvents(2, 10);
            const result = await append(streamId, more, expected);
            expect(result.nextExpectedRevision).toBe(4n);
            const forwards = await read(streamId);
            expect(revisions(forwards)).toEqual([3n, 4n]);
            expect(ids(forwards)).toEqual(ids(more));
            expect(revisions(await read(streamId, { fromRevision: 0n }))).toEqual([3n, 4n]);
            expect(revisions(await read(streamId, { direction: 'backwards' }))).toEqual([4n, 3n]);
            expect(
              revisions(await read(streamId, { direction: 'backwards', toRevision: 0n })),
            ).toEqual([4n, 3n]);
          },
        );

        it('a recreated stream is live again: no_stream is now a conflict', async () => {
          const streamId = await softDeleted();
          await append(streamId, someEvents(1), 'no_stream');
          await expectConflict(
            append(streamId, someEvents(1), 'no_stream'),
            streamId,
            'no_stream',
            3n,
          );
        });

        // EventStoreDB: StreamExists against a soft-deleted stream answers "stream deleted".
        it('stream_exists is refused as deleted, and writes nothing', async () => {
          const streamId = await softDeleted();
          await expectStreamDeleted(append(streamId, someEvents(1), 'stream_exists'), streamId);
          await expectNotFound(streamId);
        });

        it.each<ExpectedRevision>([0n, 1n, 3n])(
          'exact %s (not N) is a conflict naming N, and writes nothing',
          async (expected) => {
            const streamId = await softDeleted();
            await expectConflict(append(streamId, someEvents(1), expected), streamId, expected, 2n);
            await expectNotFound(streamId);
          },
        );
      });

      describe('to a tombstoned stream', () => {
        it.each<ExpectedRevision>(['any', 'no_stream', 'stream_exists', 2n, 0n])(
          '%s is refused as deleted',
          async (expected) => {
            const { streamId } = await streamWith(3, 'tomb');
            await store.deleteStream(streamId, { mode: 'tombstone' });
            await expectStreamDeleted(append(streamId, someEvents(1), expected), streamId);
            await expectStreamDeleted(read(streamId), streamId);
          },
        );

        it.each<ExpectedRevision>(['any', 'no_stream'])(
          '%s is refused as deleted when the name was tombstoned before it was ever written',
          async (expected) => {
            const streamId = streamName('tomb');
            await store.deleteStream(streamId, {
              mode: 'tombstone',
              expectedRevision: 'no_stream',
            });
            await expectStreamDeleted(append(streamId, someEvents(1), expected), streamId);
          },
        );
      });
    });

    // ------------------------------------------------------------- idempotency

    describe('re-appending events already in the stream (idempotency)', () => {
      // EventStoreDB: with an expected revision the ids are compared with the events right after
      // it; all there → success writing nothing; none there → wrong expected version; some there →
      // also wrong expected version. With any the ids are looked up in the stream.
      it('at the exact revision they were appended after: succeeds, writes nothing, same result', async () => {
        const { streamId, result: first } = await streamWith(2, 'idem');
        const batch = someEvents(2, 2);
        const appended = await append(streamId, batch, first.nextExpectedRevision);
        const again = await append(streamId, batch, first.nextExpectedRevision);
        expect(again).toEqual(appended);
        expect(again.nextExpectedRevision).toBe(3n);
        expect(revisions(await read(streamId))).toEqual([0n, 1n, 2n, 3n]);
      });

      it('with no_stream, the first batch again: succeeds, writes nothing, same result', async () => {
        const { streamId, events, result } = await streamWith(3, 'idem');
        await append(streamId, someEvents(1, 3), 2n);
        const again = await append(streamId, events, 'no_stream');
        expect(again).toEqual(result);
        expect(again.nextExpectedRevision).toBe(2n);
        expect(revisions(await read(streamId))).toEqual([0n, 1n, 2n, 3n]);
      });

      it.each<ExpectedRevision>(['any', 'stream_exists'])(
        'with %s, a batch already in the stream: succeeds, writes nothing, same result',
        async (expected) => {
          const streamId = streamName('idem');
          await append(streamId, someEvents(1), 'no_stream');
          const batch = someEvents(2, 1);
          const appended = await append(streamId, batch, 'any');
          await append(streamId, someEvents(1, 3), 'any');
          const again = await append(streamId, batch, expected);
          expect(again).toEqual(appended);
          expect(again.nextExpectedRevision).toBe(2n);
          const stored = await read(streamId);
          expect(revisions(stored)).toEqual([0n, 1n, 2n, 3n]);
          const global = await inGlobalOrder([streamId]);
          expect(global).toHaveLength(4);
        },
      );

      it('ids that are in the stream, but not right after the expected revision, are a conflict', async () => {
        const { streamId, events } = await streamWith(3, 'idem');
        await expectConflict(append(streamId, [at(events, 0)], 1n), streamId, 1n, 2n);
        expect(revisions(await read(streamId))).toEqual([0n, 1n, 2n]);
      });

      it.each<ExpectedRevision>([1n, 'any'])(
        'with %s, a batch only partly in the stream is a conflict and writes nothing',
        async (expected) => {
          const { streamId, events } = await streamWith(3, 'idem');
          const batch = [at(events, 2), anEvent(9)];
          await expectConflict(append(streamId, batch, expected), streamId, expected, 2n);
          expect(ids(await read(streamId))).toEqual(ids(events));
        },
      );

      it('the same ids in another stream are new events there', async () => {
        const { events } = await streamWith(2, 'idem');
        const other = streamName('idem-other');
        const result = await append(other, events, 'no_stream');
        expect(result.nextExpectedRevision).toBe(1n);
        expect(ids(await read(other))).toEqual(ids(events));
      });
    });

    // ---------------------------------------------------------- all or nothing

    describe('an append is all or nothing', () => {
      it('a batch that conflicts writes none of its events', async () => {
        const { streamId } = await streamWith(1, 'atomic');
        const mark = await endOfStore();
        const batch = someEvents(5, 1);
        await conflict(append(streamId, batch, 7n));
        expect(revisions(await read(streamId))).toEqual([0n]);
        const written = new Set(ids(await eventsAfter(mark)));
        expect(ids(batch).filter((id) => written.has(id))).toEqual([]);
      });

      const malformed: readonly [
        string,
        (streamId: string) => [string, EventToAppend[], ExpectedRevision],
      ][] = [
        ['an empty stream name', () => ['', someEvents(2), 'any']],
        [
          'a stream name starting with $ (reserved)',
          () => [`$${streamName('reserved')}`, someEvents(2), 'any'],
        ],
        [
          'data that is not JSON',
          (s) => [s, [anEvent(0), { ...anEvent(1), data: '{"n": 1' }], 'any'],
        ],
        [
          'metadata that is not JSON',
          (s) => [s, [anEvent(0), { ...anEvent(1), metadata: 'by contract' }], 'any'],
        ],
        [
          'an event id that is not a UUID',
          (s) => [s, [anEvent(0), { ...anEvent(1), eventId: 'event-1' }], 'any'],
        ],
        ['an empty event type', (s) => [s, [anEvent(0), { ...anEvent(1), type: '' }], 'any']],
        [
          'the same event id twice in the batch',
          (s) => {
            const twice = anEvent(0);
            return [s, [twice, anEvent(1), { ...twice, data: '{"n":2}' }], 'any'];
          },
        ],
        ['a negative expected revision', (s) => [s, someEvents(2), -1n]],
      ];

      it.each(malformed)('%s is refused as invalid and nothing is written', async (_, build) => {
        const streamId = streamName('invalid');
        const mark = await endOfStore();
        const [target, batch, expected] = build(streamId);
        await failure('InvalidAppend', append(target, batch, expected));
        const written = new Set(ids(await eventsAfter(mark)));
        expect(ids(batch).filter((id) => written.has(id))).toEqual([]);
        if (target === streamId) await expectNotFound(streamId);
      });

      it('a malformed event refuses its whole batch on an existing stream too', async () => {
        const { streamId } = await streamWith(2, 'invalid');
        await failure(
          'InvalidAppend',
          append(streamId, [anEvent(2), { ...anEvent(3), data: 'nope' }], 1n),
        );
        expect(revisions(await read(streamId))).toEqual([0n, 1n]);
      });
    });

    // ------------------------------------------------------------- empty batch

    describe('appending an empty batch', () => {
      // EventStoreDB (append_to_stream "appending_zero_events"): accepted with any and no_stream on
      // a missing stream, the next expected revision stays "none" (-1) and the stream stays missing.
      it.each<ExpectedRevision>(['any', 'no_stream'])(
        'with %s to a missing stream is accepted, writes nothing and creates nothing',
        async (expected) => {
          const streamId = streamName('empty');
          const result = await append(streamId, [], expected);
          expect(result).toEqual({ nextExpectedRevision: -1n, position: -1n });
          expect(await append(streamId, [], expected)).toEqual(result);
          await expectNotFound(streamId);
          // Still never written: stream_exists is a plain conflict, not "deleted".
          await expectConflict(
            append(streamId, [], 'stream_exists'),
            streamId,
            'stream_exists',
            'no_stream',
          );
          expect((await append(streamId, someEvents(1), 'no_stream')).nextExpectedRevision).toBe(
            0n,
          );
        },
      );

      it.each<ExpectedRevision>(['any', 'stream_exists', 2n])(
        'with %s to a stream at N answers N and writes nothing',
        async (expected) => {
          const { streamId } = await streamWith(3, 'empty');
          const mark = await endOfStore();
          const result = await append(streamId, [], expected);
          expect(result).toEqual({ nextExpectedRevision: 2n, position: -1n });
          expect(revisions(await read(streamId))).toEqual([0n, 1n, 2n]);
          expect(
            await inGlobalOrder([streamId], mark === undefined ? undefined : mark + 1n),
          ).toEqual([]);
        },
      );

      it('is still checked against the expected revision', async () => {
        const { streamId } = await streamWith(3, 'empty');
        await expectConflict(append(streamId, [], 'no_stream'), streamId, 'no_stream', 2n);
        await expectConflict(append(streamId, [], 1n), streamId, 1n, 2n);
        await expectConflict(append(streamId, [], 5n), streamId, 5n, 2n);
        const missing = streamName('empty');
        await expectConflict(append(missing, [], 0n), missing, 0n, 'no_stream');
        await store.deleteStream(streamId, { mode: 'tombstone' });
        await expectStreamDeleted(append(streamId, [], 'any'), streamId);
      });
    });

    // ---------------------------------------------------------------- ordering

    describe('ordering', () => {
      it('a stream holds revisions 0..n-1 in the order appended, every field as given', async () => {
        const streamId = streamName('order');
        const first = someEvents(3);
        const second = someEvents(4, 3);
        const r1 = await append(streamId, first, 'no_stream');
        const r2 = await append(streamId, second, r1.nextExpectedRevision);
        expect([r1.nextExpectedRevision, r2.nextExpectedRevision]).toEqual([2n, 6n]);
        const stored = await read(streamId);
        expect(revisions(stored)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
        const given = [...first, ...second];
        stored.forEach((event, i) => {
          const sent = at(given, i);
          expect(event).toMatchObject({
            streamId,
            eventId: sent.eventId,
            type: sent.type,
            data: sent.data,
            metadata: sent.metadata,
          });
          expect(event.recordedAt).toBeInstanceOf(Date);
          expect(Number.isNaN(event.recordedAt.getTime())).toBe(false);
        });
      });

      it('positions increase strictly and agree with append results, readStream and readAll', async () => {
        const streamId = streamName('order');
        const r1 = await append(streamId, someEvents(3), 'no_stream');
        const r2 = await append(streamId, someEvents(2, 3), 2n);
        const stored = await read(streamId);
        const positions = stored.map((e) => e.position);
        expectStrictlyIncreasing(positions);
        expect(at(stored, 2).position).toBe(r1.position);
        expect(at(stored, 4).position).toBe(r2.position);
        const global = await inGlobalOrder([streamId], at(positions, 0));
        expect(global.map((e) => [e.eventId, e.position, e.revision])).toEqual(
          stored.map((e) => [e.eventId, e.position, e.revision]),
        );
        const backwards = await read(streamId, { direction: 'backwards' });
        expect(backwards.map((e) => e.position)).toEqual([...positions].reverse());
      });

      it('readAll interleaves streams in the order their events were appended', async () => {
        const a = streamName('order-a');
        const b = streamName('order-b');
        const a1 = someEvents(2);
        const b1 = someEvents(1);
        const a2 = someEvents(1, 2);
        const b2 = someEvents(2, 1);
        await append(a, a1, 'no_stream');
        await append(b, b1, 'no_stream');
        await append(a, a2, 1n);
        await append(b, b2, 0n);
        const start = at(await read(a), 0).position;
        const global = await inGlobalOrder([a, b], start);
        expect(global.map((e) => [e.streamId, e.eventId])).toEqual([
          ...a1.map((e) => [a, e.eventId]),
          ...b1.map((e) => [b, e.eventId]),
          ...a2.map((e) => [a, e.eventId]),
          ...b2.map((e) => [b, e.eventId]),
        ]);
        expectStrictlyIncreasing(global.map((e) => e.position));
      });
    });

    // ---------------------------------------------------------- reading a stream

    describe('reading a stream of ten events (revisions 0..9)', () => {
      const cases: readonly [string, ReadStreamOptions, readonly number[]][] = [
        ['forwards by default, all of it', {}, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
        ['forwards from a revision (inclusive)', { fromRevision: 3n }, [3, 4, 5, 6, 7, 8, 9]],
        ['forwards from a revision with maxCount', { fromRevision: 3n, maxCount: 2 }, [3, 4]],
        ['forwards with maxCount', { maxCount: 4 }, [0, 1, 2, 3]],
        ['forwards with maxCount beyond the end', { maxCount: 50 }, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
        ['forwards up to a revision (inclusive)', { toRevision: 5n }, [0, 1, 2, 3, 4, 5]],
        ['forwards between two revisions', { fromRevision: 2n, toRevision: 5n }, [2, 3, 4, 5]],
        [
          'forwards between two revisions with maxCount',
          { fromRevision: 2n, toRevision: 5n, maxCount: 3 },
          [2, 3, 4],
        ],
        ['forwards up to beyond the end', { fromRevision: 7n, toRevision: 40n }, [7, 8, 9]],
        ['forwards from the last revision', { fromRevision: 9n }, [9]],
        ['forwards from beyond the end: nothing', { fromRevision: 10n }, []],
        ['forwards from far beyond the end: nothing', { fromRevision: 2n ** 40n }, []],
        [
          'forwards with the bound before the start: nothing',
          { fromRevision: 5n, toRevision: 4n },
          [],
        ],
        [
          'backwards from the end by default',
          { direction: 'backwards' },
          [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
        ],
        [
          'backwards from the end with maxCount',
          { direction: 'backwards', maxCount: 3 },
          [9, 8, 7],
        ],
        [
          'backwards from a revision (inclusive)',
          { direction: 'backwards', fromRevision: 6n },
          [6, 5, 4, 3, 2, 1, 0],
        ],
        [
          'backwards from a revision with maxCount',
          { direction: 'backwards', fromRevision: 6n, maxCount: 2 },
          [6, 5],
        ],
        [
          'backwards down to a revision (inclusive)',
          { direction: 'backwards', toRevision: 4n },
          [9, 8, 7, 6, 5, 4],
        ],
        [
          'backwards between two revisions',
          { direction: 'backwards', fromRevision: 6n, toRevision: 4n },
          [6, 5, 4],
        ],
        ['backwards from revision 0', { direction: 'backwards', fromRevision: 0n }, [0]],
        // EventStoreDB starts a backwards read from beyond the end at the last event.
        [
          'backwards from beyond the end',
          { direction: 'backwards', fromRevision: 12n, maxCount: 2 },
          [9, 8],
        ],
        [
          'backwards from far beyond the end',
          { direction: 'backwards', fromRevision: 2n ** 40n, maxCount: 2 },
          [9, 8],
        ],
        [
          'backwards with the bound above the start: nothing',
          { direction: 'backwards', fromRevision: 3n, toRevision: 4n },
          [],
        ],
      ];

      it.each(cases)('%s', async (_, opts, expected) => {
        const { streamId, events } = await streamWith(10, 'read');
        const stored = await read(streamId, opts);
        expect(revisions(stored)).toEqual(expected.map((r) => BigInt(r)));
        expect(ids(stored)).toEqual(expected.map((r) => at(events, r).eventId));
      });

      it('a stream that was never written is not found, forwards or backwards', async () => {
        await expectNotFound(streamName('never'));
      });
    });

    // ----------------------------------------------------------------- readAll

    describe('reading all streams in global order', () => {
      /** Four events appended in one batch, so nothing else can come between them. */
      const fourInARow = async () => {
        const { streamId, events } = await streamWith(4, 'all');
        const stored = await read(streamId);
        return { streamId, events, stored, positions: stored.map((e) => e.position) };
      };

      it('forwards from a position (inclusive) with maxCount', async () => {
        const { stored, positions } = await fourInARow();
        const got = await collect(store.readAll({ fromPosition: at(positions, 1), maxCount: 2 }));
        expect(ids(got)).toEqual(ids(stored.slice(1, 3)));
        expect(got.map((e) => e.position)).toEqual(positions.slice(1, 3));
      });

      it('backwards from a position (inclusive) with maxCount', async () => {
        const { stored, positions } = await fourInARow();
        const got = await collect(
          store.readAll({ direction: 'backwards', fromPosition: at(positions, 2), maxCount: 2 }),
        );
        expect(ids(got)).toEqual(ids([at(stored, 2), at(stored, 1)]));
      });

      // Where positions leave gaps (EventStoreDB's byte offsets), these start between two events.
      it('from just past an event, starts at the next event in the direction of reading', async () => {
        const { stored, positions } = await fourInARow();
        const [forwards] = await collect(
          store.readAll({ fromPosition: at(positions, 0) + 1n, maxCount: 1 }),
        );
        expect(forwards?.eventId).toBe(at(stored, 1).eventId);
        const [backwards] = await collect(
          store.readAll({
            direction: 'backwards',
            fromPosition: at(positions, 3) - 1n,
            maxCount: 1,
          }),
        );
        expect(backwards?.eventId).toBe(at(stored, 2).eventId);
      });

      it('backwards from the end by default', async () => {
        const { streamId, stored, positions } = await fourInARow();
        const seen: StoredEvent[] = [];
        let first: StoredEvent | undefined;
        for await (const event of store.readAll({ direction: 'backwards' })) {
          first ??= event;
          if (event.streamId === streamId) seen.push(event);
          if (seen.length === stored.length) break;
        }
        expect(first !== undefined && first.position >= at(positions, 3)).toBe(true);
        expect(ids(seen)).toEqual(ids([...stored].reverse()));
        expectStrictlyIncreasing(seen.map((e) => e.position).reverse());
      });

      it('forwards from the start by default, positions strictly increasing', async () => {
        const { streamId, stored } = await fourInARow();
        const seen: StoredEvent[] = [];
        const allPositions: bigint[] = [];
        for await (const event of store.readAll()) {
          allPositions.push(event.position);
          if (event.streamId === streamId) seen.push(event);
          if (seen.length === stored.length) break;
        }
        expect(ids(seen)).toEqual(ids(stored));
        expectStrictlyIncreasing(allPositions);
      });

      it('maxCount bounds the whole read, and nothing of ours lies beyond our last position', async () => {
        const { streamId, positions } = await fourInARow();
        expect(await collect(store.readAll({ maxCount: 3 }))).toHaveLength(3);
        const beyond = await collect(store.readAll({ fromPosition: at(positions, 3) + 1n }));
        expect(beyond.filter((e) => e.streamId === streamId)).toEqual([]);
      });
    });

    // -------------------------------------------------------------- soft delete

    describe('soft delete', () => {
      it('makes reads say not found; the events stay in readAll and in subscription catch-up', async () => {
        const { streamId } = await streamWith(3, 'soft');
        const before = await read(streamId);
        await store.deleteStream(streamId, { mode: 'soft' });
        await expectNotFound(streamId);
        const fromFirst = at(before, 0).position;
        const global = await inGlobalOrder([streamId], fromFirst);
        expect(global.map((e) => [e.eventId, e.revision, e.position])).toEqual(
          before.map((e) => [e.eventId, e.revision, e.position]),
        );
        const sub = store.subscribeToAll({ afterPosition: fromFirst - 1n });
        try {
          const taken = await takeUntil(
            sub[Symbol.asyncIterator](),
            untilOurs([streamId], 3),
            'the soft-deleted events',
          );
          expect(ids(eventsOf(taken, [streamId]))).toEqual(ids(before));
        } finally {
          await sub.close();
        }
      });

      it.each<ExpectedRevision>([2n, 'stream_exists', 'any'])(
        'with expected revision %s on a stream at N succeeds',
        async (expected) => {
          const { streamId } = await streamWith(3, 'soft');
          await store.deleteStream(streamId, { mode: 'soft', expectedRevision: expected });
          await expectNotFound(streamId);
        },
      );

      it.each<ExpectedRevision>([1n, 5n, 'no_stream'])(
        'with expected revision %s on a stream at N is a conflict, and the stream stays',
        async (expected) => {
          const { streamId } = await streamWith(3, 'soft');
          await expectConflict(
            store.deleteStream(streamId, { mode: 'soft', expectedRevision: expected }),
            streamId,
            expected,
            2n,
          );
          expect(revisions(await read(streamId))).toEqual([0n, 1n, 2n]);
        },
      );

      // EventStoreDB since 21.10 (EventStore#3154): soft-deleting a stream that was never written is
      // a wrong-expected-version error, even with any.
      it.each<ExpectedRevision>(['any', 'no_stream', 'stream_exists', 0n])(
        'of a stream never written, with %s, is a conflict with actual no_stream',
        async (expected) => {
          const streamId = streamName('soft-missing');
          await expectConflict(
            store.deleteStream(streamId, { mode: 'soft', expectedRevision: expected }),
            streamId,
            expected,
            'no_stream',
          );
          expect((await append(streamId, someEvents(1), 'no_stream')).nextExpectedRevision).toBe(
            0n,
          );
        },
      );

      it('of a soft-deleted stream changes nothing (any, no_stream, N); stream_exists says deleted', async () => {
        const { streamId } = await streamWith(3, 'soft');
        await store.deleteStream(streamId, { mode: 'soft' });
        await store.deleteStream(streamId, { mode: 'soft' });
        await store.deleteStream(streamId, { mode: 'soft', expectedRevision: 'no_stream' });
        await store.deleteStream(streamId, { mode: 'soft', expectedRevision: 2n });
        await expectConflict(
          store.deleteStream(streamId, { mode: 'soft', expectedRevision: 1n }),
          streamId,
          1n,
          2n,
        );
        await expectStreamDeleted(
          store.deleteStream(streamId, { mode: 'soft', expectedRevision: 'stream_exists' }),
          streamId,
        );
        await expectNotFound(streamId);
        expect((await append(streamId, someEvents(1), 'no_stream')).nextExpectedRevision).toBe(3n);
      });

      it('after recreation hides the new events too, and the next recreation carries on after them', async () => {
        const { streamId } = await streamWith(2, 'soft');
        await store.deleteStream(streamId, { mode: 'soft', expectedRevision: 1n });
        await append(streamId, someEvents(2, 2), 'no_stream');
        await store.deleteStream(streamId, { mode: 'soft', expectedRevision: 3n });
        await expectNotFound(streamId);
        const last = anEvent(4);
        expect((await append(streamId, [last], 'no_stream')).nextExpectedRevision).toBe(4n);
        const stored = await read(streamId);
        expect(stored.map((e) => [e.revision, e.eventId])).toEqual([[4n, last.eventId]]);
      });

      it('can be followed by a tombstone', async () => {
        const { streamId } = await streamWith(2, 'soft');
        await store.deleteStream(streamId, { mode: 'soft' });
        await store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: 1n });
        await expectStreamDeleted(read(streamId), streamId);
      });
    });

    // ---------------------------------------------------------------- tombstone

    describe('tombstone', () => {
      it('makes reads say deleted in both directions; the events stay in readAll', async () => {
        const { streamId } = await streamWith(3, 'tomb');
        const before = await read(streamId);
        await store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: 2n });
        await expectStreamDeleted(read(streamId), streamId);
        await expectStreamDeleted(read(streamId, { direction: 'backwards' }), streamId);
        const global = await inGlobalOrder([streamId], at(before, 0).position);
        expect(ids(global)).toEqual(ids(before));
      });

      it.each([
        ['soft', 'any'],
        ['tombstone', 'any'],
        ['tombstone', 'no_stream'],
        ['soft', 2n],
      ] as const)('refuses a later %s delete (expected %s) as deleted', async (mode, expected) => {
        const { streamId } = await streamWith(3, 'tomb');
        await store.deleteStream(streamId, { mode: 'tombstone' });
        await expectStreamDeleted(
          store.deleteStream(streamId, { mode, expectedRevision: expected }),
          streamId,
        );
      });

      it.each<ExpectedRevision>([0n, 7n, 'no_stream'])(
        'with expected revision %s on a stream at N is a conflict, and the stream stays',
        async (expected) => {
          const { streamId } = await streamWith(3, 'tomb');
          await expectConflict(
            store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: expected }),
            streamId,
            expected,
            2n,
          );
          expect(revisions(await read(streamId))).toEqual([0n, 1n, 2n]);
          await append(streamId, someEvents(1), 2n);
        },
      );

      // EventStoreDB ("hard_deleting_a_stream_that_does_not_exist_with_expected_version_does_not_throw"):
      // tombstoning a stream never written succeeds with any or no_stream.
      it.each<ExpectedRevision>(['any', 'no_stream'])(
        'of a stream never written, with %s, succeeds and bars the name',
        async (expected) => {
          const streamId = streamName('tomb-missing');
          await store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: expected });
          await expectStreamDeleted(read(streamId), streamId);
          await expectStreamDeleted(append(streamId, someEvents(1), 'no_stream'), streamId);
        },
      );

      it.each<ExpectedRevision>([0n, 'stream_exists'])(
        'of a stream never written, with %s, is a conflict with actual no_stream',
        async (expected) => {
          const streamId = streamName('tomb-missing');
          await expectConflict(
            store.deleteStream(streamId, { mode: 'tombstone', expectedRevision: expected }),
            streamId,
            expected,
            'no_stream',
          );
          expect((await append(streamId, someEvents(1), 'no_stream')).nextExpectedRevision).toBe(
            0n,
          );
        },
      );
    });

    // ------------------------------------------------------------ subscriptions

    describe('subscribing to all', () => {
      it('from the start: catches up on existing events, says caughtUp, then delivers live events in order', async () => {
        const { streamId, events } = await streamWith(2, 'sub');
        const sub = store.subscribeToAll();
        try {
          const messages = sub[Symbol.asyncIterator]();
          const catchUp = await takeUntil(messages, untilCaughtUp, 'caughtUp');
          expect(ids(eventsOf(catchUp, [streamId]))).toEqual(ids(events));
          expect(catchUp.filter(isCaughtUp)).toHaveLength(1);
          expect(at(catchUp, catchUp.length - 1).kind).toBe('caughtUp');

          const live = someEvents(3, 2);
          await append(streamId, live.slice(0, 2), 1n);
          await append(streamId, live.slice(2), 3n);
          const after = await takeUntil(messages, untilOurs([streamId], 3), 'the live events');
          const delivered = eventsOf(after, [streamId]);
          expect(ids(delivered)).toEqual(ids(live));
          expect(revisions(delivered)).toEqual([2n, 3n, 4n]);
          expect(after.filter(isCaughtUp)).toEqual([]);
          const positions = [...catchUp, ...after].flatMap((m) =>
            m.kind === 'event' ? [m.event.position] : [],
          );
          expectStrictlyIncreasing(positions);
        } finally {
          await sub.close();
        }
      });

      it('from a position: delivers only events after it (exclusive), then caughtUp, then live events', async () => {
        const { streamId, events } = await streamWith(3, 'sub');
        const stored = await read(streamId);
        const after = at(stored, 0).position;
        const sub = store.subscribeToAll({ afterPosition: after });
        try {
          const messages = sub[Symbol.asyncIterator]();
          const catchUp = await takeUntil(messages, untilCaughtUp, 'caughtUp');
          const delivered = catchUp.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
          expect(delivered.every((e) => e.position > after)).toBe(true);
          expect(ids(eventsOf(catchUp, [streamId]))).toEqual(ids(events.slice(1)));
          const live = anEvent(3);
          await append(streamId, [live], 2n);
          const more = await takeUntil(messages, untilOurs([streamId], 1), 'the live event');
          expect(ids(eventsOf(more, [streamId]))).toEqual([live.eventId]);
        } finally {
          await sub.close();
        }
      });

      it('on an empty store (or at the end of a shared one): caughtUp first, then live events', async () => {
        const end = await endOfStore();
        if (startsEmpty) expect(end).toBeUndefined();
        const sub = store.subscribeToAll(end === undefined ? {} : { afterPosition: end });
        try {
          const messages = sub[Symbol.asyncIterator]();
          const catchUp = await takeUntil(messages, untilCaughtUp, 'caughtUp');
          if (startsEmpty) expect(catchUp).toEqual([{ kind: 'caughtUp' }]);
          const streamId = streamName('sub-empty');
          const live = someEvents(2);
          await append(streamId, live, 'no_stream');
          const after = await takeUntil(messages, untilOurs([streamId], 2), 'the live events');
          expect(ids(eventsOf(after, [streamId]))).toEqual(ids(live));
        } finally {
          await sub.close();
        }
      });

      it('close() ends iteration: a pending next() resolves done, and later events are not delivered', async () => {
        const sub = await subscribeFromEnd();
        const messages = sub[Symbol.asyncIterator]();
        await takeUntil(messages, untilCaughtUp, 'caughtUp');
        const pending = messages.next();
        await sub.close();
        let next = await withTimeout(pending, 'the pending next() to end after close()');
        const leftOver: SubscriptionMessage[] = [];
        while (next.done !== true) {
          leftOver.push(next.value);
          next = await withTimeout(messages.next(), 'the subscription to end after close()');
        }
        const streamId = streamName('sub-closed');
        await append(streamId, someEvents(1), 'no_stream');
        const afterwards = await withTimeout(messages.next(), 'next() after close()');
        expect(afterwards.done).toBe(true);
        expect(eventsOf(leftOver, [streamId])).toEqual([]);
      });

      it('close() before iterating: the first next() is done', async () => {
        const sub = await subscribeFromEnd();
        await sub.close();
        const first = await withTimeout(sub[Symbol.asyncIterator]().next(), 'next() after close()');
        expect(first.done).toBe(true);
      });

      it('several subscribers at once each receive every event, in the same order; closing one leaves the others', async () => {
        const end = await endOfStore();
        const subscribe = () =>
          store.subscribeToAll(end === undefined ? {} : { afterPosition: end });
        const subs = [subscribe(), subscribe(), subscribe()];
        try {
          const iterators = subs.map((s) => s[Symbol.asyncIterator]());
          for (const it of iterators) await takeUntil(it, untilCaughtUp, 'caughtUp');
          const a = streamName('sub-many-a');
          const b = streamName('sub-many-b');
          const sent = [someEvents(2), someEvents(1), someEvents(1, 2)] as const;
          await append(a, sent[0], 'no_stream');
          await append(b, sent[1], 'no_stream');
          await append(a, sent[2], 1n);
          const expected = ids([...sent[0], ...sent[1], ...sent[2]]);
          for (const it of iterators) {
            const taken = await takeUntil(it, untilOurs([a, b], 4), 'the events');
            expect(ids(eventsOf(taken, [a, b]))).toEqual(expected);
          }
          await at(subs, 0).close();
          const late = anEvent(9);
          await append(b, [late], 0n);
          for (const it of iterators.slice(1)) {
            const taken = await takeUntil(it, untilOurs([b], 1), 'the late event');
            expect(ids(eventsOf(taken, [b]))).toEqual([late.eventId]);
          }
          const closed = await withTimeout(
            at(iterators, 0).next(),
            'the closed subscription to end',
          );
          expect(closed.done).toBe(true);
        } finally {
          await Promise.all(subs.map((s) => s.close()));
        }
      });
    });
  });
};
